//! Streaming one member's bytes out of the archive: stored data read straight from the
//! file, deflated data inflated (RFC 1951) with `flate2`'s low-level decompressor, so that
//! the reader sees where the deflate stream ends. Every byte is counted against the
//! member's declared size and the caller's cap as it comes out, and at the end the size,
//! the CRC-32 and the use of every compressed byte are checked: a member cannot inflate
//! past what it declared, stop short, or hide bytes after its deflate stream.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Take};

use flate2::{Decompress, FlushDecompress, Status};

use super::SafeZipError;
use super::layout::Record;

/// Compressed input buffer.
const INPUT_BUF: usize = 64 * 1024;

/// Reads one member's bytes; see [`SafeZip::member_reader`](super::SafeZip::member_reader).
pub struct MemberReader<'a> {
    name: String,
    source: Take<&'a mut File>,
    inflater: Option<Box<Inflater>>,
    crc: crc32fast::Hasher,
    expected_crc: u32,
    declared: u64,
    packed: u64,
    cap: u64,
    over: Option<SafeZipError>,
    total: u64,
    done: bool,
}

struct Inflater {
    state: Decompress,
    input: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
    ended: bool,
}

impl<'a> MemberReader<'a> {
    pub(super) fn new(
        file: &'a mut File,
        record: &Record,
        name: String,
        cap: u64,
        over: SafeZipError,
    ) -> Result<Self, SafeZipError> {
        file.seek(SeekFrom::Start(record.data_start))?;
        let inflater = (record.method == 8).then(|| {
            Box::new(Inflater {
                state: Decompress::new(false),
                input: vec![0u8; INPUT_BUF],
                pos: 0,
                len: 0,
                eof: false,
                ended: false,
            })
        });
        Ok(MemberReader {
            name,
            source: file.take(record.packed),
            inflater,
            crc: crc32fast::Hasher::new(),
            expected_crc: record.crc,
            declared: record.size,
            packed: record.packed,
            cap,
            over: Some(over),
            total: 0,
            done: false,
        })
    }

    /// Bytes delivered so far.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The member's declared (uncompressed) size.
    pub fn declared_size(&self) -> u64 {
        self.declared
    }

    /// Fills some of `buf`; `Ok(0)` only once the member has ended and passed every check.
    pub fn read_some(&mut self, buf: &mut [u8]) -> Result<usize, SafeZipError> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        let n = match self.inflater.as_deref_mut() {
            None => read_retrying(&mut self.source, buf)?,
            Some(inf) => {
                inf.read(&mut self.source, buf)
                    .map_err(|reason| SafeZipError::Corrupt {
                        name: self.name.clone(),
                        reason: reason.into(),
                    })?
            }
        };
        if n == 0 {
            self.finish()?;
            return Ok(0);
        }
        self.total = self.total.saturating_add(n as u64);
        if self.total > self.declared {
            return Err(self.corrupt("it inflates past its declared size".into()));
        }
        if self.total > self.cap {
            return Err(self.over.take().unwrap_or(SafeZipError::TooLarge {
                name: self.name.clone(),
            }));
        }
        let chunk = buf.get(..n).unwrap_or_default();
        self.crc.update(chunk);
        Ok(n)
    }

    fn corrupt(&self, reason: String) -> SafeZipError {
        SafeZipError::Corrupt {
            name: self.name.clone(),
            reason,
        }
    }

    fn finish(&mut self) -> Result<(), SafeZipError> {
        if self.total != self.declared {
            return Err(self.corrupt(format!(
                "it inflates to {} bytes, not the {} it declares",
                self.total, self.declared
            )));
        }
        if let Some(inf) = &self.inflater {
            if !inf.ended {
                return Err(
                    self.corrupt("its deflate data ends before its deflate stream does".into())
                );
            }
            let used = inf.state.total_in();
            if used != self.packed {
                return Err(SafeZipError::Ambiguous {
                    name: self.name.clone(),
                    reason: format!(
                        "{} bytes of its compressed data follow the end of its deflate stream",
                        self.packed.saturating_sub(used)
                    ),
                });
            }
        }
        let crc = std::mem::take(&mut self.crc).finalize();
        if crc != self.expected_crc {
            return Err(self.corrupt("its CRC-32 does not match its data".into()));
        }
        self.done = true;
        Ok(())
    }
}

impl Read for MemberReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.read_some(buf)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

fn read_retrying(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

impl Inflater {
    /// Inflates into `out`; `Ok(0)` at the end of the stream or of the input (which
    /// [`MemberReader::finish`] tells apart).
    fn read(&mut self, source: &mut impl Read, out: &mut [u8]) -> Result<usize, &'static str> {
        loop {
            if self.ended {
                return Ok(0);
            }
            if self.pos == self.len && !self.eof {
                self.len = read_retrying(source, &mut self.input)
                    .map_err(|_| "its compressed data cannot be read")?;
                self.pos = 0;
                self.eof = self.len == 0;
            }
            let input = self.input.get(self.pos..self.len).unwrap_or_default();
            let (in_before, out_before) = (self.state.total_in(), self.state.total_out());
            let status = self
                .state
                .decompress(input, out, FlushDecompress::None)
                .map_err(|_| "its deflate data is damaged")?;
            let used = usize::try_from(self.state.total_in() - in_before).unwrap_or(usize::MAX);
            let made = usize::try_from(self.state.total_out() - out_before).unwrap_or(0);
            self.pos = self.pos.saturating_add(used).min(self.len);
            if status == Status::StreamEnd {
                self.ended = true;
            }
            if made > 0 {
                return Ok(made);
            }
            if self.ended || self.eof && self.pos == self.len {
                return Ok(0);
            }
            if used == 0 && self.pos < self.len {
                return Err("its deflate data is damaged");
            }
        }
    }
}
