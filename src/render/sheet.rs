//! LaTeX written onto a page that it must fit: the rows of an `align*`,
//! broken where they would run off the page, and Beamer frames continued on
//! the next frame where they would run off its bottom.
//!
//! A [`Sheet`] is the one place that knows where the pen is: how wide the
//! current row already is and how much of the frame is used. Equations are
//! laid out greedily, left to right, a summand at a time: a summand that does
//! not fit the row starts a new one (`\\` then `&\quad` and its operator,
//! which is how netform's reader joins it back); a summand that is wider than
//! a whole row and holds a bracket is opened, and its own summands are laid
//! out inside it, continuation rows indented one `\quad` per bracket open.
//! Greedy placement needs no lookahead, so an equation of any length is
//! written as it is read, in memory that follows its bracket depth.

use super::fit::{self, Page, Width};
use std::fmt::{self, Write};

/// An `align*` (or several, one per frame) being written onto a page.
pub(crate) struct Sheet<'o> {
    out: &'o mut dyn Write,
    page: Page,
    /// The width right of the alignment point, in hundredths of an em.
    room: Width,
    /// The title of the frame, repeated with `(cont.)` on each continuation;
    /// `None` outside Beamer.
    title: Option<String>,
    /// The height of the current frame's rows so far, in points.
    used: f64,
    /// Whether an `align*` is open, and whether it has a row.
    open: bool,
    rows: usize,
    /// How wide the current row is right of the alignment point.
    column: Width,
    /// Where the current row's text starts (its indentation), to tell a row
    /// with nothing on it yet.
    start: Width,
    /// The frames written.
    frames: usize,
    /// Whether anything was written (outside Beamer, where the size is set
    /// once, before the first row).
    started: bool,
}

impl<'o> Sheet<'o> {
    /// A sheet writing to `out` on `page`, whose left sides are at most
    /// `lhs` wide; a Beamer frame titled `title` is begun.
    pub(crate) fn new(out: &'o mut dyn Write, page: Page, lhs: Width, title: &str) -> Self {
        let room = page
            .width()
            .saturating_sub(lhs + fit::width(" = "))
            .max(page.width() / 3);
        let title = page.is_beamer().then(|| title.to_string());
        Sheet {
            out,
            page,
            room,
            title,
            used: 0.0,
            open: false,
            rows: 0,
            column: 0,
            start: 0,
            frames: 0,
            started: false,
        }
    }

    /// The page.
    pub(crate) fn page(&self) -> Page {
        self.page
    }

    /// The width right of the alignment point.
    pub(crate) fn room(&self) -> Width {
        self.room
    }

    /// Writes text as it is, on the current row.
    pub(crate) fn text(&mut self, text: &str, width: Width) -> fmt::Result {
        self.column += width;
        self.out.write_str(text)
    }

    /// Writes text `width` wide by `write`, on the current row.
    pub(crate) fn write_with(
        &mut self,
        width: Width,
        write: impl FnOnce(&mut dyn Write) -> fmt::Result,
    ) -> fmt::Result {
        self.column += width;
        write(self.out)
    }

    /// Writes text the reader of the output does not need to measure:
    /// a frame's `\pause`, a comment.
    pub(crate) fn raw(&mut self, text: &str) -> fmt::Result {
        self.out.write_str(text)
    }

    /// Starts a row `height` points tall, continuing on a new frame when the
    /// current one is full, and writes its left side (empty for a chained
    /// equality's next side) and `&= `.
    pub(crate) fn row(&mut self, lhs: &str, height: f64) -> fmt::Result {
        self.start_row(height)?;
        self.column = fit::width(" = ");
        self.start = self.column;
        self.out.write_str(lhs)?;
        self.out.write_str(" &= ")
    }

    /// Starts a row whose text starts at the alignment point: `&\text{…}`.
    pub(crate) fn bare_row(&mut self, height: f64) -> fmt::Result {
        self.start_row(height)?;
        self.column = 0;
        self.start = 0;
        Ok(())
    }

