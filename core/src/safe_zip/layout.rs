//! The archive's layout (APPNOTE.TXT 4.3): the end record, the Zip64 records, the central
//! directory and every local header, read so that each byte of the file is accounted for
//! exactly once and every reading of a member agrees.
//!
//! Tools find members two ways: from the end of the file through the central directory,
//! or from the start through the local headers. A zip whose two readings differ — bytes
//! before the first member, a member the directory does not list, a second end record, a
//! local header naming another file or giving other sizes — lets two tools unpack different
//! bytes from one file, so all of these are refused here, before any member is inflated.

use std::io::{self, BufReader, Read, Seek, SeekFrom};

use super::extra::{self, Header};
use super::names::shown;
use super::{SafeZipError, Strictness, ZipLimits};

const LOCAL_SIG: [u8; 4] = [0x50, 0x4b, 0x03, 0x04];
const CENTRAL_SIG: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
const END_SIG: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
const ZIP64_END_SIG: [u8; 4] = [0x50, 0x4b, 0x06, 0x06];
const ZIP64_LOCATOR_SIG: [u8; 4] = [0x50, 0x4b, 0x06, 0x07];
const DESCRIPTOR_SIG: [u8; 4] = [0x50, 0x4b, 0x07, 0x08];
/// Every record signature: none may appear in the archive comment, where a tool searching
/// backwards for the end record could take it for the real one.
const SIGNATURES: [[u8; 4]; 6] = [
    LOCAL_SIG,
    CENTRAL_SIG,
    END_SIG,
    ZIP64_END_SIG,
    ZIP64_LOCATOR_SIG,
    DESCRIPTOR_SIG,
];
/// 16- and 32-bit fields set to all ones say "see the Zip64 field" (APPNOTE 4.4.8).
const SAT16: u16 = 0xFFFF;
const SAT32: u32 = 0xFFFF_FFFF;
/// The end record is 22 bytes, followed by a comment of at most 65,535 bytes.
const END_LEN: u64 = 22;
/// Largest central directory read (bounds memory: names are kept).
const MAX_CENTRAL_BYTES: u64 = 16 << 20;
/// General-purpose flags this reader understands (APPNOTE 4.4.4): encryption (0, 6, 13)
/// is refused by name later; 1 and 2 are deflate options; 3 a data descriptor; 11 UTF-8.
const KNOWN_FLAGS: u16 = 0b0010_1000_0100_1111;

/// One member as both of its headers describe it, once they agree.
#[derive(Debug, Clone)]
pub(super) struct Record {
    /// The name's bytes, identical in both headers.
    pub name: Vec<u8>,
    pub flags: u16,
    pub method: u16,
    pub crc: u32,
    /// Compressed size.
    pub packed: u64,
    /// Uncompressed size.
    pub size: u64,
    pub external: u32,
    pub header_start: u64,
    pub data_start: u64,
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    match b.get(i..i + 2) {
        Some(s) => u16::from_le_bytes([s[0], s[1]]),
        None => 0,
    }
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    match b.get(i..i + 4) {
        Some(s) => u32::from_le_bytes([s[0], s[1], s[2], s[3]]),
        None => 0,
    }
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    let mut out = [0u8; 8];
    if let Some(s) = b.get(i..i + 8) {
        out.copy_from_slice(s);
    }
    u64::from_le_bytes(out)
}

fn ambiguous(name: &[u8], reason: impl Into<String>) -> SafeZipError {
    SafeZipError::Ambiguous {
        name: shown(&String::from_utf8_lossy(name)),
        reason: reason.into(),
    }
}

fn corrupt(name: &[u8], reason: impl Into<String>) -> SafeZipError {
    SafeZipError::Corrupt {
        name: shown(&String::from_utf8_lossy(name)),
        reason: reason.into(),
    }
}

fn not_a_zip(reason: impl Into<String>) -> SafeZipError {
    SafeZipError::NotAZip {
        reason: reason.into(),
    }
}

/// A read that ran off the end of the file means the archive is cut short.
fn cut_short(e: io::Error) -> SafeZipError {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        not_a_zip("the archive is cut short")
    } else {
        SafeZipError::Io(e)
    }
}

fn read_at(file: &mut std::fs::File, at: u64, len: usize) -> Result<Vec<u8>, SafeZipError> {
    file.seek(SeekFrom::Start(at))?;
    let mut out = vec![0u8; len];
    file.read_exact(&mut out).map_err(cut_short)?;
    Ok(out)
}

