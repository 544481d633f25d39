//! The subcommands, one module each; `main.rs` holds what they share.

pub(crate) mod check;
pub(crate) mod compose;
pub(crate) mod convert;
pub(crate) mod count;
pub(crate) mod eval;
pub(crate) mod plot;

/// Reports a misuse of the command line (an option that does not apply, a
/// value out of range) and ends the process with exit code 2, as clap does
/// for the misuses it finds itself.
pub(crate) fn usage(message: &str) -> ! {
    eprintln!("error: {message}\n\nFor more information, try '--help'.");
    std::process::exit(2)
}

/// Refuses the LaTeX-only options with another format.
pub(crate) fn latex_only(latex: bool, options: &[(&str, bool)]) {
    if latex {
        return;
    }
    if let Some((name, _)) = options.iter().find(|(_, given)| *given) {
        usage(&format!("{name} applies to --format latex only"));
    }
}

/// Reads everything from `reader`, but stops with an error once it has more
/// than `limit` bytes: an endless stream (a pipe that never closes its end)
/// costs at most about `limit` bytes of memory. It also stops just after a
/// NUL byte, which decoding refuses, so `/dev/zero` ends at once.
///
/// The bytes are read in chunks of at most 64 MiB and joined once the end is
/// reached, so no buffer is ever copied into one twice its size on the way;
/// past the limit, nothing is joined.
///
/// `expected` is the size the input says it has (a file's length): the
/// first chunk is made that size plus one byte, so that a file read whole
/// is read into one buffer and never copied.
pub(crate) fn read_limited(
    reader: &mut dyn std::io::Read,
    limit: usize,
    expected: Option<u64>,
) -> std::io::Result<Vec<u8>> {
    const CHUNK: usize = 64 << 20;
    let cap = limit.saturating_add(1);
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut total = 0usize;
    let mut size = expected
        .and_then(|n| usize::try_from(n).ok())
        .map_or(64 << 10, |n| n.saturating_add(1).max(64 << 10));
    loop {
        let want = size.min(cap - total);
        let mut chunk = Vec::with_capacity(want);
        let n = std::io::Read::read_to_end(
            &mut std::io::Read::take(&mut *reader, want as u64),
            &mut chunk,
        )?;
        total += n;
        // Text has no NUL byte, and decoding refuses the first one (after
        // any invalid UTF-8 before it): reading on would change nothing but
        // the time an endless stream of zeros takes.
        let nul = memchr::memchr(0, &chunk);
        if let Some(at) = nul {
            chunk.truncate(at + 1);
        }
        if n > 0 {
            chunks.push(chunk);
        }
        if nul.is_some() {
            return Ok(chunks.concat());
        }
        if total >= cap {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("it has more than {limit} bytes, the most netform reads"),
            ));
        }
        if n < want {
            return Ok(match chunks.len() {
                0 => Vec::new(),
                1 => chunks.swap_remove(0),
                _ => chunks.concat(),
            });
        }
        size = (size * 2).min(CHUNK);
    }
}

#[cfg(test)]
mod tests {
    use super::read_limited;

    #[test]
    fn an_endless_stream_stops_one_byte_past_the_limit() {
        let mut letters = std::io::repeat(b'a');
        let error = read_limited(&mut letters, 1_000_000, None).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(
            error.to_string(),
            "it has more than 1000000 bytes, the most netform reads"
        );
    }

    #[test]
    fn reading_stops_just_after_a_nul_byte() {
        let mut zeros = std::io::repeat(0);
        assert_eq!(read_limited(&mut zeros, 1_000_000, None).unwrap(), vec![0]);
        let mut text = b"y = x\0 and more".as_slice();
        assert_eq!(
            read_limited(&mut text, 1_000_000, None).unwrap(),
            b"y = x\0"
        );
    }

    #[test]
    fn a_short_stream_is_read_whole() {
        let text = b"h_1 = a[theta_10 + theta_11 x]".to_vec();
        assert_eq!(
            read_limited(&mut text.as_slice(), 1 << 20, Some(text.len() as u64)).unwrap(),
            text
        );
        assert!(read_limited(&mut text.as_slice(), 5, Some(text.len() as u64)).is_err());
    }
}
