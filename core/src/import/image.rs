//! Images attached to incidents (photos, screenshots): identified, fully decoded under
//! limits (so a truncated or corrupt file is refused, not half-shown), measured, their
//! EXIF capture time, place and camera read, and a small JPEG thumbnail made.
//!
//! The original bytes are never altered: the caller stores them as given; everything here
//! is derived. Supported: PNG, JPEG, GIF (first frame), WebP. HEIC (iPhone's default),
//! TIFF, BMP and others are recognised and refused with [`ImportError::UnsupportedImage`]
//! so the user is told to convert rather than that the file is not an image.
//!
//! EXIF (CIPA DC-008, Exif 2.32) is read with kamadak-exif from JPEG APP1, PNG `eXIf` and
//! WebP `EXIF` chunks: DateTimeOriginal (0x9003), OffsetTimeOriginal (0x9011), GPSLatitude
//! / GPSLatitudeRef / GPSLongitude / GPSLongitudeRef (0x0002/0x0001/0x0004/0x0003), Make
//! (0x010F), Model (0x0110). Broken EXIF is not fatal: the image simply has no metadata.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::error::ImportError;

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
    /// Most memory the decoder may allocate, in bytes.
    pub max_alloc: u64,
}

impl Default for ImageLimits {
    /// 64 MiB files, 12000×12000 pixels (a 144-megapixel phone photo fits), 512 MiB of
    /// decoder memory.
    fn default() -> Self {
        Self {
            max_bytes: 64 * 1024 * 1024,
            max_width: 12_000,
            max_height: 12_000,
            max_alloc: 512 * 1024 * 1024,
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
fn sniff(bytes: &[u8]) -> Result<(ImageFormat, &'static str), ImportError> {
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
    let unsupported = |format| Err(ImportError::UnsupportedImage { format });
    if bytes.get(4..8) == Some(b"ftyp") {
        return match bytes.get(8..12) {
            Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" | b"heim" | b"heis") => {
                unsupported("HEIC")
            }
            Some(b"avif" | b"avis") => unsupported("AVIF"),
            _ => Err(ImportError::NotAnImage),
        };
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
    Err(ImportError::NotAnImage)
}

fn corrupt(e: image::ImageError) -> ImportError {
    match e {
        image::ImageError::Unsupported(u) => ImportError::ImageTruncatedOrCorrupt {
            reason: format!("uses a feature the decoder does not support ({u})"),
        },
        other => ImportError::ImageTruncatedOrCorrupt {
            reason: other.to_string(),
        },
    }
}

/// Inspects an image: checks limits, decodes it fully, reads EXIF and makes a thumbnail.
///
/// Order matters for safety: the size is checked first, then only the header is read and
/// oversized dimensions refused ([`ImportError::ImageTooLarge`]) before any pixel buffer
/// is allocated; the full decode then runs under [`image::Limits`].
pub fn inspect_image(bytes: &[u8], limits: &ImageLimits) -> Result<ImageInfo, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() as u64 > limits.max_bytes {
        return Err(ImportError::TooLarge {
            what: "image file",
            limit: limits.max_bytes,
        });
    }
    let (format, media_type) = sniff(bytes)?;

    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_image_width = Some(limits.max_width);
    decoder_limits.max_image_height = Some(limits.max_height);
    decoder_limits.max_alloc = Some(limits.max_alloc);

    // Header only: dimensions, with no pixel allocation.
    let (width, height) = {
        let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
        reader.no_limits();
        let decoder = reader.into_decoder().map_err(corrupt)?;
        decoder.dimensions()
    };
    let too_large = ImportError::ImageTooLarge { width, height };
    if width == 0 || height == 0 {
        return Err(ImportError::ImageTruncatedOrCorrupt {
            reason: "zero width or height".to_owned(),
        });
    }
    if width > limits.max_width || height > limits.max_height {
        return Err(too_large);
    }

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decoder_limits);
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => ImportError::ImageTooLarge { width, height },
        other => corrupt(other),
    })?;
    if decoder.total_bytes() > limits.max_alloc {
        return Err(too_large);
    }
    let orientation = decoder.orientation().ok();
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => ImportError::ImageTooLarge { width, height },
        other => corrupt(other),
    })?;
    if let Some(o) = orientation {
        pixels.apply_orientation(o);
    }

    let thumbnail_jpeg = thumbnail(&pixels)?;
    let exif = read_exif(bytes);
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

fn thumbnail(pixels: &DynamicImage) -> Result<Vec<u8>, ImportError> {
    let small = pixels.thumbnail(THUMBNAIL_SIZE, THUMBNAIL_SIZE);
    // JPEG has no alpha: composite onto white so transparent screenshots stay legible.
    let rgba = small.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (dst, src) in rgb.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = src.0;
        let blend = |c: u8| -> u8 {
            let v = (u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255;
            u8::try_from(v).unwrap_or(255)
        };
        dst.0 = [blend(r), blend(g), blend(b)];
    }
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80);
    rgb.write_with_encoder(encoder)
        .map_err(|e| ImportError::ImageTruncatedOrCorrupt {
            reason: format!("thumbnail encoding failed: {e}"),
        })?;
    Ok(out)
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