/// Where the central directory is, from the end records.
struct End {
    entries: u64,
    central_start: u64,
    central_len: u64,
}

/// Reads and cross-checks the whole layout; returns the members in central-directory order.
pub(super) fn read(
    file: &mut std::fs::File,
    limits: &ZipLimits,
    strictness: Strictness,
) -> Result<Vec<Record>, SafeZipError> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Err(not_a_zip("the file is empty"));
    }
    if len < END_LEN {
        return Err(not_a_zip("the file is too short to be a zip archive"));
    }
    let end = read_end(file, len, strictness)?;
    if end.entries > limits.max_entries as u64 {
        return Err(SafeZipError::TooManyEntries {
            limit: limits.max_entries,
        });
    }
    if end.central_len > MAX_CENTRAL_BYTES {
        return Err(corrupt(
            b"",
            "the central directory is larger than 16 MiB, more than any archive this reads",
        ));
    }
    let mut records = read_central(file, &end, strictness)?;
    check_local_headers(file, &mut records, end.central_start, strictness)?;
    Ok(records)
}

/// Finds the one end record (APPNOTE 4.3.16) and, when present, the Zip64 end record and
/// locator (4.3.14, 4.3.15); checks that they agree and that the central directory ends
/// exactly where they begin.
fn read_end(
    file: &mut std::fs::File,
    len: u64,
    strictness: Strictness,
) -> Result<End, SafeZipError> {
    let tail_len = len.min(END_LEN + 65_535);
    let tail_start = len - tail_len;
    let tail = read_at(file, tail_start, usize::try_from(tail_len).unwrap_or(0))?;
    // Every position where an end record would reach exactly the end of the file with its
    // comment. Tools search from the end and take the first they find; two candidates
    // means two tools can take different ones.
    let mut candidates = Vec::new();
    let last = tail.len().saturating_sub(END_LEN as usize);
    for p in (0..=last).rev() {
        if tail.get(p..p + 4) == Some(&END_SIG[..])
            && p + END_LEN as usize + usize::from(u16_at(&tail, p + 20)) == tail.len()
        {
            candidates.push(p);
        }
    }
    let p = match candidates.as_slice() {
        [] => {
            return Err(not_a_zip(
                "there is no end-of-central-directory record at the end of the file",
            ));
        }
        [one] => *one,
        _ => {
            return Err(ambiguous(
                b"",
                "it has more than one end-of-central-directory record",
            ));
        }
    };
    let record = tail.get(p..).unwrap_or_default();
    let comment = record.get(END_LEN as usize..).unwrap_or_default();
    if comment
        .windows(4)
        .any(|w| SIGNATURES.iter().any(|s| w == s))
    {
        return Err(ambiguous(
            b"",
            "its comment holds zip records: another archive hides in it",
        ));
    }
    if !comment.is_empty() && strictness == Strictness::Pack {
        return Err(ambiguous(
            b"",
            "it has an archive comment, which an evidence pack never has (a comment can hide another archive)",
        ));
    }
    let end_pos = tail_start + p as u64;
    let disk = u16_at(record, 4);
    let central_disk = u16_at(record, 6);
    let on_disk = u16_at(record, 8);
    let entries = u16_at(record, 10);
    let central_len = u32_at(record, 12);
    let central_start = u32_at(record, 16);
    let saturated = [disk, central_disk, on_disk, entries].contains(&SAT16)
        || central_len == SAT32
        || central_start == SAT32;

    let locator = match end_pos.checked_sub(20) {
        Some(at) => {
            let bytes = read_at(file, at, 20)?;
            (bytes.get(..4) == Some(&ZIP64_LOCATOR_SIG[..])).then_some((at, bytes))
        }
        None => None,
    };
    let Some((locator_pos, locator)) = locator else {
        if saturated {
            return Err(not_a_zip(
                "the end record points to Zip64 records that are not there",
            ));
        }
        if disk != 0 || central_disk != 0 || on_disk != entries {
            return Err(SafeZipError::Unsupported {
                name: String::new(),
                what: "an archive split over several disks".into(),
            });
        }
        central_ends_at(u64::from(central_start), u64::from(central_len), end_pos)?;
        return Ok(End {
            entries: u64::from(entries),
            central_start: u64::from(central_start),
            central_len: u64::from(central_len),
        });
    };

    // Zip64: the locator points at the Zip64 end record, which must end where the locator
    // begins.
    let z_disk = u32_at(&locator, 4);
    let z_at = u64_at(&locator, 8);
    let disks = u32_at(&locator, 16);
    if z_disk != 0 || disks > 1 {
        return Err(SafeZipError::Unsupported {
            name: String::new(),
            what: "an archive split over several disks".into(),
        });
    }
    if z_at.checked_add(56).is_none_or(|e| e > locator_pos) {
        return Err(not_a_zip(
            "the Zip64 end record is not where its locator says",
        ));
    }
    let z = read_at(file, z_at, 56)?;
    if z.get(..4) != Some(&ZIP64_END_SIG[..]) {
        return Err(not_a_zip(
            "the Zip64 end record is not where its locator says",
        ));
    }
    let z_len = u64_at(&z, 4);
    if z_len < 44 || z_at.checked_add(12).and_then(|a| a.checked_add(z_len)) != Some(locator_pos) {
        return Err(ambiguous(
            b"",
            "there are bytes between the Zip64 end record and its locator",
        ));
    }
    if z_len != 44 && strictness == Strictness::Pack {
        return Err(ambiguous(
            b"",
            "its Zip64 end record carries extensible data, which Tally never writes",
        ));
    }
    let z_this_disk = u32_at(&z, 16);
    let z_central_disk = u32_at(&z, 20);
    let z_on_disk = u64_at(&z, 24);
    let z_entries = u64_at(&z, 32);
    let z_central_len = u64_at(&z, 40);
    let z_central_start = u64_at(&z, 48);
    if z_this_disk != 0 || z_central_disk != 0 || z_on_disk != z_entries {
        return Err(SafeZipError::Unsupported {
            name: String::new(),
            what: "an archive split over several disks".into(),
        });
    }
    // A classic field that is not saturated is what tools without Zip64 read: it must say
    // what the Zip64 record says.
    let disagree = |what: &str| {
        ambiguous(
            b"",
            format!("its Zip64 end record and its classic end record disagree on the {what}"),
        )
    };
    if disk != SAT16 && disk != 0 || central_disk != SAT16 && central_disk != 0 {
        return Err(disagree("disk numbers"));
    }
    if entries != SAT16 && u64::from(entries) != z_entries
        || on_disk != SAT16 && u64::from(on_disk) != z_on_disk
    {
        return Err(disagree("number of members"));
    }
    if central_len != SAT32 && u64::from(central_len) != z_central_len {
        return Err(disagree("size of the central directory"));
    }
    if central_start != SAT32 && u64::from(central_start) != z_central_start {
        return Err(disagree("place of the central directory"));
    }
    central_ends_at(z_central_start, z_central_len, z_at)?;
    Ok(End {
        entries: z_entries,
        central_start: z_central_start,
        central_len: z_central_len,
    })
}

