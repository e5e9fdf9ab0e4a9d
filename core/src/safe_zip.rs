//! Reading zips from strangers: evidence packs arriving from a victim's phone, chat exports
//! from messaging apps. Either may be hostile, so the central directory is vetted before a
//! single byte is extracted, and every limit is enforced again on the bytes actually
//! inflated.
//!
//! What is refused (APPNOTE.TXT 6.3.10 is the format): names that could land outside the
//! destination or mean different things on different systems (`..`, absolute paths, drive
//! letters, backslashes, control characters, empty components), links and other special
//! files (by Unix mode, whatever the "made by" system says — Python's zipfile and Info-ZIP
//! look at it too), names that collide after case folding, encrypted members, methods other
//! than stored and deflate, members whose data overlaps (the "overlapping files" zip bomb),
//! and declared sizes, ratios or counts over [`ZipLimits`].
//!
//! Member names appear in errors (they are file names, not diary text), `{:?}`-escaped and
//! shortened so that a hostile name cannot inject terminal control sequences.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use zip::{CompressionMethod, ZipArchive};

/// Ratios are only judged for compressed members bigger than this: small files compress
/// absurdly well (a page of spaces) without being a threat.
const RATIO_FLOOR: u64 = 1 << 20;
/// Copy buffer for inflating members.
const COPY_BUF: usize = 64 * 1024;

/// Limits for one archive. Declared values are checked on opening; actual bytes again while
/// inflating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Most members (files and folders) an archive may hold.
    pub max_entries: usize,
    /// Largest single member, uncompressed.
    pub max_entry_bytes: u64,
    /// Largest total of all members, uncompressed.
    pub max_total_bytes: u64,
    /// Highest uncompressed/compressed ratio for compressed members over 1 MiB.
    pub max_ratio: u64,
    /// Longest member name, in bytes.
    pub max_name_bytes: usize,
}

impl Default for ZipLimits {
    /// 100 000 entries, 8 GiB per member, 16 GiB in all, ratio 1000, 1024-byte names.
    fn default() -> Self {
        ZipLimits {
            max_entries: 100_000,
            max_entry_bytes: 8 << 30,
            max_total_bytes: 16 << 30,
            max_ratio: 1000,
            max_name_bytes: 1024,
        }
    }
}

/// Why an archive or member was refused.
#[derive(thiserror::Error, Debug)]
pub enum SafeZipError {
    /// The file is not a readable zip (empty, truncated, or something else entirely).
    #[error("not a zip archive (or a damaged one): {reason}")]
    NotAZip {
        /// What the zip reader found wrong.
        reason: String,
    },
    /// A member name could write outside the destination or is ambiguous.
    #[error("member {name:?} has an unsafe name: {reason}")]
    UnsafeName {
        /// The name (shortened if very long).
        name: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// A member is a symbolic link.
    #[error("member {name:?} is a symbolic link")]
    Symlink {
        /// The name.
        name: String,
    },
    /// Two members share a name (also after case folding or dropping a trailing '/').
    #[error("member {name:?} appears more than once (names may not differ only in letter case)")]
    Duplicate {
        /// The second occurrence's name.
        name: String,
    },
    /// More members than `max_entries`.
    #[error("the archive holds more than {limit} members")]
    TooManyEntries {
        /// The limit.
        limit: usize,
    },
    /// A member is (or inflates to) more than allowed.
    #[error("member {name:?} is larger than allowed")]
    TooLarge {
        /// The name.
        name: String,
    },
    /// All members together are (or inflate to) more than `max_total_bytes`.
    #[error("the archive's members together are larger than {limit} bytes")]
    TotalTooLarge {
        /// The limit.
        limit: u64,
    },
    /// A compressed member claims an implausible compression ratio (a zip bomb).
    #[error("member {name:?} inflates too much for its compressed size")]
    RatioTooHigh {
        /// The name.
        name: String,
    },
    /// A member is encrypted.
    #[error("member {name:?} is encrypted")]
    Encrypted {
        /// The name.
        name: String,
    },
    /// A member uses a compression method or file type we do not read.
    #[error("member {name:?} is not supported: {what}")]
    Unsupported {
        /// The name.
        name: String,
        /// What is unsupported.
        what: String,
    },
    /// A member's data is inconsistent with its header (size, checksum, overlap).
    #[error("member {name:?} is damaged: {reason}")]
    Corrupt {
        /// The name (empty when the fault is the archive's directory itself).
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// No file member has this name.
    #[error("no file {name:?} in the archive")]
    NotFound {
        /// The name asked for.
        name: String,
    },
    /// The extraction destination is not an empty, real folder.
    #[error("cannot extract here: {reason}")]
    Destination {
        /// Why.
        reason: &'static str,
    },
    /// Reading the archive or writing the output failed.
    #[error("I/O: {0}")]
    Io(#[from] io::Error),
}

/// A vetted member.
#[derive(Debug)]
struct Member {
    /// The crate's index of this member.
    index: usize,
    name: String,
    is_dir: bool,
    /// Declared uncompressed size.
    size: u64,
}

/// A zip archive whose directory has been vetted; members can be streamed or extracted
/// under the limits it was opened with.
pub struct SafeZip {
    archive: ZipArchive<File>,
    members: Vec<Member>,
    /// File name → position in `members`.
    files: HashMap<String, usize>,
    limits: ZipLimits,
}

impl std::fmt::Debug for SafeZip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SafeZip")
            .field("members", &self.members.len())
            .field("limits", &self.limits)
            .finish()
    }
}

impl SafeZip {
    /// Opens and vets the central directory (see the module doc for what is refused). No
    /// member data is inflated yet; the limits are enforced again on the actual bytes by
    /// [`copy_member`](Self::copy_member), [`read_member`](Self::read_member) and
    /// [`extract_all`](Self::extract_all).
    pub fn open(path: &Path, limits: ZipLimits) -> Result<Self, SafeZipError> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        if len == 0 {
            return Err(SafeZipError::NotAZip {
                reason: "the file is empty".into(),
            });
        }
        // Refuse an honest but huge directory before the zip crate allocates for it.
        if declared_entry_count(&mut file, len)?.is_some_and(|n| n > limits.max_entries as u64) {
            return Err(SafeZipError::TooManyEntries {
                limit: limits.max_entries,
            });
        }
        file.seek(SeekFrom::Start(0))?;
        let mut scan_file = file.try_clone()?;
        let mut archive = ZipArchive::new(file).map_err(|e| match e {
            zip::result::ZipError::Io(e) if e.kind() != io::ErrorKind::UnexpectedEof => {
                SafeZipError::Io(e)
            }
            other => SafeZipError::NotAZip {
                reason: other.to_string(),
            },
        })?;
        if archive.len() > limits.max_entries {
            return Err(SafeZipError::TooManyEntries {
                limit: limits.max_entries,
            });
        }

