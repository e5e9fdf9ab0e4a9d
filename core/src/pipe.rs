//! A bounded pipe between two threads: a producer that pushes bytes (a zip member being
//! inflated, a transcript being written, an image being inspected as it is stored) feeds
//! a consumer that pulls them (a parser, an attachment being stored), without either
//! holding the whole stream.

use std::io::{Read, Write};

/// A writer and a reader: what the writer (on one thread) writes, the reader (on another)
/// reads, at most a megabyte in between. The end of the stream is the writer being
/// dropped; [`PipeWriter::fail`] hands the reader an error instead.
pub(crate) fn pipe() -> (PipeWriter, PipeReader) {
    let (tx, rx) = std::sync::mpsc::sync_channel(4);
    (
        PipeWriter {
            tx,
            buf: Vec::with_capacity(PIPE_CHUNK),
        },
        PipeReader {
            rx,
            buf: Vec::new(),
            pos: 0,
        },
    )
}

/// Bytes gathered before they cross the pipe.
const PIPE_CHUNK: usize = 256 * 1024;

/// The writing half of [`pipe`].
pub(crate) struct PipeWriter {
    tx: std::sync::mpsc::SyncSender<std::io::Result<Vec<u8>>>,
    buf: Vec<u8>,
}

impl PipeWriter {
    /// Sends an error to the reader instead of the rest of the stream.
    pub(crate) fn fail(mut self, e: std::io::Error) {
        self.buf.clear();
        let _ = self.tx.send(Err(e));
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(PIPE_CHUNK));
        self.tx
            .send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "reader stopped"))
    }
}

impl Write for PipeWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= PIPE_CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

impl Drop for PipeWriter {
    fn drop(&mut self) {
        let _ = self.send();
    }
}

/// The reading half of [`pipe`].
pub(crate) struct PipeReader {
    rx: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for PipeReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.buf.len() {
            match self.rx.recv() {
                Ok(Ok(chunk)) => {
                    self.buf = chunk;
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(_) => return Ok(0),
            }
        }
        let available = self.buf.get(self.pos..).unwrap_or_default();
        let n = out.len().min(available.len());
        if let (Some(dst), Some(src)) = (out.get_mut(..n), available.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_pipe_carries_every_byte_and_an_error() {
        let (mut w, mut r) = pipe();
        let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let sent = data.clone();
        let t = std::thread::spawn(move || {
            for part in sent.chunks(10_000) {
                w.write_all(part).unwrap();
            }
        });
        let mut got = Vec::new();
        r.read_to_end(&mut got).unwrap();
        t.join().unwrap();
        assert_eq!(got, data);
        let (w, mut r) = pipe();
        w.fail(std::io::Error::other("inflate failed"));
        assert!(r.read_to_end(&mut Vec::new()).is_err());
    }
}