/// The central directory must end exactly where the end records begin.
fn central_ends_at(start: u64, len: u64, end_records: u64) -> Result<(), SafeZipError> {
    match start.checked_add(len) {
        Some(e) if e == end_records => Ok(()),
        Some(e) if e < end_records => Err(ambiguous(
            b"",
            format!(
                "{} bytes between the central directory and its end record belong to nothing",
                end_records - e
            ),
        )),
        _ => Err(not_a_zip("the central directory runs past its end record")),
    }
}

/// Reads exactly `end.entries` central records (APPNOTE 4.3.12) filling exactly the
/// directory's length.
fn read_central(
    file: &mut std::fs::File,
    end: &End,
    strictness: Strictness,
) -> Result<Vec<Record>, SafeZipError> {
    if end.entries == 0 && end.central_len == 0 {
        return Ok(Vec::new());
    }
    file.seek(SeekFrom::Start(end.central_start))?;
    let mut r = BufReader::with_capacity(64 * 1024, (&mut *file).take(end.central_len));
    let mut out = Vec::with_capacity(usize::try_from(end.entries).unwrap_or(0).min(100_000));
    let mut consumed: u64 = 0;
    for _ in 0..end.entries {
        let mut fixed = [0u8; 46];
        r.read_exact(&mut fixed).map_err(|e| cut_central(e, &[]))?;
        if fixed[..4] != CENTRAL_SIG {
            return Err(corrupt(
                b"",
                "the central directory holds fewer records than its end record counts",
            ));
        }
        let flags = u16_at(&fixed, 8);
        let method = u16_at(&fixed, 10);
        let crc = u32_at(&fixed, 16);
        let packed32 = u32_at(&fixed, 20);
        let size32 = u32_at(&fixed, 24);
        let name_len = usize::from(u16_at(&fixed, 28));
        let extra_len = usize::from(u16_at(&fixed, 30));
        let comment_len = usize::from(u16_at(&fixed, 32));
        let disk16 = u16_at(&fixed, 34);
        let external = u32_at(&fixed, 38);
        let offset32 = u32_at(&fixed, 42);
        let mut name = vec![0u8; name_len];
        r.read_exact(&mut name).map_err(|e| cut_central(e, &[]))?;
        let mut extra_block = vec![0u8; extra_len];
        r.read_exact(&mut extra_block)
            .map_err(|e| cut_central(e, &name))?;
        let mut comment = vec![0u8; comment_len];
        r.read_exact(&mut comment)
            .map_err(|e| cut_central(e, &name))?;
        consumed += (46 + name_len + extra_len + comment_len) as u64;
        if comment_len > 0 && strictness == Strictness::Pack {
            return Err(ambiguous(
                &name,
                "it has a comment, which Tally never writes",
            ));
        }
        if flags & !KNOWN_FLAGS != 0 {
            return Err(SafeZipError::Unsupported {
                name: shown(&String::from_utf8_lossy(&name)),
                what: format!("general-purpose flags {flags:#06x}"),
            });
        }
        let zip64 = extra::vet(&extra_block, Header::Central, strictness, &name)?;
        // APPNOTE 4.5.3: the Zip64 field holds, in this order, exactly the values whose
        // header fields are saturated.
        let mut values = Zip64Values::new(&name, zip64.as_deref());
        let size = if size32 == SAT32 {
            values.u64("size")?
        } else {
            u64::from(size32)
        };
        let packed = if packed32 == SAT32 {
            values.u64("compressed size")?
        } else {
            u64::from(packed32)
        };
        let header_start = if offset32 == SAT32 {
            values.u64("offset")?
        } else {
            u64::from(offset32)
        };
        let disk = if disk16 == SAT16 {
            values.u32("disk")?
        } else {
            u32::from(disk16)
        };
        values.finish(strictness)?;
        // A stored member has nothing that marks where its data ends: a streaming reader
        // looks for the descriptor's signature, and may find one planted inside the data.
        // Deflated data ends itself, so a descriptor after it (as Java writes) is safe.
        if flags & (1 << 3) != 0 && method == 0 && packed > 0 && strictness == Strictness::Pack {
            return Err(ambiguous(
                &name,
                "it is stored with a data descriptor: streaming readers have to guess where its data ends",
            ));
        }
        if disk != 0 {
            return Err(SafeZipError::Unsupported {
                name: shown(&String::from_utf8_lossy(&name)),
                what: "a member on another disk of a split archive".into(),
            });
        }
        out.push(Record {
            name,
            flags,
            method,
            crc,
            packed,
            size,
            external,
            header_start,
            data_start: 0,
        });
    }
    if consumed != end.central_len {
        return Err(ambiguous(
            b"",
            "the central directory holds more than its end record counts",
        ));
    }
    Ok(out)
}

