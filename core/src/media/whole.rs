//! GIF and WebP (stickers, small animations), decoded whole: the file is held (at most
//! [`MAX_WHOLE_IMAGE_BYTES`]), its dimensions are checked from the header before any
//! pixel is decoded, and its first frame must fit the decoder bound. The `gif` and
//! `image-webp` crates decode them, each told the bound itself as well.

use std::io::{Cursor, Read};

use super::shrink::{Shrink, thumbnail_size};
use super::{ImageLimits, MediaError, orientation, read_exif};

/// Most bytes of a GIF or WebP file held to decode it (stickers and animations are far
/// smaller).
const MAX_WHOLE_IMAGE_BYTES: u64 = 16 * 1024 * 1024;

/// Which of the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Gif,
    WebP,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Gif => "GIF",
            Kind::WebP => "WebP",
        }
    }
}

/// What decoding found: width, height, the thumbnail, the EXIF.
pub(super) type Decoded = (u32, u32, Vec<u8>, Option<exif::Exif>);

/// Reads the whole file from `reader` and decodes its first frame into a thumbnail.
pub(super) fn read(
    reader: &mut impl Read,
    kind: Kind,
    limits: &ImageLimits,
) -> Result<Decoded, MediaError> {
    let bound = limits.max_bytes.min(MAX_WHOLE_IMAGE_BYTES);
    let mut bytes = Vec::new();
    reader
        .take(bound + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| corrupt(e.to_string()))?;
    if bytes.len() as u64 > bound {
        return Err(MediaError::TooLarge {
            what: "GIF or WebP file",
            limit: bound,
        });
    }
    let (width, height, shrink) = match kind {
        Kind::Gif => gif(&bytes, limits)?,
        Kind::WebP => webp(&bytes, limits)?,
    };
    let exif = read_exif(&bytes);
    drop(bytes);
    let thumbnail = shrink.finish(exif.as_ref().and_then(orientation))?;
    Ok((width, height, thumbnail, exif))
}

fn corrupt(reason: String) -> MediaError {
    MediaError::ImageTruncatedOrCorrupt { reason }
}

/// Refuses a picture of no pixels, or of more than the limits allow, before decoding.
fn check_dimensions(width: u32, height: u32, limits: &ImageLimits) -> Result<(), MediaError> {
    if width == 0 || height == 0 {
        return Err(corrupt("zero width or height".to_owned()));
    }
    if width > limits.max_width || height > limits.max_height {
        return Err(MediaError::ImageTooLarge { width, height });
    }
    Ok(())
}

/// The refusal for a picture whose pixels would take `needed` bytes, over the bound.
fn too_much(width: u32, height: u32, kind: Kind, needed: u64, limits: &ImageLimits) -> MediaError {
    MediaError::TooLargeToDecode {
        width,
        height,
        kind: kind.name(),
        needed,
        limit: limits.max_alloc,
    }
}

/// A GIF's first frame, placed on its logical screen (the rest of the screen shows
/// white, as a transparent pixel does).
fn gif(bytes: &[u8], limits: &ImageLimits) -> Result<(u32, u32, Shrink), MediaError> {
    let failed = |e: gif::DecodingError| corrupt(e.to_string());
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    if let Some(bound) = std::num::NonZeroU64::new(limits.max_alloc) {
        options.set_memory_limit(gif::MemoryLimit::Bytes(bound));
    }
    let mut decoder = options.read_info(Cursor::new(bytes)).map_err(failed)?;
    let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
    check_dimensions(width, height, limits)?;
    let frame = match decoder.next_frame_info().map_err(failed)? {
        Some(frame) => frame,
        None => return Err(corrupt("the GIF has no frame".to_owned())),
    };
    let (left, top) = (u32::from(frame.left), u32::from(frame.top));
    let frame_width = u32::from(frame.width);
    let needed = u64::from(frame_width) * u64::from(frame.height) * 4;
    if needed > limits.max_alloc {
        return Err(too_much(width, height, Kind::Gif, needed, limits));
    }
    let mut pixels = vec![0u8; decoder.buffer_size()];
    decoder.read_into_buffer(&mut pixels).map_err(|e| match e {
        gif::DecodingError::MemoryLimit => too_much(width, height, Kind::Gif, needed, limits),
        other => failed(other),
    })?;
    let mut shrink = Shrink::new(width, height, thumbnail_size(width, height));
    let stride = (frame_width as usize * 4).max(1);
    for (row, line) in pixels.chunks_exact(stride).enumerate() {
        let y = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
        shrink.add_row(y, left, 1, 4, line);
    }
    Ok((width, height, shrink))
}

/// A WebP's picture (an animation's first frame).
fn webp(bytes: &[u8], limits: &ImageLimits) -> Result<(u32, u32, Shrink), MediaError> {
    let failed = |e: image_webp::DecodingError| corrupt(e.to_string());
    let mut decoder = image_webp::WebPDecoder::new(Cursor::new(bytes)).map_err(failed)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height, limits)?;
    let channels = if decoder.has_alpha() { 4 } else { 3 };
    let needed = u64::from(width) * u64::from(height) * channels as u64;
    if needed > limits.max_alloc {
        return Err(too_much(width, height, Kind::WebP, needed, limits));
    }
    decoder.set_memory_limit(usize::try_from(limits.max_alloc).unwrap_or(usize::MAX));
    let size = decoder
        .output_buffer_size()
        .ok_or_else(|| too_much(width, height, Kind::WebP, needed, limits))?;
    let mut pixels = vec![0u8; size];
    decoder.read_image(&mut pixels).map_err(|e| match e {
        image_webp::DecodingError::MemoryLimitExceeded => {
            too_much(width, height, Kind::WebP, needed, limits)
        }
        other => failed(other),
    })?;
    let mut shrink = Shrink::new(width, height, thumbnail_size(width, height));
    let stride = (width as usize * channels).max(1);
    for (y, line) in pixels.chunks_exact(stride).enumerate() {
        shrink.add_row(u32::try_from(y).unwrap_or(u32::MAX), 0, 1, channels, line);
    }
    Ok((width, height, shrink))
}
