//! JPEG: the marker structure (ITU-T T.81 Annex B) walked as the bytes stream past the
//! decoder, and the pixels decoded at the smallest DCT scale (1/8, 1/4, 1/2 or 1) that
//! still fills the thumbnail.
//!
//! The walk is why a cut-off photo is refused: the decoder is lenient and fills a
//! truncated scan with grey, so a JPEG whose scans do not end in an end-of-image marker
//! is refused whatever the decoder says. Bytes after that marker are allowed (phones
//! append depth maps and vendor data there). The walk also keeps the frame header (to
//! refuse, before the decoder allocates it, a progressive image whose coefficients would
//! not fit the memory bound) and the first Exif segment.
//!
//! Scaled decoding keeps a baseline photo of any size within a few megabytes: a 12000²
//! photo is decoded as 1500². A progressive JPEG holds every coefficient until its last
//! scan (two bytes each, whatever the scale), so one too large for the bound is refused
//! with its size named.

use std::cell::Cell;
use std::io::{BufReader, Read};
use std::rc::Rc;

use super::shrink::{Shrink, thumbnail_size};
use super::{ImageLimits, MediaError};

/// What the decoding found.
pub(super) struct Decoded {
    pub width: u32,
    pub height: u32,
    /// The thumbnail's cells, filled.
    pub shrink: Shrink,
    /// The TIFF data of the first `Exif` APP1 segment.
    pub exif: Option<Vec<u8>>,
}

/// Decodes a JPEG from `reader` (its first bytes already known to be SOI) and reads it
/// to its end.
pub(super) fn read(reader: impl Read, limits: &ImageLimits) -> Result<Decoded, MediaError> {
    let mut watch = Watch::new(reader, limits.max_bytes);
    let decoded = decode(&mut watch, limits);
    // Whatever the decoder made of it, the whole file is walked: a structural fault (a
    // cut-off file) is the truer reason, and the bytes after the image must pass too.
    let drained = std::io::copy(&mut watch, &mut std::io::sink());
    watch.verdict()?;
    drained.map_err(|e| corrupt(&e.to_string()))?;
    let (width, height, shrink) = decoded?;
    Ok(Decoded {
        width,
        height,
        shrink,
        exif: watch.exif.take(),
    })
}

fn decode<R: Read>(
    watch: &mut Watch<R>,
    limits: &ImageLimits,
) -> Result<(u32, u32, Shrink), MediaError> {
    let held_whole = Rc::clone(&watch.held_whole);
    let buffered = BufReader::with_capacity(16 * 1024, watch);
    let mut decoder = jpeg_decoder::Decoder::new(buffered);
    decoder.set_max_decoding_buffer_size(usize::try_from(limits.max_alloc).unwrap_or(usize::MAX));
    decoder.read_info().map_err(decoder_error)?;
    let info = decoder
        .info()
        .ok_or_else(|| corrupt("has no frame header"))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    if width == 0 || height == 0 {
        return Err(corrupt("has zero width or height"));
    }
    if width > limits.max_width || height > limits.max_height {
        return Err(MediaError::ImageTooLarge { width, height });
    }
    // The decoder has read the frame header, so the walk has too.
    if let Some((kind, needed)) = held_whole.get()
        && needed > limits.max_alloc
    {
        return Err(MediaError::TooLargeToDecode {
            width,
            height,
            kind,
            needed,
            limit: limits.max_alloc,
        });
    }
    let thumb = thumbnail_size(width, height);
    let request = |v: u32| u16::try_from(v).unwrap_or(u16::MAX);
    let (sw, sh) = decoder
        .scale(request(thumb.0), request(thumb.1))
        .map_err(decoder_error)?;
    let (sw, sh) = (u32::from(sw), u32::from(sh));
    let channels = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => 1,
        jpeg_decoder::PixelFormat::L16 => 2,
        jpeg_decoder::PixelFormat::RGB24 => 3,
        jpeg_decoder::PixelFormat::CMYK32 => 4,
    };
    let output = u64::from(sw) * u64::from(sh) * channels;
    if output > limits.max_alloc {
        return Err(MediaError::TooLargeToDecode {
            width,
            height,
            kind: "JPEG",
            needed: output,
            limit: limits.max_alloc,
        });
    }
    let pixels = decoder.decode().map_err(decoder_error)?;
    let mut shrink = Shrink::new(sw, sh, thumb);
    let stride = sw as usize * channels as usize;
    let mut row = Vec::with_capacity(sw as usize * 3);
    for (y, line) in pixels.chunks_exact(stride.max(1)).enumerate() {
        let y = u32::try_from(y).unwrap_or(u32::MAX);
        match info.pixel_format {
            jpeg_decoder::PixelFormat::L8 => shrink.add_row(y, 0, 1, 1, line),
            jpeg_decoder::PixelFormat::RGB24 => shrink.add_row(y, 0, 1, 3, line),
            jpeg_decoder::PixelFormat::L16 => {
                row.clear();
                row.extend(
                    line.chunks_exact(2)
                        .map(|v| (u16::from_ne_bytes([v[0], v[1]]) >> 8) as u8),
                );
                shrink.add_row(y, 0, 1, 1, &row);
            }
            jpeg_decoder::PixelFormat::CMYK32 => {
                row.clear();
                for px in line.chunks_exact(4) {
                    let k = 255 - u16::from(px[3]);
                    for &c in &px[..3] {
                        row.push(u8::try_from((255 - u16::from(c)) * k / 255).unwrap_or(0));
                    }
                }
                shrink.add_row(y, 0, 1, 3, &row);
            }
        }
    }
    Ok((width, height, shrink))
}