fn cut_central(e: io::Error, name: &[u8]) -> SafeZipError {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        corrupt(name, "the central directory is cut short")
    } else {
        SafeZipError::Io(e)
    }
}

/// The values of a Zip64 extra field, taken in order.
struct Zip64Values<'a> {
    name: &'a [u8],
    data: &'a [u8],
    pos: usize,
}

impl<'a> Zip64Values<'a> {
    fn new(name: &'a [u8], data: Option<&'a [u8]>) -> Self {
        Zip64Values {
            name,
            data: data.unwrap_or_default(),
            pos: 0,
        }
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], SafeZipError> {
        let Some(bytes) = self.data.get(self.pos..self.pos + n) else {
            return Err(corrupt(
                self.name,
                format!("its header needs a Zip64 {what} that its Zip64 field does not hold"),
            ));
        };
        self.pos += n;
        Ok(bytes)
    }

    fn u64(&mut self, what: &str) -> Result<u64, SafeZipError> {
        Ok(u64_at(self.take(8, what)?, 0))
    }

    fn u32(&mut self, what: &str) -> Result<u32, SafeZipError> {
        Ok(u32_at(self.take(4, what)?, 0))
    }

    /// Values left over are read by no tool that follows the format, but some read them
    /// in place of the 32-bit fields: refused in packs.
    fn finish(&self, strictness: Strictness) -> Result<(), SafeZipError> {
        if self.pos < self.data.len() && strictness == Strictness::Pack {
            return Err(ambiguous(
                self.name,
                "its Zip64 field holds values its header does not call for",
            ));
        }
        Ok(())
    }
}

