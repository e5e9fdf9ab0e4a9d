//! Images attached to incidents (photos, screenshots): identified, fully decoded within a
//! memory bound (so a truncated or corrupt file is refused, not half-shown, and no image
//! can make the decoder allocate more than [`ImageLimits::max_alloc`]), measured, their
//! EXIF capture time, place and camera read, and a small JPEG thumbnail made.
//!
//! The original bytes are never altered: the caller stores them as given; everything here
//! is derived. Supported: PNG, JPEG, GIF (first frame), WebP. HEIC (iPhone's default) and
//! AVIF are not decoded: they are stored as files with the EXIF of their container
//! ([`container_facts`]); TIFF, BMP and others are recognised and refused by
//! [`inspect_image`] with [`MediaError::UnsupportedImage`].
//!
//! Images are read as they stream ([`inspect_image_stream`]), never whole: a PNG a row at
//! a time ([`png`]), a JPEG at the smallest DCT scale that fills the thumbnail ([`jpeg`]),
//! the thumbnail built from the pixels as they pass ([`shrink`]), turned upright
//! ([`upright`]) and encoded as a baseline JPEG. GIF and WebP (stickers, small animations)
//! are decoded whole ([`whole`]), refused when their pixels would not fit the bound.
//! The same bytes give the same [`ImageInfo`] however they arrive — a file, a zip member,
//! bytes in memory — so the same photo gives the same attachment record on every front
//! end.
//!
//! EXIF (CIPA DC-008, Exif 2.32) is read with kamadak-exif from JPEG APP1, PNG `eXIf` and
//! WebP `EXIF` chunks: DateTimeOriginal (0x9003), OffsetTimeOriginal (0x9011), GPSLatitude
//! / GPSLatitudeRef / GPSLongitude / GPSLongitudeRef (0x0002/0x0001/0x0004/0x0003), Make
//! (0x010F), Model (0x0110), Orientation (0x0112, for the thumbnail). Broken EXIF is not
//! fatal: the image simply has no metadata.

mod jpeg;
mod png;
mod shrink;
mod sniff;
mod upright;
mod whole;

pub use sniff::{is_heif_type, sniff_media_type};

use std::io::{Cursor, Read};

use upright::Orientation;

/// The containers decoded here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    WebP,
}

/// Why an image was refused. Messages name the format or the limit, never the content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MediaError {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the limit.
    #[error("{what} is larger than the limit of {limit} bytes")]
    TooLarge {
        /// What was too large ("image file").
        what: &'static str,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The bytes are not an image of any kind we recognise.
    #[error("the file is not an image")]
    NotAnImage,
    /// The bytes are an image, but of a format Tally cannot decode.
    #[error("unsupported image format {format}; convert it to JPEG or PNG first")]
    UnsupportedImage {
        /// The recognised format ("HEIC", "TIFF", "BMP", ...).
        format: &'static str,
    },
    /// The image's declared dimensions exceed the limits.
    #[error("the image is too large ({width}x{height})")]
    ImageTooLarge {
        /// Declared width in pixels.
        width: u32,
        /// Declared height in pixels.
        height: u32,
    },
    /// The image is of a kind that must be held whole to be decoded, and holding it would
    /// take more memory than the bound.
    #[error(
        "the image ({width}x{height} {kind}) would need {needed} bytes of memory to read, more than the {limit} allowed; save it as a PNG or a baseline JPEG"
    )]
    TooLargeToDecode {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// What kind of image ("progressive JPEG", "WebP").
        kind: &'static str,
        /// The bytes decoding it would hold.
        needed: u64,
        /// The bound, in bytes.
        limit: u64,
    },
    /// The image could not be fully decoded.
    #[error("the image is truncated or corrupt: {reason}")]
    ImageTruncatedOrCorrupt {
        /// The decoder's description of the failure.
        reason: String,
    },
}

/// The long side of the thumbnail, in pixels.
pub const THUMBNAIL_SIZE: u32 = 320;

/// Bounds on what is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageLimits {
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
    /// Widest image accepted, in pixels.
    pub max_width: u32,
    /// Tallest image accepted, in pixels.
    pub max_height: u32,
    /// Most memory the decoder may hold for pixels or coefficients, in bytes.
    pub max_alloc: u64,
}