        // The zip crate keys members by name, so exact duplicates silently collapse into
        // one; read the central directory ourselves to see every record as written.
        let dir_start = archive.central_directory_start();
        let raw = scan_central_directory(
            &mut scan_file,
            dir_start,
            limits.max_entries.saturating_add(1),
        )?;
        if raw.len() != archive.len() {
            let mut seen = HashSet::new();
            for r in &raw {
                if !seen.insert(r.name.as_slice()) {
                    return Err(SafeZipError::Duplicate {
                        name: shown(&String::from_utf8_lossy(&r.name)),
                    });
                }
            }
            return Err(SafeZipError::Corrupt {
                name: String::new(),
                reason: "the central directory does not match its end record".into(),
            });
        }

        let mut members = Vec::with_capacity(raw.len());
        let mut folded: HashSet<String> = HashSet::new();
        let mut ranges: Vec<(u64, u64, usize)> = Vec::with_capacity(raw.len());
        let mut total: u64 = 0;
        for (index, rec) in raw.iter().enumerate() {
            let f = archive
                .by_index_raw(index)
                .map_err(|e| SafeZipError::Corrupt {
                    name: shown(&String::from_utf8_lossy(&rec.name)),
                    reason: e.to_string(),
                })?;
            // Vet the name as written, and the name the zip crate reports (which an Info-ZIP
            // Unicode Path field may replace): both must be safe, the latter is used.
            let raw_name = decode_name(&rec.name, rec.flags, None)?;
            check_name(&raw_name, &limits)?;
            let crate_name = f.name().map_err(|e| SafeZipError::Corrupt {
                name: shown(&raw_name),
                reason: e.to_string(),
            })?;
            let name = decode_name(f.name_raw(), rec.flags, Some(&crate_name))?;
            check_name(&name, &limits)?;
            let n = shown(&name);

            if rec.flags & 1 != 0 || f.encrypted() {
                return Err(SafeZipError::Encrypted { name: n });
            }
            // Unix file type in the high 16 bits of the external attributes.
            let file_type = (rec.external_attributes >> 16) & 0o170000;
            let is_dir = name.ends_with('/');
            match file_type {
                0o120000 => return Err(SafeZipError::Symlink { name: n }),
                0 | 0o100000 => {}
                0o040000 if is_dir => {}
                _ => {
                    return Err(SafeZipError::Unsupported {
                        name: n,
                        what: format!("file type {file_type:o} (only files and folders)"),
                    });
                }
            }
            let method = f.compression();
            if rec.method != 0 && rec.method != 8
                || !matches!(
                    method,
                    CompressionMethod::Stored | CompressionMethod::Deflated
                )
            {
                return Err(SafeZipError::Unsupported {
                    name: n,
                    what: format!("compression method {}", rec.method),
                });
            }
            let (size, packed) = (f.size(), f.compressed_size());
            if is_dir && size != 0 {
                return Err(SafeZipError::Corrupt {
                    name: n,
                    reason: "a folder entry with content".into(),
                });
            }
            if size > limits.max_entry_bytes {
                return Err(SafeZipError::TooLarge { name: n });
            }
            if method == CompressionMethod::Deflated
                && size > RATIO_FLOOR
                && size / packed.max(1) > limits.max_ratio
            {
                return Err(SafeZipError::RatioTooHigh { name: n });
            }
            if method == CompressionMethod::Stored && size != packed {
                return Err(SafeZipError::Corrupt {
                    name: n,
                    reason: "a stored member whose two sizes differ".into(),
                });
            }
            total = total.saturating_add(size);
            if total > limits.max_total_bytes {
                return Err(SafeZipError::TotalTooLarge {
                    limit: limits.max_total_bytes,
                });
            }
            let key = name.trim_end_matches('/').to_lowercase();
            if !folded.insert(key) {
                return Err(SafeZipError::Duplicate { name: n });
            }
            let data_start = f.data_start().ok_or_else(|| SafeZipError::Corrupt {
                name: n.clone(),
                reason: "its data cannot be located".into(),
            })?;
            let end = data_start.saturating_add(packed);
            ranges.push((f.header_start(), end, index));
            members.push(Member {
                index,
                name,
                is_dir,
                size,
            });
        }

