//! Turning a picture upright by its EXIF Orientation (tag 0x0112, CIPA DC-008 §4.6.4):
//! a phone stores a photo as the sensor saw it and writes which way up it was held; the
//! thumbnail is shown the way it was seen.

/// One of the eight EXIF orientations: how the stored rows and columns map onto the
/// picture as seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Orientation {
    /// 1: stored as seen.
    Upright,
    /// 2: mirrored left to right.
    MirrorHorizontal,
    /// 3: upside down.
    Rotate180,
    /// 4: mirrored top to bottom.
    MirrorVertical,
    /// 5: rows and columns swapped (a transpose).
    Transpose,
    /// 6: to be turned a quarter clockwise (a phone held upright, the usual portrait photo).
    Rotate90,
    /// 7: swapped across the other diagonal (a transverse).
    Transverse,
    /// 8: to be turned a quarter anticlockwise.
    Rotate270,
}

impl Orientation {
    /// The orientation an EXIF value names; `None` for values outside 1–8.
    pub(super) fn from_exif(value: u8) -> Option<Self> {
        Some(match value {
            1 => Self::Upright,
            2 => Self::MirrorHorizontal,
            3 => Self::Rotate180,
            4 => Self::MirrorVertical,
            5 => Self::Transpose,
            6 => Self::Rotate90,
            7 => Self::Transverse,
            8 => Self::Rotate270,
            _ => return None,
        })
    }

    /// Whether the picture as seen has width and height swapped.
    fn swaps_sides(self) -> bool {
        matches!(
            self,
            Self::Transpose | Self::Rotate90 | Self::Transverse | Self::Rotate270
        )
    }

    /// Where stored pixel (`x`, `y`) of a `w` × `h` picture lands when it is seen.
    fn place(self, x: u32, y: u32, w: u32, h: u32) -> (u32, u32) {
        let (right, bottom) = (w - 1 - x, h - 1 - y);
        match self {
            Self::Upright => (x, y),
            Self::MirrorHorizontal => (right, y),
            Self::Rotate180 => (right, bottom),
            Self::MirrorVertical => (x, bottom),
            Self::Transpose => (y, x),
            Self::Rotate90 => (h - 1 - y, x),
            Self::Transverse => (bottom, right),
            Self::Rotate270 => (y, right),
        }
    }
}

/// An RGB picture of `w` × `h` (3 bytes a pixel, rows top to bottom) as seen: the pixels
/// and the new width and height.
pub(super) fn turn(rgb: Vec<u8>, w: u32, h: u32, o: Orientation) -> (Vec<u8>, u32, u32) {
    if o == Orientation::Upright || w == 0 || h == 0 {
        return (rgb, w, h);
    }
    let (seen_w, seen_h) = if o.swaps_sides() { (h, w) } else { (w, h) };
    let mut seen = vec![0u8; rgb.len()];
    for (i, px) in rgb.chunks_exact(3).enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let (x, y) = o.place(i % w, i / w, w, h);
        let at = (y as usize * seen_w as usize + x as usize) * 3;
        if let Some(dst) = seen.get_mut(at..at + 3) {
            dst.copy_from_slice(px);
        }
    }
    (seen, seen_w, seen_h)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A 3 × 2 picture whose pixels are numbered 0..6 in reading order:
    /// ```text
    /// 0 1 2
    /// 3 4 5
    /// ```
    fn numbered() -> Vec<u8> {
        (0u8..6).flat_map(|n| [n, n, n]).collect()
    }

    fn seen(o: u8) -> (Vec<u8>, u32, u32) {
        let (px, w, h) = turn(numbered(), 3, 2, Orientation::from_exif(o).unwrap());
        (px.chunks_exact(3).map(|p| p[0]).collect(), w, h)
    }

    #[test]
    fn each_orientation_puts_the_pixels_where_they_were_seen() {
        assert_eq!(seen(1), (vec![0, 1, 2, 3, 4, 5], 3, 2));
        assert_eq!(seen(2), (vec![2, 1, 0, 5, 4, 3], 3, 2));
        assert_eq!(seen(3), (vec![5, 4, 3, 2, 1, 0], 3, 2));
        assert_eq!(seen(4), (vec![3, 4, 5, 0, 1, 2], 3, 2));
        // Quarter turns: 2 wide and 3 tall.
        assert_eq!(seen(5), (vec![0, 3, 1, 4, 2, 5], 2, 3));
        assert_eq!(seen(6), (vec![3, 0, 4, 1, 5, 2], 2, 3));
        assert_eq!(seen(7), (vec![5, 2, 4, 1, 3, 0], 2, 3));
        assert_eq!(seen(8), (vec![2, 5, 1, 4, 0, 3], 2, 3));
    }

    #[test]
    fn values_outside_the_eight_are_no_orientation() {
        assert_eq!(Orientation::from_exif(0), None);
        assert_eq!(Orientation::from_exif(9), None);
    }
}