impl Default for ImageLimits {
    /// 64 MiB files, 12000×12000 pixels (a 144-megapixel phone photo fits), 40 MiB of
    /// decoder memory: with the rest of an import or an attach, within the 64 MiB any
    /// operation may take. A 4096 × 3072 progressive JPEG (WhatsApp's "HD" photos) needs
    /// 38 MB; baseline JPEGs and PNGs of any accepted size need a few.
    fn default() -> Self {
        Self {
            max_bytes: 64 * 1024 * 1024,
            max_width: 12_000,
            max_height: 12_000,
            max_alloc: 40 * 1024 * 1024,
        }
    }
}

/// A GPS position from EXIF, in decimal degrees (south and west negative).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gps {
    /// Latitude, −90 to 90.
    pub latitude: f64,
    /// Longitude, −180 to 180.
    pub longitude: f64,
}

/// What was learnt about an image.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageInfo {
    /// `image/png`, `image/jpeg`, `image/gif` or `image/webp`.
    pub media_type: &'static str,
    /// Width in pixels, as stored (before any EXIF rotation).
    pub width: u32,
    /// Height in pixels, as stored.
    pub height: u32,
    /// EXIF DateTimeOriginal in ISO-8601 form (`2024-03-12T21:05:11`), followed by
    /// OffsetTimeOriginal when present (`2024-03-12T21:05:11+01:00`). It is the camera
    /// clock's reading, as written; a value not in the EXIF shape is kept as written.
    pub captured_at: Option<String>,
    /// EXIF GPS position, when present and in range.
    pub gps: Option<Gps>,
    /// EXIF Make and Model ("Apple iPhone 15"); the Make is not repeated when the Model
    /// already starts with it.
    pub camera: Option<String>,
    /// A JPEG thumbnail at most [`THUMBNAIL_SIZE`] pixels on its long side, upright
    /// (EXIF orientation applied).
    pub thumbnail_jpeg: Vec<u8>,
}

/// Recognises the container from its first bytes.
fn sniff(bytes: &[u8]) -> Result<(ImageFormat, &'static str), MediaError> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok((ImageFormat::Png, "image/png"));
    }
    if starts(b"\xFF\xD8\xFF") {
        return Ok((ImageFormat::Jpeg, "image/jpeg"));
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok((ImageFormat::Gif, "image/gif"));
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Ok((ImageFormat::WebP, "image/webp"));
    }
    let unsupported = |format| Err(MediaError::UnsupportedImage { format });
    match sniff::iso_brand_type(bytes) {
        Some("image/heic" | "image/heif") => return unsupported("HEIC"),
        Some("image/avif") => return unsupported("AVIF"),
        Some(_) => return Err(MediaError::NotAnImage),
        None => {}
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return unsupported("TIFF");
    }
    if starts(b"BM") && bytes.len() > 14 {
        return unsupported("BMP");
    }
    if starts(b"\0\0\x01\0") {
        return unsupported("ICO");
    }
    if starts(b"8BPS") {
        return unsupported("PSD");
    }
    Err(MediaError::NotAnImage)
}

/// Inspects an image in memory: [`inspect_image_stream`] over its bytes.
pub fn inspect_image(bytes: &[u8], limits: &ImageLimits) -> Result<ImageInfo, MediaError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(MediaError::TooLarge {
            what: "image file",
            limit: limits.max_bytes,
        });
    }
    inspect_image_stream(&mut Cursor::new(bytes), limits)
}

/// Inspects an image as it streams from `reader`: identifies it by its first bytes,
/// refuses oversized dimensions from the header before any pixel is decoded, decodes it
/// fully within [`ImageLimits::max_alloc`], reads its EXIF and makes its thumbnail. Reads
/// the image to its end (bytes after it, such as a JPEG's trailer, may be left unread).
pub fn inspect_image_stream<R: Read>(
    reader: &mut R,
    limits: &ImageLimits,
) -> Result<ImageInfo, MediaError> {
    // One copy of the decoders for every kind of reader: the phone library carries each
    // decoder once, and a `read` call through a pointer costs nothing beside decoding.
    inspect(reader, limits)
}

