//! The thumbnail, made as the pixels stream past: each decoded pixel, composited onto
//! white, is added to the thumbnail cell it falls in, and each cell is the average of its
//! pixels (a box filter). Memory is the thumbnail's own, whatever the image's size, and
//! the order the pixels come in does not matter (an interlaced PNG gives them in seven
//! passes).

use super::upright::{self, Orientation};
use super::{MediaError, THUMBNAIL_SIZE};

/// The thumbnail's JPEG quality.
const QUALITY: u8 = 80;

/// The thumbnail's size for an image of `width` × `height`: at most [`THUMBNAIL_SIZE`] on
/// the long side, never larger than the image (a small screenshot crop keeps its size).
pub(super) fn thumbnail_size(width: u32, height: u32) -> (u32, u32) {
    if width <= THUMBNAIL_SIZE && height <= THUMBNAIL_SIZE {
        return (width.max(1), height.max(1));
    }
    let scaled = |short: u32, long: u32| {
        let v =
            (u64::from(short) * u64::from(THUMBNAIL_SIZE) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(v)
            .unwrap_or(THUMBNAIL_SIZE)
            .clamp(1, THUMBNAIL_SIZE)
    };
    if width >= height {
        (THUMBNAIL_SIZE, scaled(height, width))
    } else {
        (scaled(width, height), THUMBNAIL_SIZE)
    }
}

/// Sums of the pixels falling in each thumbnail cell.
pub(super) struct Shrink {
    source: (u32, u32),
    size: (u32, u32),
    /// The thumbnail column of each source column.
    columns: Vec<u32>,
    /// Red, green, blue sums and the count, per cell.
    sums: Vec<[u32; 4]>,
}

impl Shrink {
    /// For pixels of a `source_width` × `source_height` picture (the image, or the image
    /// decoded at a reduced scale) becoming a thumbnail of `size`.
    pub(super) fn new(source_width: u32, source_height: u32, size: (u32, u32)) -> Self {
        let (w, h) = (source_width.max(1), source_height.max(1));
        let columns = (0..w).map(|x| cell(x, w, size.0)).collect::<Vec<_>>();
        let cells = size.0 as usize * size.1 as usize;
        Shrink {
            source: (w, h),
            size,
            columns,
            sums: vec![[0; 4]; cells],
        }
    }

    /// Adds row `y` of pixels, the first at column `x0` and each next `step` columns on,
    /// given as `channels` bytes each: 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA.
    pub(super) fn add_row(&mut self, y: u32, x0: u32, step: u32, channels: usize, data: &[u8]) {
        if y >= self.source.1 || channels == 0 {
            return;
        }
        let row = cell(y, self.source.1, self.size.1) as usize * self.size.0 as usize;
        let mut x = x0;
        for px in data.chunks_exact(channels) {
            let Some(&column) = self.columns.get(x as usize) else {
                break;
            };
            let rgb = on_white(px);
            if let Some(s) = self.sums.get_mut(row + column as usize) {
                s[0] += u32::from(rgb[0]);
                s[1] += u32::from(rgb[1]);
                s[2] += u32::from(rgb[2]);
                s[3] += 1;
            }
            x += step;
        }
    }

    /// The thumbnail, turned upright by `orientation`, as a JPEG.
    pub(super) fn finish(self, orientation: Option<Orientation>) -> Result<Vec<u8>, MediaError> {
        let (w, h) = self.size;
        let mut rgb = Vec::with_capacity(self.sums.len() * 3);
        for s in &self.sums {
            let average = |v: u32| -> u8 {
                (v + s[3] / 2)
                    .checked_div(s[3])
                    .and_then(|a| u8::try_from(a).ok())
                    .unwrap_or(255)
            };
            rgb.extend([average(s[0]), average(s[1]), average(s[2])]);
        }
        let (rgb, w, h) = match orientation {
            Some(o) => upright::turn(rgb, w, h, o),
            None => (rgb, w, h),
        };
        let failed = |reason: String| MediaError::ImageTruncatedOrCorrupt {
            reason: format!("thumbnail encoding failed: {reason}"),
        };
        let side = |v: u32| u16::try_from(v).map_err(|_| failed("too large".to_owned()));
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, QUALITY);
        // Full colour resolution: screenshots are text, and halving the chroma blurs
        // coloured text in a thumbnail this small.
        encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_4_4);
        encoder
            .encode(&rgb, side(w)?, side(h)?, jpeg_encoder::ColorType::Rgb)
            .map_err(|e| failed(e.to_string()))?;
        Ok(out)
    }
}

/// Which of `cells` cells position `i` of `length` falls in.
fn cell(i: u32, length: u32, cells: u32) -> u32 {
    let c = u64::from(i) * u64::from(cells) / u64::from(length.max(1));
    u32::try_from(c).unwrap_or(0).min(cells.saturating_sub(1))
}

/// One pixel as RGB composited onto white (a JPEG has no alpha, and transparent
/// screenshots stay legible on white).
fn on_white(px: &[u8]) -> [u8; 3] {
    let (r, g, b, a) = match *px {
        [v] => (v, v, v, 255),
        [v, a] => (v, v, v, a),
        [r, g, b] => (r, g, b, 255),
        [r, g, b, a, ..] => (r, g, b, a),
        [] => (255, 255, 255, 0),
    };
    let blend = |c: u8| -> u8 {
        let v = (u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255;
        u8::try_from(v).unwrap_or(255)
    };
    [blend(r), blend(g), blend(b)]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn thumbnails_keep_the_aspect_and_never_grow() {
        assert_eq!(thumbnail_size(800, 600), (320, 240));
        assert_eq!(thumbnail_size(600, 800), (240, 320));
        assert_eq!(thumbnail_size(12_000, 12_000), (320, 320));
        assert_eq!(thumbnail_size(4, 3), (4, 3));
        assert_eq!(thumbnail_size(10_000, 1), (320, 1));
    }

    #[test]
    fn each_cell_is_the_average_of_its_pixels_on_white() {
        let mut s = Shrink::new(4, 2, (2, 1));
        // Left half black, right half fully transparent (white on white).
        s.add_row(
            0,
            0,
            1,
            4,
            &[0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9, 0, 9, 9, 9, 0],
        );
        s.add_row(
            1,
            0,
            1,
            4,
            &[0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9, 0, 9, 9, 9, 0],
        );
        let jpeg = s.finish(None).unwrap();
        let thumb = image::load_from_memory(&jpeg).unwrap().to_rgb8();
        assert_eq!(thumb.dimensions(), (2, 1));
        assert!(thumb.get_pixel(0, 0).0.iter().all(|&c| c < 40));
        assert!(thumb.get_pixel(1, 0).0.iter().all(|&c| c > 215));
    }
}