        // A file may not also be a folder of another member ("a" and "a/b").
        for m in &members {
            let lower = m.name.trim_end_matches('/').to_lowercase();
            let mut prefix = lower.as_str();
            while let Some(i) = prefix.rfind('/') {
                prefix = prefix.get(..i).unwrap_or_default();
                let clash = members
                    .iter()
                    .any(|o| !o.is_dir && o.name.to_lowercase() == prefix);
                if clash {
                    return Err(SafeZipError::Duplicate {
                        name: shown(&m.name),
                    });
                }
            }
        }

        // Members must not share data: overlapping records let a small archive inflate
        // to many times its size while each record alone looks reasonable.
        ranges.sort_unstable();
        let mut prev_end = 0u64;
        for (start, end, index) in &ranges {
            if *start < prev_end || *end > dir_start {
                let name = members
                    .get(*index)
                    .map(|m| shown(&m.name))
                    .unwrap_or_default();
                return Err(SafeZipError::Corrupt {
                    name,
                    reason: "its data overlaps another member or the directory".into(),
                });
            }
            prev_end = *end;
        }

        let files = members
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.is_dir)
            .map(|(i, m)| (m.name.clone(), i))
            .collect();
        Ok(SafeZip {
            archive,
            members,
            files,
            limits,
        })
    }

    /// The file members' names (folders left out), in archive order.
    pub fn names(&self) -> Vec<String> {
        self.members
            .iter()
            .filter(|m| !m.is_dir)
            .map(|m| m.name.clone())
            .collect()
    }

    /// Streams one file member into `out`; returns its size. Stops with an error the
    /// moment the inflated bytes pass the declared size or `max_entry_bytes` (a member that
    /// inflates past what it declared is an error, not a truncation); the CRC-32 is checked
    /// by the zip crate at the end. On error, `out` may have received a prefix.
    pub fn copy_member(&mut self, name: &str, out: &mut impl Write) -> Result<u64, SafeZipError> {
        let pos = self.find(name)?;
        let budget = self.limits.max_total_bytes;
        self.copy_at(pos, out, budget)
    }

    /// Reads one file member into memory, refusing one bigger than `max_bytes`.
    pub fn read_member(&mut self, name: &str, max_bytes: u64) -> Result<Vec<u8>, SafeZipError> {
        let pos = self.find(name)?;
        let size = self.members.get(pos).map_or(0, |m| m.size);
        if size > max_bytes {
            return Err(SafeZipError::TooLarge { name: shown(name) });
        }
        let mut out = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        self.copy_at(pos, &mut out, max_bytes)?;
        Ok(out)
    }

    /// Extracts everything under `dest`, which must be an existing, empty, real folder.
    /// Creates only regular files and folders, one path component at a time, never
    /// following or creating links and never writing outside `dest`; the total of bytes
    /// actually written is held to `max_total_bytes`. Returns that total.
    ///
    /// On error, `dest` may hold a partial extraction (never the partly written file):
    /// extract into a temporary folder and discard it on failure.
    pub fn extract_all(&mut self, dest: &Path) -> Result<u64, SafeZipError> {
        let meta = fs::symlink_metadata(dest)?;
        if !meta.is_dir() {
            return Err(SafeZipError::Destination {
                reason: "the destination is not a folder (or is a symbolic link)",
            });
        }
        if fs::read_dir(dest)?.next().is_some() {
            return Err(SafeZipError::Destination {
                reason: "the destination folder is not empty",
            });
        }
        let mut written: u64 = 0;
        for pos in 0..self.members.len() {
            let (name, is_dir) = match self.members.get(pos) {
                Some(m) => (m.name.clone(), m.is_dir),
                None => continue,
            };
            let comps: Vec<&str> = name.trim_end_matches('/').split('/').collect();
            let (dirs, file) = if is_dir {
                (comps.as_slice(), None)
            } else {
                match comps.split_last() {
                    Some((last, dirs)) => (dirs, Some(*last)),
                    None => continue,
                }
            };
            let parent = make_dirs(dest, dirs, &name)?;
            let Some(file) = file else { continue };
            let path = parent.join(file);
            // create_new: O_CREAT|O_EXCL, which also refuses to follow a link at the path.
            let mut out = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            let budget = self.limits.max_total_bytes.saturating_sub(written);
            let result = self
                .copy_at(pos, &mut out, budget)
                .and_then(|n| out.flush().map(|()| n).map_err(SafeZipError::Io));
            match result {
                Ok(n) => written = written.saturating_add(n),
                Err(e) => {
                    drop(out);
                    let _ = fs::remove_file(&path);
                    return Err(e);
                }
            }
        }
        Ok(written)
    }

    fn find(&self, name: &str) -> Result<usize, SafeZipError> {
        self.files
            .get(name)
            .copied()
            .ok_or_else(|| SafeZipError::NotFound { name: shown(name) })
    }

    /// Inflates member `pos` into `out`, never letting more than its declared size,
    /// `max_entry_bytes` or `budget` bytes through.
    fn copy_at(
        &mut self,
        pos: usize,
        out: &mut impl Write,
        budget: u64,
    ) -> Result<u64, SafeZipError> {
        let Some(m) = self.members.get(pos) else {
            return Err(SafeZipError::NotFound {
                name: String::new(),
            });
        };
        let (index, declared, name) = (m.index, m.size, shown(&m.name));
        let corrupt = |reason: String| SafeZipError::Corrupt {
            name: name.clone(),
            reason,
        };
        let mut member = self
            .archive
            .by_index(index)
            .map_err(|e| corrupt(e.to_string()))?;
        let mut buf = vec![0u8; COPY_BUF];
        let mut total: u64 = 0;
        loop {
            let n = match member.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(corrupt(e.to_string())),
            };
            total = total.saturating_add(n as u64);
            if total > declared {
                return Err(corrupt("it inflates past its declared size".into()));
            }
            if total > self.limits.max_entry_bytes {
                return Err(SafeZipError::TooLarge { name });
            }
            if total > budget {
                return Err(SafeZipError::TotalTooLarge {
                    limit: self.limits.max_total_bytes,
                });
            }
            out.write_all(buf.get(..n).unwrap_or_default())?;
        }
        if total != declared {
            return Err(corrupt(format!(
                "it inflates to {total} bytes, not the {declared} it declares"
            )));
        }
        Ok(total)
    }
}

