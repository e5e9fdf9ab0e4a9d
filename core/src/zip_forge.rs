//! Hostile zips for tests: a zip written field by field (APPNOTE.TXT 4.3) so that any
//! header can lie — names that differ between the two headers, extra fields that rename,
//! bytes hidden before, between or after members, a second end record, Zip64 records that
//! disagree. Built only for this crate's tests and, through the `zip-forge` feature, for
//! the end-to-end tests in `tests/`; nothing in the product uses it.
#![allow(missing_docs)]

use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::DeflateEncoder;

use crate::safe_zip::{SafeZip, SafeZipError, ZipLimits};

/// One member. Every `Option` left `None` means "the truth".
#[derive(Debug, Clone, Default)]
pub struct Forged {
    pub name: Vec<u8>,
    /// The name in the central record, when it should differ from the local header's.
    pub central_name: Option<Vec<u8>>,
    pub data: Vec<u8>,
    pub deflate: bool,
    pub flags: u16,
    pub central_flags: Option<u16>,
    /// The method in both headers (default: 0 or 8 from `deflate`).
    pub method: Option<u16>,
    pub local_extra: Vec<u8>,
    pub central_extra: Vec<u8>,
    pub made_by: u16,
    pub external: u32,
    /// The uncompressed size both headers declare.
    pub declared_size: Option<u64>,
    /// The uncompressed size the local header alone declares.
    pub local_size: Option<u64>,
    /// The CRC-32 both headers give (default: of `data`).
    pub crc: Option<u32>,
    pub local_crc: Option<u32>,
    /// Bytes written after this member's data, before the next local header.
    pub gap_after: Vec<u8>,
    /// Point the central record at member N's local header instead of this one's.
    pub offset_of: Option<usize>,
    pub comment: Vec<u8>,
    /// Write the local header and data only: a member the central directory omits.
    pub hidden: bool,
    /// Write a data descriptor (flag bit 3; zeros in the local header).
    pub descriptor: bool,
}

impl Forged {
    /// A regular file (mode 0644, made by Unix).
    pub fn file(name: &str, data: &[u8]) -> Forged {
        Forged {
            name: name.as_bytes().to_vec(),
            data: data.to_vec(),
            made_by: 0x0314,
            external: 0o100644 << 16,
            ..Forged::default()
        }
    }

    /// A folder entry (`name` ends in `/`).
    pub fn dir(name: &str) -> Forged {
        Forged {
            name: name.as_bytes().to_vec(),
            made_by: 0x0314,
            external: 0o40755 << 16,
            ..Forged::default()
        }
    }

    /// The same, deflated.
    pub fn deflated(mut self) -> Forged {
        self.deflate = true;
        self
    }
}

/// A whole archive.
#[derive(Debug, Clone, Default)]
pub struct Forge {
    pub members: Vec<Forged>,
    /// Bytes before the first member.
    pub prefix: Vec<u8>,
    /// Bytes between the central directory and the end record(s).
    pub before_end: Vec<u8>,
    /// The archive comment.
    pub comment: Vec<u8>,
    /// Bytes after the end record (and its comment).
    pub trailer: Vec<u8>,
    /// Write Zip64 sizes and offsets for every member and Zip64 end records.
    pub zip64: bool,
    /// With `zip64`: the member count the Zip64 end record gives.
    pub zip64_entries: Option<u64>,
    /// The member count the classic end record gives.
    pub end_entries: Option<u16>,
    /// Write the end record twice (the second as if the first were a comment).
    pub second_end: bool,
}

