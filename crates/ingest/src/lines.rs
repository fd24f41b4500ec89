//! A line reader that never holds more than a fixed number of bytes.

use std::io::{self, BufRead};

/// What [`BoundedLines::next_line`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineRead {
    /// A whole line is in the buffer (without `\n` or `\r\n`).
    Line,
    /// The line was longer than the limit; it was skipped and the buffer is empty.
    TooLong,
}

/// Reads `\n`-terminated lines of at most `max` bytes; longer lines are
/// consumed chunk by chunk and reported as [`LineRead::TooLong`].
pub(crate) struct BoundedLines<R> {
    r: R,
    max: usize,
    line: usize,
    eof: bool,
}

impl<R: BufRead> BoundedLines<R> {
    pub(crate) fn new(r: R, max: usize) -> Self {
        BoundedLines {
            r,
            max,
            line: 0,
            eof: false,
        }
    }

    /// The 1-based number of the line last read.
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// Reads the next line into `buf` (cleared first). `None` at the end.
    pub(crate) fn next_line(&mut self, buf: &mut Vec<u8>) -> Option<io::Result<LineRead>> {
        if self.eof {
            return None;
        }
        buf.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let chunk = match self.r.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.eof = true;
                    self.line += 1;
                    return Some(Err(e));
                }
            };
            if chunk.is_empty() {
                self.eof = true;
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            let (take, found) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            if !too_long {
                if buf.len() + take > self.max {
                    too_long = true;
                    buf.clear();
                } else {
                    buf.extend_from_slice(&chunk[..take]);
                }
            }
            self.r.consume(take + usize::from(found));
            if found {
                break;
            }
        }
        self.line += 1;
        if too_long {
            if buf.capacity() > (1 << 16) {
                buf.shrink_to(1 << 16);
            }
            return Some(Ok(LineRead::TooLong));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Some(Ok(LineRead::Line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_bounds() {
        let data = b"one\r\ntwo\n\nthis line is too long\nlast";
        let mut r = BoundedLines::new(io::BufReader::with_capacity(4, &data[..]), 8);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        while let Some(x) = r.next_line(&mut buf) {
            got.push((
                r.line(),
                x.unwrap(),
                String::from_utf8(buf.clone()).unwrap(),
            ));
        }
        assert_eq!(
            got,
            vec![
                (1, LineRead::Line, "one".into()),
                (2, LineRead::Line, "two".into()),
                (3, LineRead::Line, "".into()),
                (4, LineRead::TooLong, "".into()),
                (5, LineRead::Line, "last".into()),
            ]
        );
    }
}
