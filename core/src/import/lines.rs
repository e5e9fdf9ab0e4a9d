//! Lines of a text export read one at a time from any reader, each checked for length
//! and UTF-8 before it is handed on, so a file of any size is read in bounded memory and
//! an error names the line.

use std::io::BufRead;

use super::ImportError;

/// Reads `reader` line by line (`\n` or `\r\n`), calling `each(line_number, line)` with
/// 1-based numbers. A line longer than `max_line` bytes, more than `max_total` bytes in
/// all, or bytes that are not UTF-8 stop the reading with an error naming the line.
pub(crate) fn for_each_line<R: BufRead>(
    mut reader: R,
    max_line: usize,
    max_total: u64,
    mut each: impl FnMut(usize, &str) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    let mut line_no = 0usize;
    let mut total = 0u64;
    loop {
        buf.clear();
        let mut ended = false;
        loop {
            let available = reader.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let (take, found) = match memchr(available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            if buf.len() + take > max_line + 2 {
                return Err(ImportError::LineTooLong {
                    line: line_no + 1,
                    limit: max_line as u64,
                });
            }
            buf.extend_from_slice(available.get(..take).unwrap_or_default());
            reader.consume(take);
            total += take as u64;
            if total > max_total {
                return Err(ImportError::TooLarge {
                    what: "chat export",
                    limit: max_total,
                });
            }
            if found {
                ended = true;
                break;
            }
        }
        if buf.is_empty() && !ended {
            return Ok(());
        }
        line_no += 1;
        let mut bytes = buf.as_slice();
        if let Some(b) = bytes.strip_suffix(b"\n") {
            bytes = b;
        }
        if let Some(b) = bytes.strip_suffix(b"\r") {
            bytes = b;
        }
        if bytes.len() > max_line {
            return Err(ImportError::LineTooLong {
                line: line_no,
                limit: max_line as u64,
            });
        }
        let line = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8 {
            line: Some(line_no),
        })?;
        each(line_no, line)?;
        if !ended {
            return Ok(());
        }
    }
}

fn memchr(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Result<Vec<(usize, String)>, ImportError> {
        let mut out = Vec::new();
        for_each_line(input, 8, 1000, |n, l| {
            out.push((n, l.to_owned()));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn lines_end_in_lf_or_crlf_and_the_last_may_have_no_end() {
        assert_eq!(
            lines(b"a\r\nbb\n\nc").unwrap(),
            vec![
                (1, "a".into()),
                (2, "bb".into()),
                (3, "".into()),
                (4, "c".into())
            ]
        );
        assert_eq!(lines(b"a\n").unwrap(), vec![(1, "a".into())]);
        assert!(lines(b"").unwrap().is_empty());
    }

    #[test]
    fn long_lines_and_bad_bytes_name_their_line() {
        assert!(matches!(
            lines(b"ok\n123456789\n"),
            Err(ImportError::LineTooLong { line: 2, .. })
        ));
        assert!(matches!(
            lines(b"ok\n\xff\n"),
            Err(ImportError::NotUtf8 { line: Some(2) })
        ));
        let big = vec![b'a'; 2000];
        let r = for_each_line(big.as_slice(), 5000, 1000, |_, _| Ok(()));
        assert!(matches!(r, Err(ImportError::TooLarge { .. })));
    }
}
