//! `netform.toml`: settings for `check` kept beside a document.
//!
//! The file holds one key today:
//!
//! ```toml
//! ignore = ["notation", "index"]   # silenced like `--ignore CODE`
//! ```
//!
//! An unknown key, a value of the wrong kind, bad TOML and an unknown
//! finding code are errors located in the file.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::syntax::Span;

/// The name of the file `check` looks for in the document's directory.
pub const FILE_NAME: &str = "netform.toml";

/// The settings a `netform.toml` gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Finding codes silenced for the whole document.
    pub ignore: Vec<String>,
}

/// The file as written, with where each code stands.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    ignore: Vec<toml::Spanned<String>>,
}

/// Reads a `netform.toml`: its settings, or the error located in `text`.
///
/// ```
/// use netform::check::config;
/// let c = config::parse("ignore = [\"index\", \"notation\"]\n").unwrap();
/// assert_eq!(c.ignore, ["index", "notation"]);
/// let e = config::parse("ignroe = [\"index\"]\n").unwrap_err();
/// assert!(e.message.contains("ignroe"));
/// let e = config::parse("ignore = [\"indx\"]\n").unwrap_err();
/// assert!(e.message.contains("indx") && e.help.unwrap().contains("index"));
/// ```
pub fn parse(text: &str) -> Result<Config, Diagnostic> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let message = e.message().trim_end().to_string();
        match e.span() {
            Some(r) => Diagnostic::error("config", message, Span::new(r.start, r.end.max(r.start))),
            None => Diagnostic::global("config", message),
        }
    })?;
    for code in &raw.ignore {
        if let Some(d) = unknown_code(code.get_ref()) {
            let r = code.span();
            let mut d = d;
            d.span = Some(Span::new(r.start, r.end));
            return Err(d);
        }
    }
    Ok(Config {
        ignore: raw
            .ignore
            .into_iter()
            .map(toml::Spanned::into_inner)
            .collect(),
    })
}

/// The error for a finding code `check` never reports, naming the codes it
/// does; `None` for a known code.
///
/// ```
/// use netform::check::config::unknown_code;
/// assert!(unknown_code("index").is_none());
/// assert!(unknown_code("indexes").unwrap().help.unwrap().contains("missing-term"));
/// ```
pub fn unknown_code(code: &str) -> Option<Diagnostic> {
    if super::CODES.contains(&code) {
        return None;
    }
    let mut d = Diagnostic::global(
        "config",
        format!("`{code}` is not a code `check` reports, so it cannot be ignored"),
    );
    d.help = Some(format!("the codes are {}", super::CODES.join(", ")));
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_ignores_nothing() {
        assert_eq!(parse("").unwrap(), Config::default());
        assert_eq!(parse("# nothing yet\n").unwrap(), Config::default());
    }

    #[test]
    fn each_error_is_located_in_the_file() {
        // (file, the text the error's span covers)
        let cases = [
            ("ignore = [\"index\"]\ncolour = true\n", "colour"),
            ("ignore = \"index\"\n", "\"index\""),
            ("ignore = [1]\n", "1"),
            ("ignore = [\"index\", \"bogus\"]\n", "\"bogus\""),
            ("ignore = [\"index\"\n", ""),
        ];
        for (text, covered) in cases {
            let d = parse(text).unwrap_err();
            let span = d.span.unwrap_or_else(|| panic!("{text:?}: no location"));
            let at = &text[span.start as usize..span.end as usize];
            if covered.is_empty() {
                assert!(span.start as usize >= text.find('[').unwrap(), "{text:?}");
            } else {
                assert_eq!(at, covered, "{text:?}: {}", d.message);
            }
            assert_eq!(d.code, "config");
        }
    }
}