fn corrupt(what: &str) -> MediaError {
    MediaError::ImageTruncatedOrCorrupt {
        reason: format!("JPEG {what}"),
    }
}

fn decoder_error(e: jpeg_decoder::Error) -> MediaError {
    match e {
        jpeg_decoder::Error::Unsupported(feature) => MediaError::ImageTruncatedOrCorrupt {
            reason: format!("uses a feature the decoder does not support ({feature:?})"),
        },
        other => MediaError::ImageTruncatedOrCorrupt {
            reason: other.to_string(),
        },
    }
}

/// A frame header (SOFn): what the decoder will allocate for it.
struct Frame {
    marker: u8,
    width: u64,
    height: u64,
    /// Horizontal and vertical sampling factors of each component.
    sampling: Vec<(u64, u64)>,
}

impl Frame {
    fn parse(marker: u8, payload: &[u8]) -> Option<Frame> {
        let height = u64::from(u16::from_be_bytes([*payload.get(1)?, *payload.get(2)?]));
        let width = u64::from(u16::from_be_bytes([*payload.get(3)?, *payload.get(4)?]));
        let count = usize::from(*payload.get(5)?);
        let sampling = (0..count)
            .map(|i| {
                let hv = *payload.get(6 + 3 * i + 1)?;
                Some((u64::from(hv >> 4).max(1), u64::from(hv & 0x0F).max(1)))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Frame {
            marker,
            width,
            height,
            sampling,
        })
    }

    /// For a frame the decoder holds whole before it can scale it down — progressive
    /// (every coefficient, two bytes each) or lossless (every sample, two bytes each) —
    /// what kind it is and the bytes that takes.
    fn held_whole(&self) -> Option<(&'static str, u64)> {
        let progressive = matches!(self.marker, 0xC2 | 0xC6 | 0xCA | 0xCE);
        let lossless = matches!(self.marker, 0xC3 | 0xC7 | 0xCB | 0xCF);
        if lossless {
            let samples = self.width * self.height * self.sampling.len() as u64;
            return Some(("lossless JPEG", samples * 2));
        }
        if !progressive {
            return None;
        }
        let h_max = self.sampling.iter().map(|s| s.0).max().unwrap_or(1);
        let v_max = self.sampling.iter().map(|s| s.1).max().unwrap_or(1);
        let mcu_x = self.width.div_ceil(8 * h_max);
        let mcu_y = self.height.div_ceil(8 * v_max);
        let blocks: u64 = self
            .sampling
            .iter()
            .map(|(h, v)| mcu_x * h * mcu_y * v)
            .sum();
        Some(("progressive JPEG", blocks * 64 * 2))
    }
}

/// Where the walk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Inside the start-of-image marker, this many bytes in.
    Start(u8),
    /// Expecting the 0xFF that begins a marker.
    Marker,
    /// After 0xFF: fill bytes, then the marker's code.
    Code,
    /// The two length bytes of a segment; the first when `Some`.
    Length { marker: u8, high: Option<u8> },
    /// A segment's payload, `left` bytes to go.
    Payload { marker: u8, left: usize },
    /// Entropy-coded data after a scan header; `ff` when the last byte was 0xFF.
    Scan { ff: bool },
    /// The end-of-image marker was seen.
    Done,
}