/// Creates `dest/<dirs…>` one component at a time, refusing any component that exists as
/// anything but a real folder (a link planted there would redirect the write).
fn make_dirs(dest: &Path, dirs: &[&str], name: &str) -> Result<PathBuf, SafeZipError> {
    let mut path = dest.to_owned();
    for comp in dirs {
        path.push(comp);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(SafeZipError::UnsafeName {
                    name: shown(name),
                    reason: "one of its folders already exists as a file or link",
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&path)?,
            Err(e) => return Err(SafeZipError::Io(e)),
        }
    }
    Ok(path)
}

/// One central directory record, as written (APPNOTE 4.3.12).
struct RawRecord {
    flags: u16,
    method: u16,
    external_attributes: u32,
    name: Vec<u8>,
}

/// Reads consecutive central directory records from `start` (at most `max`).
fn scan_central_directory(
    f: &mut File,
    start: u64,
    max: usize,
) -> Result<Vec<RawRecord>, SafeZipError> {
    const SIG: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    let mut r = io::BufReader::new(f);
    r.seek(SeekFrom::Start(start))?;
    let mut out = Vec::new();
    let mut fixed = [0u8; 46];
    while out.len() < max {
        match r.read_exact(&mut fixed) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(SafeZipError::Io(e)),
        }
        if fixed.get(..4) != Some(&SIG[..]) {
            break;
        }
        let u16_at = |i: usize| u16::from_le_bytes([fixed[i], fixed[i + 1]]);
        let u32_at =
            |i: usize| u32::from_le_bytes([fixed[i], fixed[i + 1], fixed[i + 2], fixed[i + 3]]);
        let (name_len, extra_len, comment_len) = (u16_at(28), u16_at(30), u16_at(32));
        let mut name = vec![0u8; usize::from(name_len)];
        r.read_exact(&mut name).map_err(|_| SafeZipError::Corrupt {
            name: String::new(),
            reason: "the central directory is cut short".into(),
        })?;
        r.seek_relative(i64::from(extra_len) + i64::from(comment_len))?;
        out.push(RawRecord {
            flags: u16_at(8),
            method: u16_at(10),
            external_attributes: u32_at(38),
            name,
        });
    }
    Ok(out)
}