    /// Ends the current row and continues the equation on a new one,
    /// indented one `\quad` and one more per bracket open (`depth`).
    pub(crate) fn continuation(&mut self, depth: usize) -> fmt::Result {
        self.start_row(self.page.row())?;
        self.out.write_str("&\\quad")?;
        for _ in 0..depth {
            self.out.write_str("\\quad")?;
        }
        self.out.write_char(' ')?;
        self.column = 100 * (depth + 1);
        self.start = self.column;
        Ok(())
    }

    /// Places a summand `width` wide (its operator included) on the current
    /// row, or on a continuation row at `depth` when the current one has
    /// something on it and no room left. Returns whether it now fits whole.
    pub(crate) fn place(&mut self, width: Width, depth: usize) -> Result<bool, fmt::Error> {
        if self.column + width > self.room && self.column > self.start {
            self.continuation(depth)?;
        }
        Ok(self.column + width <= self.room)
    }

    /// Whether the current row has nothing on it after its indentation.
    pub(crate) fn fresh(&self) -> bool {
        self.column <= self.start
    }

    /// Ends the rows: closes the `align*` and the frame.
    pub(crate) fn finish(mut self) -> fmt::Result {
        self.close_align()?;
        if self.title.is_some() && self.frames > 0 {
            self.out.write_str("\\end{frame}\n")?;
        }
        Ok(())
    }

    /// Ends the current frame and begins the next, titled `title`; the
    /// rows that follow start a new `align*`.
    pub(crate) fn next_frame(&mut self, title: &str) -> fmt::Result {
        self.close_align()?;
        if self.title.is_some() {
            if self.frames > 0 {
                self.out.write_str("\\end{frame}\n")?;
            }
            self.title = Some(title.to_string());
            self.begin_frame(title)?;
        }
        Ok(())
    }

    /// Writes text between `align*` environments, `height` points tall: a
    /// step's title in prose, a `\pause`.
    pub(crate) fn between(&mut self, text: &str, height: f64) -> fmt::Result {
        self.close_align()?;
        self.make_room(height + self.page.row())?;
        self.used += height;
        self.out.write_str(text)
    }

    fn begin_frame(&mut self, title: &str) -> fmt::Result {
        self.frames += 1;
        self.used = 0.0;
        writeln!(self.out, "\\begin{{frame}}{{{title}}}")?;
        self.size()
    }

    /// Sets the page's type size, when it is not the document's.
    fn size(&mut self) -> fmt::Result {
        match self.page.size_command() {
            Some(command) => writeln!(self.out, "{command}"),
            None => Ok(()),
        }
    }

    /// Continues on a new frame when `height` more points do not fit.
    fn make_room(&mut self, height: f64) -> fmt::Result {
        let Some(title) = self.title.clone() else {
            if !self.started {
                self.started = true;
                self.size()?;
            }
            return Ok(());
        };
        if self.frames == 0 {
            return self.begin_frame(&title);
        }
        let capacity = self.page.height().unwrap_or(f64::INFINITY);
        if self.used > 0.0 && self.used + height > capacity {
            self.close_align()?;
            self.out.write_str("\\end{frame}\n")?;
            let continued = if title.ends_with(" (cont.)") {
                title
            } else {
                format!("{title} (cont.)")
            };
            self.title = Some(continued.clone());
            self.begin_frame(&continued)?;
        }
        Ok(())
    }

    fn start_row(&mut self, height: f64) -> fmt::Result {
        self.make_room(height)?;
        if !self.open {
            self.out.write_str("\\begin{align*}\n")?;
            self.open = true;
            self.rows = 0;
            if self.used > 0.0 {
                // The space above a display that follows another.
                self.used += self.page.row() * 0.7;
            }
        }
        if self.rows > 0 {
            self.out.write_str(" \\\\\n")?;
        }
        self.rows += 1;
        self.used += height;
        Ok(())
    }

    fn close_align(&mut self) -> fmt::Result {
        if self.open {
            self.out.write_str("\n\\end{align*}\n")?;
            self.open = false;
        }
        Ok(())
    }
}