/// Walks the local headers in file order (APPNOTE 4.3.7): each must start where the last
/// member ended (the first at byte 0), say what its central record says, and the last
/// member must end where the central directory starts.
fn check_local_headers(
    file: &mut std::fs::File,
    records: &mut [Record],
    central_start: u64,
    strictness: Strictness,
) -> Result<(), SafeZipError> {
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_unstable_by_key(|&i| records.get(i).map_or(0, |r| r.header_start));
    file.seek(SeekFrom::Start(0))?;
    let mut r = BufReader::with_capacity(64 * 1024, &mut *file);
    let mut expected: u64 = 0;
    let mut previous: Option<usize> = None;
    for &i in &order {
        let Some(rec) = records.get_mut(i) else {
            continue;
        };
        if rec.header_start != expected {
            let reason = match (rec.header_start > expected, previous) {
                (true, None) => format!(
                    "{} bytes come before the first member: another archive or a program can hide there",
                    rec.header_start - expected
                ),
                (true, Some(_)) => format!(
                    "{} bytes before its local header belong to no member",
                    rec.header_start - expected
                ),
                (false, _) => "its data overlaps another member".to_owned(),
            };
            return Err(ambiguous(&rec.name, reason));
        }
        let mut fixed = [0u8; 30];
        r.read_exact(&mut fixed)
            .map_err(|e| cut_local(e, &rec.name))?;
        if fixed[..4] != LOCAL_SIG {
            return Err(corrupt(&rec.name, "its local header is missing"));
        }
        let flags = u16_at(&fixed, 6);
        let method = u16_at(&fixed, 8);
        let crc = u32_at(&fixed, 14);
        let packed32 = u32_at(&fixed, 18);
        let size32 = u32_at(&fixed, 22);
        let name_len = usize::from(u16_at(&fixed, 26));
        let extra_len = usize::from(u16_at(&fixed, 28));
        let mut name = vec![0u8; name_len];
        r.read_exact(&mut name)
            .map_err(|e| cut_local(e, &rec.name))?;
        let mut extra_block = vec![0u8; extra_len];
        r.read_exact(&mut extra_block)
            .map_err(|e| cut_local(e, &rec.name))?;
        if name != rec.name {
            return Err(ambiguous(
                &rec.name,
                format!(
                    "its local header names it {:?}: tools reading from the start unpack it under that name",
                    shown(&String::from_utf8_lossy(&name))
                ),
            ));
        }
        if flags != rec.flags {
            return Err(ambiguous(
                &rec.name,
                "its local header and its central record have different flags",
            ));
        }
        if method != rec.method {
            return Err(ambiguous(
                &rec.name,
                "its local header and its central record name different compression methods",
            ));
        }
        let zip64 = extra::vet(&extra_block, Header::Local, strictness, &rec.name)?;
        let (local_size, local_packed) = local_sizes(rec, size32, packed32, zip64.as_deref())?;
        let descriptor = flags & (1 << 3) != 0;
        let agrees = |local: u64, central: u64| local == central || descriptor && local == 0;
        if !agrees(u64::from(crc), u64::from(rec.crc)) {
            return Err(ambiguous(
                &rec.name,
                "its local header and its central record give different CRC-32s",
            ));
        }
        if !agrees(local_size, rec.size) || !agrees(local_packed, rec.packed) {
            return Err(ambiguous(
                &rec.name,
                "its local header and its central record give different sizes",
            ));
        }
        let header_len = (30 + name_len + extra_len) as u64;
        rec.data_start = expected + header_len;
        let Some(data_end) = rec.data_start.checked_add(rec.packed) else {
            return Err(corrupt(&rec.name, "its size is impossible"));
        };
        if data_end > central_start {
            return Err(ambiguous(
                &rec.name,
                "its data runs into the central directory",
            ));
        }
        r.seek_relative(i64::try_from(rec.packed).unwrap_or(i64::MAX))?;
        expected = data_end;
        if descriptor {
            expected += read_descriptor(&mut r, rec, zip64.is_some())?;
        }
        previous = Some(i);
    }
    if expected != central_start {
        let reason = if expected < central_start {
            format!(
                "{} bytes between the last member and the central directory belong to no member",
                central_start - expected
            )
        } else {
            "the last member's data runs into the central directory".to_owned()
        };
        return Err(ambiguous(b"", reason));
    }
    Ok(())
}