/// The entry count the last end-of-central-directory record declares (APPNOTE 4.3.16,
/// and 4.3.14 for Zip64), if one is found in the file's tail. Best effort: only used to
/// refuse early.
fn declared_entry_count(f: &mut File, len: u64) -> Result<Option<u64>, SafeZipError> {
    let tail_len = len.min(22 + 65_535);
    f.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = Vec::with_capacity(usize::try_from(tail_len).unwrap_or(0));
    f.take(tail_len).read_to_end(&mut tail)?;
    let Some(pos) = tail.windows(4).rposition(|w| w == [0x50, 0x4b, 0x05, 0x06]) else {
        return Ok(None);
    };
    let Some(eocd) = tail.get(pos..pos + 22) else {
        return Ok(None);
    };
    let count = u64::from(u16::from_le_bytes([eocd[10], eocd[11]]));
    if count != 0xFFFF {
        return Ok(Some(count));
    }
    // Zip64: the locator sits just before the EOCD and points at the Zip64 EOCD record.
    let Some(loc) = pos.checked_sub(20).and_then(|p| tail.get(p..p + 20)) else {
        return Ok(Some(count));
    };
    if loc.get(..4) != Some(&[0x50, 0x4b, 0x06, 0x07][..]) {
        return Ok(Some(count));
    }
    let mut off = [0u8; 8];
    off.copy_from_slice(loc.get(8..16).unwrap_or(&[0; 8]));
    let mut rec = [0u8; 40];
    f.seek(SeekFrom::Start(u64::from_le_bytes(off)))?;
    if f.read_exact(&mut rec).is_err() || rec.get(..4) != Some(&[0x50, 0x4b, 0x06, 0x06][..]) {
        return Ok(Some(count));
    }
    let mut n = [0u8; 8];
    n.copy_from_slice(rec.get(32..40).unwrap_or(&[0; 8]));
    Ok(Some(u64::from_le_bytes(n)))
}

/// Decodes a member name: UTF-8 when it is valid UTF-8 (whatever the flag says — many
/// tools, macOS's among them, write UTF-8 without setting bit 11); otherwise CP437 as the
/// zip crate decoded it, unless bit 11 promised UTF-8.
fn decode_name(raw: &[u8], flags: u16, crate_name: Option<&str>) -> Result<String, SafeZipError> {
    match std::str::from_utf8(raw) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => match crate_name {
            Some(n) if flags & (1 << 11) == 0 => Ok(n.to_owned()),
            _ if flags & (1 << 11) == 0 => Ok(raw.iter().map(|&b| char::from(b)).collect()),
            _ => Err(SafeZipError::UnsafeName {
                name: shown(&String::from_utf8_lossy(raw)),
                reason: "it is marked UTF-8 but is not valid UTF-8",
            }),
        },
    }
}

/// The name rules: relative, `/`-separated, no `.`/`..`/empty components, no backslash,
/// no drive letter, no control characters, not too long.
fn check_name(name: &str, limits: &ZipLimits) -> Result<(), SafeZipError> {
    let bad = |reason| {
        Err(SafeZipError::UnsafeName {
            name: shown(name),
            reason,
        })
    };
    if name.is_empty() {
        return bad("it is empty");
    }
    if name.len() > limits.max_name_bytes {
        return bad("it is too long");
    }
    if name.chars().any(char::is_control) {
        return bad("it contains a control character");
    }
    if name.contains('\\') {
        return bad("it contains a backslash");
    }
    if name.starts_with('/') {
        return bad("it is an absolute path");
    }
    let b = name.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return bad("it starts with a drive letter");
    }
    let body = name.strip_suffix('/').unwrap_or(name);
    for comp in body.split('/') {
        match comp {
            "" => return bad("it has an empty component"),
            "." | ".." => return bad("it contains '.' or '..'"),
            _ => {}
        }
    }
    Ok(())
}