/// An extra field block: id, length, data (APPNOTE 4.5.1).
pub fn extra_field(id: u16, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + data.len());
    out.extend_from_slice(&id.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// An Info-ZIP Unicode Path field (0x7075, APPNOTE 4.6.9) renaming a member whose header
/// name is `header_name` to `unicode_name`.
pub fn unicode_path_field(header_name: &[u8], unicode_name: &str) -> Vec<u8> {
    let mut data = vec![1u8];
    data.extend_from_slice(&crc32(header_name).to_le_bytes());
    data.extend_from_slice(unicode_name.as_bytes());
    extra_field(0x7075, &data)
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(bytes);
    h.finalize()
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::default());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u64le(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A 32-bit field, or all ones when Zip64 carries it.
fn small(v: u64, zip64: bool) -> u32 {
    if zip64 {
        u32::MAX
    } else {
        u32::try_from(v).unwrap_or(u32::MAX)
    }
}

impl Forge {
    pub fn new(members: Vec<Forged>) -> Forge {
        Forge {
            members,
            ..Forge::default()
        }
    }

    /// The members of a real pack, read back through the pack reader and stored, ready to
    /// be altered.
    pub fn from_pack(path: &Path) -> Result<Forge, SafeZipError> {
        let mut zip = SafeZip::open_pack(path, ZipLimits::default())?;
        let mut members = Vec::new();
        for m in zip.members().to_vec() {
            if m.is_dir {
                members.push(Forged::dir(&m.name));
            } else {
                let data = zip.read_member(&m.name, u64::MAX)?;
                members.push(Forged::file(&m.name, &data));
            }
        }
        Ok(Forge::new(members))
    }

    /// The member whose name ends with `suffix`.
    pub fn member(&mut self, suffix: &str) -> Option<&mut Forged> {
        self.members
            .iter_mut()
            .find(|m| m.name.ends_with(suffix.as_bytes()))
    }

    /// The folder every member of a pack sits in (`tally-evidence-…/`).
    pub fn root(&self) -> String {
        let first = self
            .members
            .first()
            .map(|m| m.name.clone())
            .unwrap_or_default();
        let name = String::from_utf8_lossy(&first).into_owned();
        format!("{}/", name.split('/').next().unwrap_or_default())
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        std::fs::write(path, self.build())
    }

    pub fn build(&self) -> Vec<u8> {
        let z = self.zip64;
        let mut out = self.prefix.clone();
        let mut offsets = Vec::new();
        let mut bodies = Vec::new();
        for m in &self.members {
            let body = if m.deflate {
                deflate(&m.data)
            } else {
                m.data.clone()
            };
            let method = m.method.unwrap_or(if m.deflate { 8 } else { 0 });
            let crc = m.crc.unwrap_or_else(|| crc32(&m.data));
            let size = m.declared_size.unwrap_or(m.data.len() as u64);
            let local_size = m.local_size.unwrap_or(size);
            let flags = m.flags | if m.descriptor { 1 << 3 } else { 0 };
            offsets.push(out.len() as u64);
            let mut extra = m.local_extra.clone();
            if z {
                let mut d = Vec::new();
                u64le(&mut d, if m.descriptor { 0 } else { local_size });
                u64le(&mut d, if m.descriptor { 0 } else { body.len() as u64 });
                extra.extend(extra_field(1, &d));
            }
            u32le(&mut out, 0x0403_4b50);
            u16le(&mut out, if z { 45 } else { 20 });
            u16le(&mut out, flags);
            u16le(&mut out, method);
            u32le(&mut out, 0x0021_0000);
            let (lcrc, lpacked, lsize) = if m.descriptor {
                (0, 0, 0)
            } else {
                (m.local_crc.unwrap_or(crc), body.len() as u64, local_size)
            };
            u32le(&mut out, lcrc);
            u32le(&mut out, small(lpacked, z));
            u32le(&mut out, small(lsize, z));
            u16le(&mut out, m.name.len() as u16);
            u16le(&mut out, extra.len() as u16);
            out.extend_from_slice(&m.name);
            out.extend_from_slice(&extra);
            out.extend_from_slice(&body);
            if m.descriptor {
                u32le(&mut out, 0x0807_4b50);
                u32le(&mut out, crc);
                if z {
                    u64le(&mut out, body.len() as u64);
                    u64le(&mut out, size);
                } else {
                    u32le(&mut out, body.len() as u32);
                    u32le(&mut out, size as u32);
                }
            }
            out.extend_from_slice(&m.gap_after);
            bodies.push((body.len() as u64, crc, size, method, flags));
        }
        let central_start = out.len() as u64;
        let mut listed = 0u64;
        for (i, m) in self.members.iter().enumerate() {
            if m.hidden {
                continue;
            }
            listed += 1;
            let (packed, crc, size, method, flags) = bodies.get(i).copied().unwrap_or_default();
            let offset = offsets
                .get(m.offset_of.unwrap_or(i))
                .copied()
                .unwrap_or_default();
            let name = m.central_name.as_ref().unwrap_or(&m.name);
            let mut extra = m.central_extra.clone();
            if z {
                let mut d = Vec::new();
                u64le(&mut d, size);
                u64le(&mut d, packed);
                u64le(&mut d, offset);
                extra.extend(extra_field(1, &d));
            }
            u32le(&mut out, 0x0201_4b50);
            u16le(&mut out, m.made_by);
            u16le(&mut out, if z { 45 } else { 20 });
            u16le(&mut out, m.central_flags.unwrap_or(flags));
            u16le(&mut out, method);
            u32le(&mut out, 0x0021_0000);
            u32le(&mut out, crc);
            u32le(&mut out, small(packed, z));
            u32le(&mut out, small(size, z));
            u16le(&mut out, name.len() as u16);
            u16le(&mut out, extra.len() as u16);
            u16le(&mut out, m.comment.len() as u16);
            u16le(&mut out, 0);
            u16le(&mut out, 0);
            u32le(&mut out, m.external);
            u32le(&mut out, small(offset, z));
            out.extend_from_slice(name);
            out.extend_from_slice(&extra);
            out.extend_from_slice(&m.comment);
        }
        let central_len = out.len() as u64 - central_start;
        out.extend_from_slice(&self.before_end);
        if z {
            let z_at = out.len() as u64;
            let entries = self.zip64_entries.unwrap_or(listed);
            u32le(&mut out, 0x0606_4b50);
            u64le(&mut out, 44);
            u16le(&mut out, 45);
            u16le(&mut out, 45);
            u32le(&mut out, 0);
            u32le(&mut out, 0);
            u64le(&mut out, entries);
            u64le(&mut out, entries);
            u64le(&mut out, central_len);
            u64le(&mut out, central_start);
            u32le(&mut out, 0x0706_4b50);
            u32le(&mut out, 0);
            u64le(&mut out, z_at);
            u32le(&mut out, 1);
        }
        let entries = self
            .end_entries
            .unwrap_or(if z { u16::MAX } else { listed as u16 });
        let mut end = Vec::new();
        u32le(&mut end, 0x0605_4b50);
        u16le(&mut end, 0);
        u16le(&mut end, 0);
        u16le(&mut end, entries);
        u16le(&mut end, entries);
        u32le(&mut end, small(central_len, z));
        u32le(&mut end, small(central_start, z));
        if self.second_end {
            // The first record's comment is the second record: readers searching from
            // the end find the second, readers checking the comment length the first.
            u16le(&mut end, 22);
            let mut again = end.clone();
            again.truncate(again.len() - 2);
            u16le(&mut again, self.comment.len() as u16);
            end.extend(again);
        } else {
            u16le(&mut end, self.comment.len() as u16);
        }
        out.extend(end);
        out.extend_from_slice(&self.comment);
        out.extend_from_slice(&self.trailer);
        out
    }
}