/// A reader that walks the JPEG structure of what passes through it, and counts it.
struct Watch<R> {
    inner: R,
    state: State,
    fault: Option<&'static str>,
    read: u64,
    limit: u64,
    over_limit: bool,
    /// The payload of the segment being kept (a frame header or an Exif segment).
    kept: Option<Vec<u8>>,
    frame_seen: bool,
    /// What the frame header says the decoder will hold whole (shared with the code that
    /// drives the decoder, which holds this reader meanwhile).
    held_whole: Rc<Cell<Option<(&'static str, u64)>>>,
    exif: Option<Vec<u8>>,
}

impl<R: Read> Watch<R> {
    fn new(inner: R, limit: u64) -> Self {
        Watch {
            inner,
            state: State::Start(0),
            fault: None,
            read: 0,
            limit,
            over_limit: false,
            kept: None,
            frame_seen: false,
            held_whole: Rc::default(),
            exif: None,
        }
    }

    /// Whether the walk reached the end-of-image marker without a fault.
    fn verdict(&self) -> Result<(), MediaError> {
        if self.over_limit {
            return Err(MediaError::TooLarge {
                what: "image file",
                limit: self.limit,
            });
        }
        if let Some(fault) = self.fault {
            return Err(corrupt(fault));
        }
        match self.state {
            State::Done => Ok(()),
            State::Start(_) | State::Marker | State::Code => {
                Err(corrupt("ends before its end-of-image marker"))
            }
            State::Length { .. } | State::Payload { .. } => {
                Err(corrupt("ends inside a marker segment"))
            }
            State::Scan { .. } => Err(corrupt("ends inside its image data")),
        }
    }

    fn fail(&mut self, fault: &'static str) {
        self.fault.get_or_insert(fault);
        self.state = State::Done;
    }

    /// A marker's code, after its 0xFF.
    fn code(&mut self, code: u8) {
        self.state = match code {
            0xD9 => State::Done,
            // TEM and RSTn stand alone, without a length.
            0x01 | 0xD0..=0xD7 => State::Marker,
            _ => State::Length {
                marker: code,
                high: None,
            },
        };
    }

    fn segment_starts(&mut self, marker: u8, length: usize) {
        let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        let exif = marker == 0xE1 && self.exif.is_none();
        self.kept = (frame || exif).then(|| Vec::with_capacity(length));
        self.state = State::Payload {
            marker,
            left: length,
        };
    }

    fn segment_ends(&mut self, marker: u8) {
        if let Some(payload) = self.kept.take() {
            if marker == 0xE1 {
                if let Some(tiff) = payload.strip_prefix(b"Exif\0\0") {
                    self.exif = Some(tiff.to_vec());
                }
            } else if !self.frame_seen {
                self.frame_seen = true;
                self.held_whole
                    .set(Frame::parse(marker, &payload).and_then(|f| f.held_whole()));
            }
        }
        self.state = if marker == 0xDA {
            State::Scan { ff: false }
        } else {
            State::Marker
        };
    }