fn inspect(reader: &mut dyn Read, limits: &ImageLimits) -> Result<ImageInfo, MediaError> {
    let mut head = Vec::with_capacity(16);
    (&mut *reader)
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| MediaError::ImageTruncatedOrCorrupt {
            reason: e.to_string(),
        })?;
    if head.is_empty() {
        return Err(MediaError::Empty);
    }
    let (format, media_type) = sniff(&head)?;
    let mut whole = Cursor::new(head).chain(reader);
    let (width, height, thumbnail_jpeg, exif) = match format {
        ImageFormat::Jpeg => {
            let d = jpeg::read(&mut whole, limits)?;
            let exif = d
                .exif
                .and_then(|tiff| exif::Reader::new().read_raw(tiff).ok());
            let thumbnail = d.shrink.finish(exif.as_ref().and_then(orientation))?;
            (d.width, d.height, thumbnail, exif)
        }
        ImageFormat::Png => {
            let d = png::read(&mut whole, limits)?;
            let exif = d
                .exif
                .and_then(|tiff| exif::Reader::new().read_raw(tiff).ok());
            let thumbnail = d.shrink.finish(exif.as_ref().and_then(orientation))?;
            (d.width, d.height, thumbnail, exif)
        }
        ImageFormat::Gif => whole::read(&mut whole, whole::Kind::Gif, limits)?,
        ImageFormat::WebP => whole::read(&mut whole, whole::Kind::WebP, limits)?,
    };
    Ok(ImageInfo {
        media_type,
        width,
        height,
        captured_at: exif.as_ref().and_then(captured_at),
        gps: exif.as_ref().and_then(gps),
        camera: exif.as_ref().and_then(camera),
        thumbnail_jpeg,
    })
}

/// The EXIF orientation, to turn the thumbnail upright.
fn orientation(exif: &exif::Exif) -> Option<Orientation> {
    let field = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?;
    let value = u8::try_from(field.value.get_uint(0)?).ok()?;
    Orientation::from_exif(value)
}

/// What a HEIF-family photo (HEIC, AVIF) says about itself, from the EXIF item of its
/// container: its pixels are not decoded here (no decoder for them is in the core), so it
/// is stored as a file, but its capture time, place and camera are kept like any photo's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhotoFacts {
    /// As [`ImageInfo::captured_at`].
    pub captured_at: Option<String>,
    /// As [`ImageInfo::gps`].
    pub gps: Option<Gps>,
    /// As [`ImageInfo::camera`].
    pub camera: Option<String>,
}

/// Reads the EXIF of a HEIF-family file (kamadak-exif walks its boxes to the `Exif` item,
/// reading only what it needs). `None` when it has none or it cannot be read: broken
/// EXIF is not fatal.
pub fn container_facts<R: std::io::BufRead + std::io::Seek>(reader: &mut R) -> Option<PhotoFacts> {
    let exif = exif::Reader::new().read_from_container(reader).ok()?;
    Some(PhotoFacts {
        captured_at: captured_at(&exif),
        gps: gps(&exif),
        camera: camera(&exif),
    })
}

fn read_exif(bytes: &[u8]) -> Option<exif::Exif> {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()
}

fn ascii(exif: &exif::Exif, tag: exif::Tag) -> Option<String> {
    let field = exif.get_field(tag, exif::In::PRIMARY)?;
    match &field.value {
        exif::Value::Ascii(parts) => {
            let first = parts.first()?;
            let s = String::from_utf8_lossy(first);
            let s = s.trim_matches(|c: char| c == '\0' || c.is_whitespace());
            (!s.is_empty()).then(|| s.to_owned())
        }
        _ => None,
    }
}

/// `YYYY:MM:DD HH:MM:SS` → `YYYY-MM-DDTHH:MM:SS`, plus `±HH:MM` when present.
fn captured_at(exif: &exif::Exif) -> Option<String> {
    let written = ascii(exif, exif::Tag::DateTimeOriginal)?;
    let b = written.as_bytes();
    let shaped = b.len() == 19
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b':',
            10 => c == b' ',
            13 | 16 => c == b':',
            _ => c.is_ascii_digit(),
        });
    // Cameras without a clock set write "0000:00:00 00:00:00" or blanks: no time at all.
    if shaped && written.starts_with("0000") {
        return None;
    }
    let mut out = if shaped {
        let mut s = String::with_capacity(25);
        s.push_str(written.get(0..4)?);
        s.push('-');
        s.push_str(written.get(5..7)?);
        s.push('-');
        s.push_str(written.get(8..10)?);
        s.push('T');
        s.push_str(written.get(11..19)?);
        s
    } else {
        written
    };
    if let Some(offset) = ascii(exif, exif::Tag::OffsetTimeOriginal) {
        let o = offset.as_bytes();
        let valid = o.len() == 6
            && matches!(o.first(), Some(b'+' | b'-'))
            && o.get(3) == Some(&b':')
            && [1, 2, 4, 5]
                .iter()
                .all(|&i| o.get(i).is_some_and(u8::is_ascii_digit));
        if valid {
            out.push_str(&offset);
        }
    }
    Some(out)
}

