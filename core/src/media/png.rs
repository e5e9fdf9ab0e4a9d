//! PNG: decoded a row at a time (every row inflated, unfiltered and checked against its
//! chunk's CRC, so a cut-off or damaged file is refused), each row added to the thumbnail
//! and dropped. Memory is a row and the thumbnail, so an 8000 × 8000 16-bit RGBA image
//! (512 MB of pixels) is read in about a megabyte. Read to its last chunk (`IEND`), so a
//! file cut after its pixels is refused too.

use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

use super::shrink::{Shrink, thumbnail_size};
use super::{ImageLimits, MediaError};

/// What the decoding found.
pub(super) struct Decoded {
    pub width: u32,
    pub height: u32,
    pub shrink: Shrink,
    /// The `eXIf` chunk.
    pub exif: Option<Vec<u8>>,
}

/// The Adam7 passes: first column, column step, first row, row step (PNG §8.2).
const PASSES: [(u32, u32, u32, u32); 7] = [
    (0, 8, 0, 8),
    (4, 8, 0, 8),
    (0, 4, 4, 8),
    (2, 4, 0, 4),
    (0, 2, 2, 4),
    (1, 2, 0, 2),
    (0, 1, 1, 2),
];

/// The image row, first column and column step of each row an interlaced image gives,
/// in the order it gives them (passes with no pixels are skipped).
fn interlaced_rows(width: u32, height: u32) -> impl Iterator<Item = (u32, u32, u32)> {
    PASSES.into_iter().flat_map(move |(x0, dx, y0, dy)| {
        let columns = width.saturating_sub(x0).div_ceil(dx);
        let lines = if columns == 0 {
            0
        } else {
            height.saturating_sub(y0).div_ceil(dy)
        };
        (0..lines).map(move |line| (y0 + line * dy, x0, dx))
    })
}

fn corrupt(e: impl std::fmt::Display) -> MediaError {
    MediaError::ImageTruncatedOrCorrupt {
        reason: format!("PNG: {e}"),
    }
}

/// Decodes a PNG from `reader` and reads it to its end.
pub(super) fn read(reader: impl Read, limits: &ImageLimits) -> Result<Decoded, MediaError> {
    let mut decoder = png::Decoder::new_with_limits(
        Forward::new(reader, limits.max_bytes),
        png::Limits {
            bytes: usize::try_from(limits.max_alloc).unwrap_or(usize::MAX),
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    let failed = |e: png::DecodingError| match e {
        png::DecodingError::IoError(io) if io.kind() == std::io::ErrorKind::FileTooLarge => {
            MediaError::TooLarge {
                what: "image file",
                limit: limits.max_bytes,
            }
        }
        other => corrupt(other),
    };
    let header = decoder.read_header_info().map_err(failed)?;
    let (width, height) = (header.width, header.height);
    if width == 0 || height == 0 {
        return Err(corrupt("zero width or height"));
    }
    if width > limits.max_width || height > limits.max_height {
        return Err(MediaError::ImageTooLarge { width, height });
    }
    let interlaced = header.interlaced;
    let mut reader = decoder.read_info().map_err(failed)?;
    let (color, _) = reader.output_color_type();
    let channels = color.samples();
    let thumb = thumbnail_size(width, height);
    let mut shrink = Shrink::new(width, height, thumb);
    let mut places = interlaced.then(|| interlaced_rows(width, height));
    let mut y = 0u32;
    while let Some(row) = reader.next_row().map_err(failed)? {
        let (row_y, x0, step) = match places.as_mut() {
            Some(places) => places
                .next()
                .ok_or_else(|| corrupt("more rows than it has"))?,
            None => (y, 0, 1),
        };
        shrink.add_row(row_y, x0, step, channels, row.data());
        y += 1;
    }
    reader.finish().map_err(failed)?;
    let exif = reader
        .info()
        .exif_metadata
        .as_ref()
        .map(|e| e.clone().into_owned());
    Ok(Decoded {
        width,
        height,
        shrink,
        exif,
    })
}

/// A forward-only reader for a decoder whose interface asks for `Seek` but never seeks
/// (the PNG decoder): it tells its position and refuses any move, so a pipe or a zip
/// member can be decoded as it streams. It also counts the bytes against the file bound.
struct Forward<R> {
    inner: BufReader<R>,
    read: u64,
    limit: u64,
}

impl<R: Read> Forward<R> {
    fn new(inner: R, limit: u64) -> Self {
        Forward {
            inner: BufReader::with_capacity(64 * 1024, inner),
            read: 0,
            limit,
        }
    }

    /// Refuses to go on once more than the bound was consumed.
    fn within(&self) -> std::io::Result<()> {
        if self.read > self.limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "the image file is larger than its bound",
            ));
        }
        Ok(())
    }
}

