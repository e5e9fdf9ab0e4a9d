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

/// A HEIF photo as an iPhone writes one, reduced to what EXIF readers walk: an `ftyp` box
/// of brand `heic`, a `meta` box whose item list names an `Exif` item kept in its `idat`,
/// and some bytes standing in for the picture. Its EXIF says it was taken at
/// `2024:03:12 21:05:11` (`+00:00`) at 51.5°N 0.1°W on an "Apple iPhone 15".
pub fn iphone_heic() -> Vec<u8> {
    fn sized(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((8 + body.len()) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }
    let tiff = exif_tiff();
    let mut idat = 0u32.to_be_bytes().to_vec(); // the TIFF header's offset
    idat.extend_from_slice(&tiff);
    // ItemLocationBox version 1: no offset or length fields, one item kept in the idat.
    let iloc = sized(b"iloc", b"\x01\0\0\0\0\0\0\x01\0\x01\0\x01\0\0\0\x01");
    let infe = sized(b"infe", b"\x02\0\0\0\0\x01\0\0Exif");
    let mut iinf_body = b"\0\0\0\0\0\x01".to_vec();
    iinf_body.extend_from_slice(&infe);
    let mut meta_body = b"\0\0\0\0".to_vec();
    meta_body.extend_from_slice(&iloc);
    meta_body.extend_from_slice(&sized(b"iinf", &iinf_body));
    meta_body.extend_from_slice(&sized(b"idat", &idat));
    let mut out = sized(b"ftyp", b"heic\0\0\0\0mif1heic");
    out.extend_from_slice(&sized(b"meta", &meta_body));
    out.extend_from_slice(&sized(b"mdat", &[0x5a; 256]));
    out
}

/// A big-endian TIFF block: IFD0 (Make, Model, the Exif and GPS IFD pointers), an Exif
/// IFD (DateTimeOriginal, OffsetTimeOriginal) and a GPS IFD.
fn exif_tiff() -> Vec<u8> {
    // (tag, type, count, value bytes); values over four bytes go after the IFDs.
    type Field = (u16, u16, u32, Vec<u8>);
    let ascii = |tag: u16, s: &str| -> Field {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        (tag, 2, v.len() as u32, v)
    };
    let rationals = |tag: u16, parts: &[(u32, u32)]| -> Field {
        let v = parts
            .iter()
            .flat_map(|(n, d)| n.to_be_bytes().into_iter().chain(d.to_be_bytes()))
            .collect();
        (tag, 5, parts.len() as u32, v)
    };
    let long = |tag: u16, n: u32| -> Field { (tag, 4, 1, n.to_be_bytes().to_vec()) };
    let ifd_len = |fields: usize| 2 + 12 * fields + 4;
    let extra = |fields: &[Field]| -> usize {
        fields
            .iter()
            .map(|f| if f.3.len() > 4 { f.3.len() } else { 0 })
            .sum()
    };
    let exif = vec![
        ascii(0x9003, "2024:03:12 21:05:11"),
        ascii(0x9011, "+00:00"),
    ];
    let gps = vec![
        ascii(0x0001, "N"),
        rationals(0x0002, &[(51, 1), (30, 1), (0, 1)]),
        ascii(0x0003, "W"),
        rationals(0x0004, &[(0, 1), (6, 1), (0, 1)]),
    ];
    let mut ifd0 = vec![ascii(0x010F, "Apple"), ascii(0x0110, "iPhone 15")];
    let ifd0_end = 8 + ifd_len(ifd0.len() + 2) + extra(&ifd0);
    let exif_end = ifd0_end + ifd_len(exif.len()) + extra(&exif);
    ifd0.push(long(0x8769, ifd0_end as u32));
    ifd0.push(long(0x8825, exif_end as u32));
    let mut out = b"MM\0\x2a\0\0\0\x08".to_vec();
    for fields in [&ifd0, &exif, &gps] {
        let start = out.len();
        let mut spill = start + ifd_len(fields.len());
        let mut tail = Vec::new();
        out.extend((fields.len() as u16).to_be_bytes());
        for (tag, kind, count, value) in fields.iter() {
            out.extend(tag.to_be_bytes());
            out.extend(kind.to_be_bytes());
            out.extend(count.to_be_bytes());
            if value.len() > 4 {
                out.extend((spill as u32).to_be_bytes());
                spill += value.len();
                tail.extend_from_slice(value);
            } else {
                let mut v = value.clone();
                v.resize(4, 0);
                out.extend(v);
            }
        }
        out.extend(0u32.to_be_bytes());
        out.extend(tail);
    }
    out
}