fn gps_coordinate(
    exif: &exif::Exif,
    value: exif::Tag,
    reference: exif::Tag,
    negative: u8,
    max: f64,
) -> Option<f64> {
    let field = exif.get_field(value, exif::In::PRIMARY)?;
    let exif::Value::Rational(r) = &field.value else {
        return None;
    };
    let part = |i: usize| -> Option<f64> {
        let v = r.get(i)?;
        (v.denom != 0).then(|| v.to_f64())
    };
    let degrees = part(0)? + part(1).unwrap_or(0.0) / 60.0 + part(2).unwrap_or(0.0) / 3600.0;
    let sign = match ascii(exif, reference)?.as_bytes().first()? {
        c if *c == negative => -1.0,
        _ => 1.0,
    };
    let v = sign * degrees;
    (v.is_finite() && v.abs() <= max).then_some(v)
}

fn gps(exif: &exif::Exif) -> Option<Gps> {
    let latitude = gps_coordinate(
        exif,
        exif::Tag::GPSLatitude,
        exif::Tag::GPSLatitudeRef,
        b'S',
        90.0,
    )?;
    let longitude = gps_coordinate(
        exif,
        exif::Tag::GPSLongitude,
        exif::Tag::GPSLongitudeRef,
        b'W',
        180.0,
    )?;
    Some(Gps {
        latitude,
        longitude,
    })
}