/// A name fit for an error message: at most 200 characters.
fn shown(name: &str) -> String {
    if name.chars().count() <= 200 {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(200).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;
    use zip::write::SimpleFileOptions;

    /// One central-directory record for [`raw_zip`]: lets tests write what the zip crate
    /// refuses to (duplicates, links, encrypted flags, lies about sizes, overlaps).
    #[derive(Clone)]
    struct Raw {
        name: Vec<u8>,
        data: Vec<u8>,
        flags: u16,
        method: u16,
        made_by: u16,
        ext_attr: u32,
        /// Point the central record at another member's local header (overlap).
        same_local_as: Option<usize>,
    }

    fn raw(name: &str) -> Raw {
        let dir = name.ends_with('/');
        Raw {
            name: name.as_bytes().to_vec(),
            data: if dir { Vec::new() } else { b"x".to_vec() },
            flags: 0,
            method: 0,
            made_by: 0x0314, // Unix, 2.0
            ext_attr: if dir { 0o40755 << 16 } else { 0o100644 << 16 },
            same_local_as: None,
        }
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A zip written by hand (APPNOTE 4.3.7, 4.3.12, 4.3.16).
    fn raw_zip(entries: &[Raw]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut offsets = Vec::new();
        for e in entries {
            offsets.push(out.len() as u32);
            out.extend_from_slice(&[0x50, 0x4b, 0x03, 0x04]);
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&e.flags.to_le_bytes());
            out.extend_from_slice(&e.method.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0x21, 0]);
            out.extend_from_slice(&crc32(&e.data).to_le_bytes());
            out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(&e.name);
            out.extend_from_slice(&e.data);
        }
        let cd_start = out.len() as u32;
        for (i, e) in entries.iter().enumerate() {
            let off = offsets[e.same_local_as.unwrap_or(i)];
            out.extend_from_slice(&[0x50, 0x4b, 0x01, 0x02]);
            out.extend_from_slice(&e.made_by.to_le_bytes());
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&e.flags.to_le_bytes());
            out.extend_from_slice(&e.method.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0x21, 0]);
            out.extend_from_slice(&crc32(&e.data).to_le_bytes());
            out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
            out.extend_from_slice(&e.ext_attr.to_le_bytes());
            out.extend_from_slice(&off.to_le_bytes());
            out.extend_from_slice(&e.name);
        }
        let cd_len = out.len() as u32 - cd_start;
        out.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0]);
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&cd_len.to_le_bytes());
        out.extend_from_slice(&cd_start.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    /// A zip from the zip crate: (name, bytes, deflate?); names ending in '/' are folders.
    fn crate_zip(members: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        for (name, bytes, deflate) in members {
            if name.ends_with('/') {
                w.add_directory(*name, SimpleFileOptions::default())
                    .unwrap();
                continue;
            }
            let method = if *deflate {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            };
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// `n` MiB of zeros, deflated, as the only member `zeros.bin`.
    fn zeros_zip(mib: usize) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        w.start_file("zeros.bin", SimpleFileOptions::default())
            .unwrap();
        let chunk = vec![0u8; 1 << 20];
        for _ in 0..mib {
            w.write_all(&chunk).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Rewrites the declared uncompressed size of every member, in the local and central
    /// headers (offsets 22 and 24, APPNOTE 4.3.7 and 4.3.12).
    fn lie_about_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
        let find = |zip: &[u8], sig: [u8; 4]| -> Vec<usize> {
            zip.windows(4)
                .enumerate()
                .filter(|(_, w)| *w == sig)
                .map(|(i, _)| i)
                .collect()
        };
        for i in find(&zip, [0x50, 0x4b, 0x03, 0x04]) {
            zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
        }
        for i in find(&zip, [0x50, 0x4b, 0x01, 0x02]) {
            zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
        }
        zip
    }

    struct Tried {
        _tmp: tempfile::TempDir,
        dest: PathBuf,
        result: Result<u64, SafeZipError>,
    }

    /// Opens `bytes` and, if that works, extracts into `<parent>/dest`; then checks that
    /// nothing but `dest` exists in `parent`, whatever happened.
    fn try_extract(bytes: &[u8], limits: ZipLimits) -> Tried {
        let tmp = tempfile::tempdir().unwrap();
        let zpath = tmp.path().join("in.zip");
        fs::write(&zpath, bytes).unwrap();
        let parent = tmp.path().join("parent");
        let dest = parent.join("dest");
        fs::create_dir_all(&dest).unwrap();
        let result = SafeZip::open(&zpath, limits).and_then(|mut z| {
            let _ = z.names();
            z.extract_all(&dest)
        });
        let outside: Vec<_> = fs::read_dir(&parent)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(outside, ["dest"], "something was written outside dest");
        Tried {
            _tmp: tmp,
            dest,
            result,
        }
    }

    fn refused(bytes: &[u8], limits: ZipLimits) -> SafeZipError {
        match try_extract(bytes, limits).result {
            Err(e) => e,
            Ok(n) => panic!("accepted a hostile zip ({n} bytes written)"),
        }
    }

    fn small_limits() -> ZipLimits {
        ZipLimits {
            max_entries: 10,
            max_entry_bytes: 8 << 20,
            max_total_bytes: 16 << 20,
            max_ratio: 100,
            max_name_bytes: 64,
        }
    }

    #[test]
    fn a_good_zip_extracts_byte_for_byte() {
        let big: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let zip = crate_zip(&[
            ("chat/", b"", false),
            ("chat/_chat.txt", b"[01/02/2024, 10:00:00] A: hi", true),
            ("chat/00000001-PHOTO.jpg", &big, false),
            ("top.txt", b"", true),
        ]);
        let t = try_extract(&zip, ZipLimits::default());
        assert_eq!(t.result.unwrap(), 28 + 300_000);
        assert_eq!(
            fs::read(t.dest.join("chat/00000001-PHOTO.jpg")).unwrap(),
            big
        );
        assert_eq!(fs::read(t.dest.join("top.txt")).unwrap(), b"");

        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("z.zip"), &zip).unwrap();
        let mut z = SafeZip::open(&tmp.path().join("z.zip"), ZipLimits::default()).unwrap();
        assert_eq!(
            z.names(),
            ["chat/_chat.txt", "chat/00000001-PHOTO.jpg", "top.txt"]
        );
        assert_eq!(
            z.read_member("chat/_chat.txt", 1000).unwrap(),
            b"[01/02/2024, 10:00:00] A: hi"
        );
        assert!(matches!(
            z.read_member("chat/00000001-PHOTO.jpg", 1000),
            Err(SafeZipError::TooLarge { .. })
        ));
        assert!(matches!(
            z.copy_member("chat/", &mut Vec::new()),
            Err(SafeZipError::NotFound { .. })
        ));
        let mut out = Vec::new();
        assert_eq!(
            z.copy_member("chat/00000001-PHOTO.jpg", &mut out).unwrap(),
            300_000
        );
        assert_eq!(out, big);
    }

    #[test]
    fn names_escaping_the_destination_are_refused() {
        for name in [
            "../evil",
            "/abs",
            "C:\\x",
            "c:x",
            "a\\..\\b",
            "a/../../b",
            "./a",
            "a//b",
            "ok\0.txt",
            "bell\u{7}.txt",
            "esc\u{1b}[31m.txt",
            "",
        ] {
            let e = refused(&raw_zip(&[raw(name)]), ZipLimits::default());
            assert!(
                matches!(e, SafeZipError::UnsafeName { .. }),
                "{name:?}: {e:?}"
            );
        }
        let long = "a".repeat(65);
        let e = refused(&raw_zip(&[raw(&long)]), small_limits());
        assert!(matches!(e, SafeZipError::UnsafeName { .. }), "{e:?}");
    }

    #[test]
    fn invalid_utf8_marked_utf8_is_refused() {
        let mut r = raw("x");
        r.name = vec![b'a', 0xff, b'b'];
        r.flags = 1 << 11;
        let e = refused(&raw_zip(&[r]), ZipLimits::default());
        assert!(matches!(e, SafeZipError::UnsafeName { .. }), "{e:?}");
    }

    #[test]
    fn symlinks_and_special_files_are_refused() {
        let mut link = raw("link");
        link.ext_attr = 0o120777 << 16;
        link.data = b"/etc/passwd".to_vec();
        let e = refused(&raw_zip(&[link.clone()]), ZipLimits::default());
        assert!(matches!(e, SafeZipError::Symlink { .. }), "{e:?}");
        // Whatever "made by" system is claimed.
        link.made_by = 0x0014;
        let e = refused(&raw_zip(&[link]), ZipLimits::default());
        assert!(matches!(e, SafeZipError::Symlink { .. }), "{e:?}");
        let mut fifo = raw("fifo");
        fifo.ext_attr = 0o010644 << 16;
        let e = refused(&raw_zip(&[fifo]), ZipLimits::default());
        assert!(matches!(e, SafeZipError::Unsupported { .. }), "{e:?}");
    }

    #[test]
    fn duplicate_names_are_refused_also_after_case_folding() {
        for pair in [
            ["a.txt", "a.txt"],
            ["A.txt", "a.txt"],
            ["d/", "d"],
            ["a", "a/b"],
            ["x/Y/z", "x/y"],
        ] {
            let e = refused(
                &raw_zip(&[raw(pair[0]), raw(pair[1])]),
                ZipLimits::default(),
            );
            assert!(
                matches!(e, SafeZipError::Duplicate { .. }),
                "{pair:?}: {e:?}"
            );
        }
    }

    #[test]
    fn encrypted_and_unsupported_members_are_refused() {
        let mut enc = raw("secret.txt");
        enc.flags = 1;
        let e = refused(&raw_zip(&[enc]), ZipLimits::default());
        assert!(matches!(e, SafeZipError::Encrypted { .. }), "{e:?}");
        let mut bz = raw("b.bz2");
        bz.method = 12;
        let e = refused(&raw_zip(&[bz]), ZipLimits::default());
        assert!(matches!(e, SafeZipError::Unsupported { .. }), "{e:?}");
    }

    #[test]
    fn overlapping_members_are_refused() {
        let mut second = raw("b.txt");
        second.same_local_as = Some(0);
        let e = refused(&raw_zip(&[raw("a.txt"), second]), ZipLimits::default());
        assert!(matches!(e, SafeZipError::Corrupt { .. }), "{e:?}");
    }

    #[test]
    fn more_entries_than_allowed_are_refused() {
        let entries: Vec<Raw> = (0..11).map(|i| raw(&format!("f{i}"))).collect();
        let e = refused(&raw_zip(&entries), small_limits());
        assert!(
            matches!(e, SafeZipError::TooManyEntries { limit: 10 }),
            "{e:?}"
        );
        // Ten is fine.
        let t = try_extract(&raw_zip(&entries[..10]), small_limits());
        assert_eq!(t.result.unwrap(), 10);
    }

    #[test]
    fn a_zip_bomb_is_refused_by_size_and_by_ratio() {
        let bomb = zeros_zip(200);
        assert!(
            bomb.len() < 1 << 20,
            "200 MiB of zeros should deflate to little"
        );
        let e = refused(&bomb, small_limits());
        assert!(matches!(e, SafeZipError::TooLarge { .. }), "{e:?}");
        let lax_size = ZipLimits {
            max_entry_bytes: 1 << 30,
            max_total_bytes: 1 << 30,
            ..small_limits()
        };
        let e = refused(&bomb, lax_size);
        assert!(matches!(e, SafeZipError::RatioTooHigh { .. }), "{e:?}");
    }

    #[test]
    fn a_member_inflating_past_its_declared_size_is_an_error_not_a_truncation() {
        // 20 MiB of zeros declaring 1000 bytes: passes every declared check, fails on the
        // 1001st inflated byte, and leaves no partial file behind.
        let liar = lie_about_size(zeros_zip(20), 1000);
        let t = try_extract(&liar, ZipLimits::default());
        match t.result {
            Err(SafeZipError::Corrupt { reason, .. }) => {
                // Ours ("past its declared size") or the zip crate's own guard ("larger
                // than its declared uncompressed size"), whichever trips first.
                assert!(reason.contains("declared"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        assert!(!t.dest.join("zeros.bin").exists());
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("z.zip"), &liar).unwrap();
        let mut z = SafeZip::open(&tmp.path().join("z.zip"), ZipLimits::default()).unwrap();
        let mut out = Vec::new();
        assert!(matches!(
            z.copy_member("zeros.bin", &mut out),
            Err(SafeZipError::Corrupt { .. })
        ));
        assert!(out.len() <= 1000);
    }

    #[test]
    fn a_member_shorter_than_declared_or_with_a_bad_crc_is_refused() {
        let zip = crate_zip(&[("a.txt", b"hello hello hello", true)]);
        let longer = lie_about_size(zip.clone(), 100);
        let e = refused(&longer, ZipLimits::default());
        assert!(matches!(e, SafeZipError::Corrupt { .. }), "{e:?}");
        // Flip one bit of the stored data: the CRC catches it.
        let mut stored = crate_zip(&[("a.txt", b"hello hello hello", false)]);
        let at = stored.windows(5).position(|w| w == b"hello").unwrap();
        stored[at] ^= 1;
        let e = refused(&stored, ZipLimits::default());
        assert!(matches!(e, SafeZipError::Corrupt { .. }), "{e:?}");
    }

    #[test]
    fn things_that_are_not_zips_are_refused() {
        for bytes in [
            &b""[..],
            b"this is not a zip at all",
            &[0x50, 0x4b, 0x05, 0x06][..],
        ] {
            let e = refused(bytes, ZipLimits::default());
            assert!(matches!(e, SafeZipError::NotAZip { .. }), "{e:?}");
        }
        let zip = crate_zip(&[("a.txt", &[7u8; 5000], false), ("b.txt", b"b", false)]);
        let e = refused(&zip[..zip.len() / 2], ZipLimits::default());
        assert!(matches!(e, SafeZipError::NotAZip { .. }), "{e:?}");
    }

    #[test]
    fn extraction_needs_an_empty_real_folder() {
        let zip = crate_zip(&[("a.txt", b"a", false)]);
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("z.zip"), &zip).unwrap();
        let mut z = SafeZip::open(&tmp.path().join("z.zip"), ZipLimits::default()).unwrap();
        let dest = tmp.path().join("dest");
        fs::create_dir(&dest).unwrap();
        fs::write(dest.join("already.txt"), b"").unwrap();
        assert!(matches!(
            z.extract_all(&dest),
            Err(SafeZipError::Destination { .. })
        ));
        #[cfg(unix)]
        {
            let empty = tmp.path().join("empty");
            fs::create_dir(&empty).unwrap();
            let link = tmp.path().join("link");
            std::os::unix::fs::symlink(&empty, &link).unwrap();
            assert!(matches!(
                z.extract_all(&link),
                Err(SafeZipError::Destination { .. })
            ));
            assert_eq!(fs::read_dir(&empty).unwrap().count(), 0);
        }
    }

    fn seed_zip() -> &'static [u8] {
        static SEED: OnceLock<Vec<u8>> = OnceLock::new();
        SEED.get_or_init(|| {
            crate_zip(&[
                ("d/", b"", false),
                ("d/a.txt", b"alpha alpha alpha alpha", true),
                ("d/b.bin", &[1, 2, 3, 4, 5, 6, 7, 8], false),
                ("c.json", br#"{"k":[1,2,3]}"#, true),
            ])
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = try_extract(&bytes, small_limits());
        }

        #[test]
        fn mutated_zips_never_panic(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in proptest::option::of(any::<prop::sample::Index>()),
        ) {
            let mut bytes = seed_zip().to_vec();
            for (at, b) in flips {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            if let Some(c) = cut {
                bytes.truncate(c.index(bytes.len()));
            }
            let _ = try_extract(&bytes, small_limits());
        }
    }
}