fn cut_local(e: io::Error, name: &[u8]) -> SafeZipError {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        corrupt(name, "its local header is cut short")
    } else {
        SafeZipError::Io(e)
    }
}

/// The sizes a local header gives, resolving its Zip64 field (APPNOTE 4.5.3: in a local
/// header the field holds both sizes, uncompressed first).
fn local_sizes(
    rec: &Record,
    size32: u32,
    packed32: u32,
    zip64: Option<&[u8]>,
) -> Result<(u64, u64), SafeZipError> {
    let (size_sat, packed_sat) = (size32 == SAT32, packed32 == SAT32);
    match zip64 {
        None if size_sat || packed_sat => Err(corrupt(
            &rec.name,
            "its local header needs a Zip64 field that it does not have",
        )),
        None => Ok((u64::from(size32), u64::from(packed32))),
        Some(data) => {
            if data.len() < 16 {
                // A shorter field cannot hold both sizes; readers would take its one value
                // for either.
                return Err(ambiguous(
                    &rec.name,
                    "its local Zip64 field does not hold both sizes",
                ));
            }
            if size_sat != packed_sat {
                return Err(ambiguous(
                    &rec.name,
                    "only one of its local sizes points to its Zip64 field",
                ));
            }
            let (z_size, z_packed) = (u64_at(data, 0), u64_at(data, 8));
            if !size_sat && (z_size != u64::from(size32) || z_packed != u64::from(packed32)) {
                return Err(ambiguous(
                    &rec.name,
                    "its local Zip64 field and its 32-bit sizes disagree",
                ));
            }
            Ok((z_size, z_packed))
        }
    }
}

/// Reads a data descriptor (APPNOTE 4.3.9) after a member's data; returns its length. Its
/// signature is optional, and its sizes are 8 bytes when the local header has a Zip64
/// field; the values must be the central record's.
fn read_descriptor(
    r: &mut BufReader<&mut std::fs::File>,
    rec: &Record,
    zip64: bool,
) -> Result<u64, SafeZipError> {
    let sizes = if zip64 { 16 } else { 8 };
    let mut buf = vec![0u8; 4 + 4 + sizes];
    let head = r.fill_buf_exact(&mut buf)?;
    let parse = |b: &[u8]| -> (u32, u64, u64) {
        if zip64 {
            (u32_at(b, 0), u64_at(b, 4), u64_at(b, 12))
        } else {
            (
                u32_at(b, 0),
                u64::from(u32_at(b, 4)),
                u64::from(u32_at(b, 8)),
            )
        }
    };
    let matches = |v: (u32, u64, u64)| v == (rec.crc, rec.packed, rec.size);
    let with_sig = head >= 4 + 4 + sizes
        && buf.get(..4) == Some(&DESCRIPTOR_SIG[..])
        && matches(parse(buf.get(4..).unwrap_or_default()));
    let len = if with_sig {
        4 + 4 + sizes
    } else if head >= 4 + sizes && matches(parse(&buf)) {
        4 + sizes
    } else {
        return Err(ambiguous(
            &rec.name,
            "its data descriptor and its central record disagree",
        ));
    };
    r.consume_exact(len)?;
    Ok(len as u64)
}

/// Peeking and consuming for the descriptor, which may be 12 to 24 bytes long.
trait PeekExt {
    fn fill_buf_exact(&mut self, out: &mut [u8]) -> Result<usize, SafeZipError>;
    fn consume_exact(&mut self, n: usize) -> Result<(), SafeZipError>;
}

impl PeekExt for BufReader<&mut std::fs::File> {
    /// Copies up to `out.len()` upcoming bytes into `out` without consuming them; returns
    /// how many there were.
    fn fill_buf_exact(&mut self, out: &mut [u8]) -> Result<usize, SafeZipError> {
        use std::io::BufRead;
        if self.buffer().len() < out.len() {
            // Refill so the whole descriptor is in the buffer: read what is there, then
            // step back to it.
            let pos = self.stream_position()?;
            self.seek(SeekFrom::Start(pos))?;
        }
        let have = self.fill_buf()?;
        let n = have.len().min(out.len());
        out[..n].copy_from_slice(&have[..n]);
        Ok(n)
    }

    fn consume_exact(&mut self, n: usize) -> Result<(), SafeZipError> {
        self.seek_relative(n as i64)?;
        Ok(())
    }
}
