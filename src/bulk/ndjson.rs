//! Reading NDJSON one bounded line at a time.

use std::io::BufRead;

/// One line of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    /// The line's bytes, without the `\n` (or `\r\n`).
    Text(Vec<u8>),
    /// The line was longer than the cap; its bytes were skipped, not kept.
    TooLong {
        /// How long it was.
        len: usize,
    },
}

/// Splits a reader into lines of at most `max` bytes, numbering them from 1.
/// A longer line is skipped to its end and reported as [`Line::TooLong`], so
/// memory does not grow with the input.
pub(crate) struct Lines<R> {
    reader: R,
    max: usize,
    number: usize,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(reader: R, max: usize) -> Self {
        Lines {
            reader,
            max,
            number: 0,
            done: false,
        }
    }

    /// The next line with its number, `None` at the end of the input.
    ///
    /// # Errors
    /// The reader's error, with the number of the line being read.
    pub(crate) fn next_line(&mut self) -> Result<Option<(usize, Line)>, (usize, std::io::Error)> {
        if self.done {
            return Ok(None);
        }
        let number = self.number.saturating_add(1);
        let mut buf = Vec::new();
        let mut len = 0usize;
        let mut any = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err((number, e)),
            };
            if chunk.is_empty() {
                self.done = true;
                break;
            }
            any = true;
            let (part, used, end) = match chunk.iter().position(|b| *b == b'\n') {
                Some(i) => (
                    chunk.get(..i).unwrap_or_default(),
                    i.saturating_add(1),
                    true,
                ),
                None => (chunk, chunk.len(), false),
            };
            len = len.saturating_add(part.len());
            if len <= self.max.saturating_add(1) {
                buf.extend_from_slice(part);
            }
            self.reader.consume(used);
            if end {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.number = number;
        if buf.last() == Some(&b'\r') {
            buf.pop();
            len = len.saturating_sub(1);
        }
        if len > self.max {
            return Ok(Some((number, Line::TooLong { len })));
        }
        Ok(Some((number, Line::Text(buf))))
    }
}

/// Whether a line holds only ASCII whitespace (skipped: NDJSON readers
/// commonly tolerate blank lines; the line still counts for numbering).
pub(crate) fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], max: usize) -> Vec<(usize, Line)> {
        let mut l = Lines::new(std::io::BufReader::with_capacity(3, input), max);
        let mut out = Vec::new();
        while let Some(x) = l.next_line().unwrap() {
            out.push(x);
        }
        out
    }

    #[test]
    fn numbers_lines_and_caps_them() {
        let t = |s: &str| Line::Text(s.as_bytes().to_vec());
        assert_eq!(
            all(b"ab\r\n\ncdefgh\nxyz", 4),
            vec![
                (1, t("ab")),
                (2, t("")),
                (3, Line::TooLong { len: 6 }),
                (4, t("xyz"))
            ]
        );
        assert_eq!(all(b"", 4), vec![]);
        assert_eq!(all(b"abcd\n", 4), vec![(1, t("abcd"))]);
        assert!(is_blank(b" \t") && !is_blank(b" {"));
    }
}
