//! Images at the limits, generated: shared by the memory test and the import bench.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{BufWriter, Write};

/// An 8000 × 8000 RGBA PNG of 16 bits a channel, each row one shade (about two and a half
/// megabytes, 512 MB of pixels).
pub fn write_big_png(path: &std::path::Path) {
    let (w, h) = (8000u32, 8000u32);
    let file = BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Sixteen);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().unwrap();
    let mut stream = writer.stream_writer().unwrap();
    let mut row = vec![0u8; w as usize * 8];
    for y in 0..h {
        let shade = ((y * 65_535) / h) as u16;
        for px in row.chunks_exact_mut(8) {
            px[..2].copy_from_slice(&shade.to_be_bytes());
            px[2..4].copy_from_slice(&(65_535 - shade).to_be_bytes());
            px[4..6].copy_from_slice(&0x8000u16.to_be_bytes());
            px[6..8].copy_from_slice(&0xFFFFu16.to_be_bytes());
        }
        stream.write_all(&row).unwrap();
    }
    stream.finish().unwrap();
}

/// A 12000 × 12000 grey JPEG, three components sampled 4:2:0 (as phones write them),
/// written by hand: one Huffman code for "no difference" and one for "end of block", so
/// each 8 × 8 block is two bits and the file under a megabyte. `progressive` marks the
/// frame progressive (refused before its scans are read).
pub fn write_big_jpeg(path: &std::path::Path, progressive: bool) {
    let size: u16 = 12_000;
    let mut out = vec![0xFF, 0xD8];
    // Quantisation table 0: all ones.
    out.extend([0xFF, 0xDB, 0, 67, 0]);
    out.extend([1u8; 64]);
    // Frame header.
    out.extend([0xFF, if progressive { 0xC2 } else { 0xC0 }, 0, 17, 8]);
    out.extend(size.to_be_bytes());
    out.extend(size.to_be_bytes());
    out.extend([3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]);
    // Huffman tables: DC 0 and AC 0, each a single one-bit code (category 0; EOB).
    out.extend([0xFF, 0xC4, 0, 38]);
    for class in [0x00u8, 0x10] {
        out.push(class);
        let mut counts = [0u8; 16];
        counts[0] = 1;
        out.extend(counts);
        out.push(0);
    }
    // Scan header: all three components, tables 0.
    out.extend([0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0, 3, 0, 0, 63, 0]);
    // 750 × 750 MCUs of six blocks, two zero bits each.
    let blocks = 750u64 * 750 * 6;
    out.resize(out.len() + (blocks * 2 / 8) as usize, 0);
    out.extend([0xFF, 0xD9]);
    std::fs::write(path, out).unwrap();
}