fn camera(exif: &exif::Exif) -> Option<String> {
    let make = ascii(exif, exif::Tag::Make);
    let model = ascii(exif, exif::Tag::Model);
    match (make, model) {
        (Some(make), Some(model)) if model.starts_with(&make) => Some(model),
        (Some(make), Some(model)) => Some(format!("{make} {model}")),
        (make, model) => make.or(model),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use image::{DynamicImage, ImageFormat};
    use proptest::prelude::*;

    use crate::test_support::fixture;

    fn limits() -> ImageLimits {
        ImageLimits::default()
    }

    /// One TIFF IFD entry: tag, type, count, value bytes (big-endian).
    type Entry = (u16, u16, u32, Vec<u8>);

    fn ascii_entry(tag: u16, s: &str) -> Entry {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        (tag, 2, v.len() as u32, v)
    }

    fn rationals(tag: u16, values: &[(u32, u32)]) -> Entry {
        let v = values
            .iter()
            .flat_map(|(n, d)| n.to_be_bytes().into_iter().chain(d.to_be_bytes()))
            .collect();
        (tag, 5, values.len() as u32, v)
    }

    fn long_entry(tag: u16, n: u32) -> Entry {
        (tag, 4, 1, n.to_be_bytes().to_vec())
    }

    fn padded(len: usize) -> usize {
        len + len % 2
    }

    fn ifd_size(entries: &[Entry]) -> usize {
        let data: usize = entries
            .iter()
            .filter(|e| e.3.len() > 4)
            .map(|e| padded(e.3.len()))
            .sum();
        2 + 12 * entries.len() + 4 + data
    }

    /// Writes an IFD (Exif 2.32 §4.6.2) at the end of `out`, whose start is TIFF offset 0.
    fn write_ifd(out: &mut Vec<u8>, entries: &[Entry]) {
        let mut data_offset = out.len() + 2 + 12 * entries.len() + 4;
        let mut data = Vec::new();
        out.extend((entries.len() as u16).to_be_bytes());
        for (tag, kind, count, value) in entries {
            out.extend(tag.to_be_bytes());
            out.extend(kind.to_be_bytes());
            out.extend(count.to_be_bytes());
            if value.len() <= 4 {
                let mut v = value.clone();
                v.resize(4, 0);
                out.extend(v);
            } else {
                out.extend((data_offset as u32).to_be_bytes());
                data.extend(value);
                data.resize(padded(data.len()), 0);
                data_offset += padded(value.len());
            }
        }
        out.extend(0u32.to_be_bytes());
        out.extend(data);
    }

    /// A big-endian TIFF block with IFD0, an Exif IFD and a GPS IFD.
    fn exif_tiff(mut ifd0: Vec<Entry>, exif: Vec<Entry>, gps: Vec<Entry>) -> Vec<u8> {
        let ifd0_size = ifd_size(&ifd0) + 2 * 12;
        let exif_offset = 8 + ifd0_size;
        let gps_offset = exif_offset + ifd_size(&exif);
        ifd0.push(long_entry(0x8769, exif_offset as u32));
        ifd0.push(long_entry(0x8825, gps_offset as u32));
        let mut out = b"MM\0\x2a\0\0\0\x08".to_vec();
        write_ifd(&mut out, &ifd0);
        write_ifd(&mut out, &exif);
        write_ifd(&mut out, &gps);
        out
    }

    /// Inserts an APP1 Exif segment right after the JPEG's SOI marker.
    fn with_app1(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
        let mut out = jpeg[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
        out.extend(b"Exif\0\0");
        out.extend(tiff);
        out.extend(&jpeg[2..]);
        out
    }

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 40) as u8, (y * 60) as u8, 128])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img)
            .write_to(&mut out, format)
            .unwrap();
        out.into_inner()
    }

    /// A 16×12 JPEG taken "on an iPhone in London", rotated by EXIF Orientation 6.
    fn phone_photo() -> Vec<u8> {
        let tiff = exif_tiff(
            vec![
                ascii_entry(0x010F, "Apple"),
                ascii_entry(0x0110, "iPhone 15"),
                (0x0112, 3, 1, vec![0, 6]),
            ],
            vec![
                ascii_entry(0x9003, "2024:03:12 21:05:11"),
                ascii_entry(0x9011, "+01:00"),
            ],
            vec![
                ascii_entry(0x0001, "N"),
                rationals(0x0002, &[(51, 1), (30, 1), (264, 10)]),
                ascii_entry(0x0003, "W"),
                rationals(0x0004, &[(0, 1), (7, 1), (396, 10)]),
            ],
        );
        with_app1(&encoded(16, 12, ImageFormat::Jpeg), &tiff)
    }

    #[test]
    fn phone_photo_metadata_is_read_exactly() {
        let photo = phone_photo();
        let info = inspect_image(&photo, &limits()).unwrap();
        assert_eq!(info.media_type, "image/jpeg");
        assert_eq!((info.width, info.height), (16, 12));
        assert_eq!(
            info.captured_at.as_deref(),
            Some("2024-03-12T21:05:11+01:00")
        );
        assert_eq!(info.camera.as_deref(), Some("Apple iPhone 15"));
        let gps = info.gps.unwrap();
        assert!(
            (gps.latitude - (51.0 + 30.0 / 60.0 + 26.4 / 3600.0)).abs() < 1e-9,
            "{gps:?}"
        );
        assert!(
            (gps.longitude + (7.0 / 60.0 + 39.6 / 3600.0)).abs() < 1e-9,
            "{gps:?}"
        );
        // The thumbnail is upright: Orientation 6 turns 16×12 into 12×16.
        let thumb = image::load_from_memory(&info.thumbnail_jpeg).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (12, 16));
    }

    #[test]
    fn capture_time_without_offset_and_unset_clock() {
        let tiff = exif_tiff(
            vec![ascii_entry(0x0110, "Canon EOS 5D")],
            vec![ascii_entry(0x9003, "2024:03:12 21:05:11")],
            vec![],
        );
        let info = inspect_image(
            &with_app1(&encoded(8, 8, ImageFormat::Jpeg), &tiff),
            &limits(),
        )
        .unwrap();
        assert_eq!(info.captured_at.as_deref(), Some("2024-03-12T21:05:11"));
        assert_eq!(info.camera.as_deref(), Some("Canon EOS 5D"));
        assert_eq!(info.gps, None);
        let tiff = exif_tiff(
            vec![],
            vec![ascii_entry(0x9003, "0000:00:00 00:00:00")],
            vec![],
        );
        let info = inspect_image(
            &with_app1(&encoded(8, 8, ImageFormat::Jpeg), &tiff),
            &limits(),
        )
        .unwrap();
        assert_eq!(info.captured_at, None);
    }

    #[test]
    fn broken_exif_leaves_the_image_without_metadata() {
        let photo = with_app1(
            &encoded(8, 8, ImageFormat::Jpeg),
            b"MM\0\x2a\xff\xff\xff\xff junk",
        );
        let info = inspect_image(&photo, &limits()).unwrap();
        assert_eq!(
            (info.captured_at, info.gps, info.camera),
            (None, None, None)
        );
    }

    #[test]
    fn png_gif_and_webp_are_identified_and_thumbnailed() {
        let info = inspect_image(&fixture("tiny-4x3.png"), &limits()).unwrap();
        assert_eq!(
            (info.media_type, info.width, info.height),
            ("image/png", 4, 3)
        );
        let thumb = image::load_from_memory(&info.thumbnail_jpeg).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (4, 3));
        assert_eq!(info.captured_at, None);

        for (format, media_type) in [
            (ImageFormat::Gif, "image/gif"),
            (ImageFormat::WebP, "image/webp"),
        ] {
            let info = inspect_image(&encoded(10, 7, format), &limits()).unwrap();
            assert_eq!(
                (info.media_type, info.width, info.height),
                (media_type, 10, 7)
            );
        }
    }

    /// A GIF whose 20 × 10 screen holds one black 10 × 10 frame on its right half.
    fn gif_with_offset_frame() -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder =
                gif::Encoder::new(&mut out, 20, 10, &[0, 0, 0, 255, 255, 255]).unwrap();
            let frame = gif::Frame {
                left: 10,
                top: 0,
                width: 10,
                height: 10,
                buffer: std::borrow::Cow::Owned(vec![0; 100]),
                ..gif::Frame::default()
            };
            encoder.write_frame(&frame).unwrap();
        }
        out
    }

    #[test]
    fn a_gif_frame_is_placed_on_its_screen_and_the_rest_is_white() {
        let info = inspect_image(&gif_with_offset_frame(), &limits()).unwrap();
        assert_eq!((info.width, info.height), (20, 10));
        let thumb = image::load_from_memory(&info.thumbnail_jpeg)
            .unwrap()
            .to_rgb8();
        assert_eq!(thumb.dimensions(), (20, 10));
        assert!(
            thumb.get_pixel(3, 5).0.iter().all(|&c| c > 215),
            "left stays white"
        );
        assert!(
            thumb.get_pixel(16, 5).0.iter().all(|&c| c < 40),
            "right is the frame"
        );
    }

    #[test]
    fn truncated_gifs_and_webps_are_refused_naming_the_damage() {
        for whole in [
            gif_with_offset_frame(),
            encoded(64, 64, ImageFormat::Gif),
            encoded(64, 64, ImageFormat::WebP),
        ] {
            for cut in [whole.len() / 2, 20] {
                let err = inspect_image(&whole[..cut], &limits()).unwrap_err();
                assert!(
                    matches!(err, MediaError::ImageTruncatedOrCorrupt { .. }),
                    "{err:?}"
                );
            }
        }
    }

    #[test]
    fn large_image_thumbnail_is_320_on_the_long_side() {
        let info = inspect_image(&encoded(800, 600, ImageFormat::Png), &limits()).unwrap();
        let thumb = image::load_from_memory(&info.thumbnail_jpeg).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 240));
    }

    #[test]
    fn truncated_images_are_refused() {
        let err = inspect_image(&fixture("truncated.png"), &limits()).unwrap_err();
        assert!(
            matches!(err, MediaError::ImageTruncatedOrCorrupt { .. }),
            "{err:?}"
        );
        let jpeg = encoded(64, 64, ImageFormat::Jpeg);
        let err = inspect_image(&jpeg[..jpeg.len() / 2], &limits()).unwrap_err();
        assert!(
            matches!(err, MediaError::ImageTruncatedOrCorrupt { .. }),
            "{err:?}"
        );
        let err = inspect_image(&jpeg[..20], &limits()).unwrap_err();
        assert!(
            matches!(err, MediaError::ImageTruncatedOrCorrupt { .. }),
            "{err:?}"
        );
        // Whole, with data appended after the end-of-image marker: accepted.
        let mut trailing = jpeg.clone();
        trailing.extend(b"vendor trailer");
        assert_eq!(inspect_image(&trailing, &limits()).unwrap().width, 64);
    }

    #[test]
    fn huge_declared_dimensions_are_refused_before_decoding() {
        let err = inspect_image(&fixture("ihdr-30000x30000.png"), &limits()).unwrap_err();
        assert!(
            matches!(
                err,
                MediaError::ImageTooLarge {
                    width: 30000,
                    height: 30000
                }
            ),
            "{err:?}"
        );
        // A GIF or WebP is decoded whole: pixels beyond the decoder bound are refused,
        // naming the size. A PNG or a JPEG is read a row or a reduced scale at a time,
        // so the same bound reads it.
        let small = ImageLimits {
            max_alloc: 29_999,
            ..limits()
        };
        let err = inspect_image(&encoded(100, 100, ImageFormat::WebP), &small).unwrap_err();
        assert!(
            matches!(
                err,
                MediaError::TooLargeToDecode {
                    width: 100,
                    height: 100,
                    kind: "WebP",
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "the image (100x100 WebP) would need 30000 bytes of memory to read, more than \
             the 29999 allowed; save it as a PNG or a baseline JPEG"
        );
        let png = inspect_image(&encoded(100, 100, ImageFormat::Png), &small).unwrap();
        assert_eq!((png.width, png.height), (100, 100));
        // A 2000 × 1500 JPEG (9 MB of pixels) is decoded at a quarter of its size.
        let one_mib = ImageLimits {
            max_alloc: 1 << 20,
            ..limits()
        };
        let jpeg = inspect_image(&encoded(2000, 1500, ImageFormat::Jpeg), &one_mib).unwrap();
        assert_eq!((jpeg.width, jpeg.height), (2000, 1500));
        let thumb = image::load_from_memory(&jpeg.thumbnail_jpeg).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 240));
        let tiny_files = ImageLimits {
            max_bytes: 10,
            ..limits()
        };
        let err = inspect_image(&fixture("tiny-4x3.png"), &tiny_files).unwrap_err();
        assert!(
            matches!(
                err,
                MediaError::TooLarge {
                    what: "image file",
                    limit: 10
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn non_images_and_unsupported_formats_are_named() {
        let err = inspect_image(&fixture("garbage.bin"), &limits()).unwrap_err();
        assert!(matches!(err, MediaError::NotAnImage), "{err:?}");
        let err = inspect_image(&fixture("empty.bin"), &limits()).unwrap_err();
        assert!(matches!(err, MediaError::Empty), "{err:?}");
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        let err = inspect_image(heic, &limits()).unwrap_err();
        assert!(
            matches!(err, MediaError::UnsupportedImage { format: "HEIC" }),
            "{err:?}"
        );
        let err = inspect_image(b"II*\0\x08\0\0\0", &limits()).unwrap_err();
        assert!(
            matches!(err, MediaError::UnsupportedImage { format: "TIFF" }),
            "{err:?}"
        );
    }

    use crate::test_support::mutate;

    fn bounded(input: &[u8]) {
        let start = std::time::Instant::now();
        let _ = inspect_image(input, &limits());
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_behind_image_magic_never_panic(
            magic in 0usize..5,
            tail in proptest::collection::vec(any::<u8>(), 0..2048)
        ) {
            let prefix: &[u8] = [&b"\x89PNG\r\n\x1a\n"[..], b"\xFF\xD8\xFF", b"GIF89a", b"RIFF\0\0\0\0WEBP", b""][magic];
            let mut input = prefix.to_vec();
            input.extend(tail);
            bounded(&input);
        }

        #[test]
        fn mutated_images_never_panic(
            which in 0usize..4,
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)
        ) {
            let base = match which {
                0 => fixture("tiny-4x3.png"),
                1 => phone_photo(),
                2 => encoded(10, 7, ImageFormat::Gif),
                _ => encoded(10, 7, ImageFormat::WebP),
            };
            bounded(&mutate(&base, &edits));
        }
    }
}