    fn walk(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match self.state {
                State::Start(n) => {
                    if b != [0xFF, 0xD8][usize::from(n.min(1))] {
                        self.fail("has a malformed marker segment");
                        return;
                    }
                    self.state = if n == 0 {
                        State::Start(1)
                    } else {
                        State::Marker
                    };
                    i += 1;
                }
                State::Marker => {
                    if b != 0xFF {
                        self.fail("has a malformed marker segment");
                        return;
                    }
                    self.state = State::Code;
                    i += 1;
                }
                State::Code => {
                    if b != 0xFF {
                        self.code(b);
                    }
                    i += 1;
                }
                State::Length { marker, high: None } => {
                    self.state = State::Length {
                        marker,
                        high: Some(b),
                    };
                    i += 1;
                }
                State::Length {
                    marker,
                    high: Some(high),
                } => {
                    let length = usize::from(u16::from_be_bytes([high, b]));
                    i += 1;
                    if length < 2 {
                        self.fail("ends inside a marker segment");
                        return;
                    }
                    self.segment_starts(marker, length - 2);
                    if length == 2 {
                        self.segment_ends(marker);
                    }
                }
                State::Payload { marker, left } => {
                    let n = left.min(bytes.len() - i);
                    if let (Some(kept), Some(part)) = (self.kept.as_mut(), bytes.get(i..i + n)) {
                        kept.extend_from_slice(part);
                    }
                    i += n;
                    if left == n {
                        self.segment_ends(marker);
                    } else {
                        self.state = State::Payload {
                            marker,
                            left: left - n,
                        };
                    }
                }
                State::Scan { ff: false } => {
                    // Most of a file is here: jump to the next 0xFF.
                    match bytes
                        .get(i..)
                        .and_then(|rest| rest.iter().position(|&c| c == 0xFF))
                    {
                        Some(at) => {
                            self.state = State::Scan { ff: true };
                            i += at + 1;
                        }
                        None => return,
                    }
                }
                State::Scan { ff: true } => {
                    match b {
                        // A stuffed zero or a restart marker: still image data.
                        0x00 | 0xD0..=0xD7 => self.state = State::Scan { ff: false },
                        0xFF => {}
                        code => self.code(code),
                    }
                    i += 1;
                }
                State::Done => return,
            }
        }
    }
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            self.over_limit = true;
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the image file is larger than its bound",
            ));
        }
        if let Some(seen) = buf.get(..n) {
            self.walk(seen);
        }
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn walked(bytes: &[u8], pieces: usize) -> Result<(), MediaError> {
        let mut w = Watch::new(bytes, u64::MAX);
        // Any split of the stream walks the same.
        let mut buf = vec![0u8; pieces.max(1)];
        while w.read(&mut buf).unwrap() > 0 {}
        w.verdict()
    }

    #[test]
    fn the_walk_finds_the_end_however_the_bytes_arrive() {
        let jpeg: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x04ab\xFF\xDA\x00\x03x\x12\xFF\x00\x34\xFF\xD3\x56\xFF\xFF\xD9trailer";
        for pieces in 1..jpeg.len() {
            assert!(walked(jpeg, pieces).is_ok(), "{pieces}");
        }
        let cut = &jpeg[..15];
        let err = walked(cut, 3).unwrap_err().to_string();
        assert!(err.contains("ends inside its image data"), "{err}");
        let err = walked(&jpeg[..7], 3).unwrap_err().to_string();
        assert!(err.contains("ends inside a marker segment"), "{err}");
        let err = walked(b"\xFF\xD8\x00", 1).unwrap_err().to_string();
        assert!(err.contains("malformed marker segment"), "{err}");
    }

    #[test]
    fn a_progressive_frame_is_sized_before_it_is_decoded() {
        // 12000 × 12000, three components sampled 2×2, 1×1, 1×1 (4:2:0).
        let sof = [
            8, 0x2E, 0xE0, 0x2E, 0xE0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        ];
        let frame = Frame::parse(0xC2, &sof).unwrap();
        let (kind, bytes) = frame.held_whole().unwrap();
        assert_eq!(kind, "progressive JPEG");
        // 750² MCUs, six blocks each, 64 coefficients of two bytes.
        assert_eq!(bytes, 750 * 750 * 6 * 64 * 2);
        assert!(Frame::parse(0xC0, &sof).unwrap().held_whole().is_none());
    }
}