impl<R: Read> Read for Forward<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.within()?;
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.within()?;
        Ok(n)
    }
}

impl<R: Read> BufRead for Forward<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.within()?;
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.read += amount as u64;
    }
}

impl<R: Read> Seek for Forward<R> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        match to {
            SeekFrom::Current(0) => Ok(self.read),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "the image is read as it streams",
            )),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32fast::hash(&out[start..]);
        out.extend(crc.to_be_bytes());
    }

    /// A zlib stream of stored (uncompressed) blocks (RFC 1950, RFC 1951 §3.2.4).
    fn zlib_stored(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x78, 0x01];
        let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
        for (i, block) in blocks.iter().enumerate() {
            out.push(u8::from(i + 1 == blocks.len()));
            let len = block.len() as u16;
            out.extend(len.to_le_bytes());
            out.extend((!len).to_le_bytes());
            out.extend(*block);
        }
        let (mut a, mut b) = (1u32, 0u32);
        for &byte in data {
            a = (a + u32::from(byte)) % 65_521;
            b = (b + a) % 65_521;
        }
        out.extend(((b << 16) | a).to_be_bytes());
        out
    }

    /// An 8-bit RGB PNG of `pixel(x, y)`, interlaced (Adam7) or not.
    fn rgb_png(
        width: u32,
        height: u32,
        interlaced: bool,
        pixel: impl Fn(u32, u32) -> [u8; 3],
    ) -> Vec<u8> {
        let mut raw = Vec::new();
        let mut row = |y: u32, xs: &mut dyn Iterator<Item = u32>| {
            raw.push(0);
            for x in xs {
                raw.extend(pixel(x, y));
            }
        };
        if interlaced {
            for (y, x0, dx) in interlaced_rows(width, height) {
                row(y, &mut (x0..width).step_by(dx as usize));
            }
        } else {
            for y in 0..height {
                row(y, &mut (0..width));
            }
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend(width.to_be_bytes());
        ihdr.extend(height.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, u8::from(interlaced)]);
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"IDAT", &zlib_stored(&raw));
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn an_interlaced_png_gives_the_thumbnail_of_the_same_pixels_not_interlaced() {
        let pixel = |x: u32, y: u32| [(x * 7) as u8, (y * 5) as u8, ((x ^ y) * 3) as u8];
        for (w, h) in [(700, 500), (9, 3), (1, 1), (640, 1)] {
            let plain =
                super::super::inspect_image(&rgb_png(w, h, false, pixel), &ImageLimits::default())
                    .unwrap();
            let adam7 =
                super::super::inspect_image(&rgb_png(w, h, true, pixel), &ImageLimits::default())
                    .unwrap();
            assert_eq!((adam7.width, adam7.height), (w, h));
            assert_eq!(plain.thumbnail_jpeg, adam7.thumbnail_jpeg, "{w}x{h}");
        }
    }

    #[test]
    fn a_png_cut_after_its_pixels_is_refused() {
        let whole = rgb_png(20, 20, false, |_, _| [1, 2, 3]);
        assert!(super::super::inspect_image(&whole, &ImageLimits::default()).is_ok());
        let cut = &whole[..whole.len() - 12];
        let err = super::super::inspect_image(cut, &ImageLimits::default()).unwrap_err();
        assert!(
            matches!(err, MediaError::ImageTruncatedOrCorrupt { .. }),
            "{err:?}"
        );
    }
}
