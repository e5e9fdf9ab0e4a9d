//! Reading zips from strangers: evidence packs arriving from a victim's phone, chat exports
//! from messaging apps. Either may be hostile, so the whole archive is vetted before a
//! single byte is inflated, and every limit is enforced again on the bytes inflated.
//!
//! The central directory is not trusted on its own: the archive is read the way every
//! tool might read it — backwards from the end record (Python's `zipfile`, 7-Zip, Windows
//! Explorer) and forwards through the local headers (streaming readers, macOS Archive
//! Utility) — and refused unless all readings agree (APPNOTE.TXT 6.3.10 is the format):
//! - the file is exactly its members, back to back from the first byte, then the central
//!   directory, then the end records: no bytes before, between or after them, one end
//!   record, Zip64 records that agree with the classic ones ([`layout`]);
//! - each member's local header says what its central record says (name bytes, flags,
//!   method, CRC-32, sizes), and no extra field gives it a second name ([`extra`]);
//! - names are safe and unambiguous: no `..`, absolute paths, drive letters, backslashes
//!   or control characters, no two names that one file system would take for the same
//!   (letter case, Unicode normalisation, Windows' trailing dots and spaces), no file that
//!   is also another member's folder ([`names`]);
//! - no links or special files (by Unix mode, whatever the "made by" system says), no
//!   encryption, only stored and deflated data, declared sizes, ratios and counts within
//!   [`ZipLimits`].
//!
//! Evidence packs are read with [`SafeZip::open_pack`], which also refuses whatever
//! Tally's own writer never produces and other tools might read differently: names that
//! are not ASCII unless marked UTF-8, names Windows cannot hold, unknown extra fields,
//! comments, data descriptors. Chat exports are read with [`SafeZip::open`].
//!
//! Vetting is linear in the size of the central directory. Member names appear in errors
//! (they are file names, not diary text), `{:?}`-escaped and shortened so that a hostile
//! name cannot inject terminal control sequences.

mod extra;
mod inflate;
mod layout;
mod names;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use inflate::MemberReader;
use layout::Record;
pub(crate) use names::windows_trouble;

/// Ratios are only judged for compressed members bigger than this: small files compress
/// absurdly well (a page of spaces) without being a threat.
const RATIO_FLOOR: u64 = 1 << 20;
/// Copy buffer for inflating members.
const COPY_BUF: usize = 256 * 1024;

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
        /// What the reader found wrong.
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
    /// Two members share a name (also after case folding, Unicode normalisation or
    /// dropping a trailing '/').
    #[error(
        "member {name:?} appears more than once (names may not differ only in letter case or Unicode form)"
    )]
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
    /// A member's data is inconsistent with its header (size, checksum).
    #[error("member {name:?} is damaged: {reason}")]
    Corrupt {
        /// The name (empty when the fault is the archive's directory itself).
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// The archive can be read two ways: different tools would unpack different members
    /// or different bytes from it.
    #[error("{}", ambiguous_text(name, reason))]
    Ambiguous {
        /// The member concerned (empty when it is the archive's layout).
        name: String,
        /// What could be read two ways.
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

fn ambiguous_text(name: &str, reason: &str) -> String {
    if name.is_empty() {
        format!("the archive can be read two ways: {reason}")
    } else {
        format!("member {name:?} can be read two ways: {reason}")
    }
}

/// How strictly an archive is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strictness {
    /// Archives other apps made (chat exports): the common rules.
    Received,
    /// Evidence packs: also nothing Tally's writer never produces.
    Pack,
}

/// One vetted member of an archive.
#[derive(Debug, Clone)]
pub struct ZipMember {
    /// The name, as every tool reads it (`/`-separated; folders end in `/`).
    pub name: String,
    /// Whether it is a folder entry.
    pub is_dir: bool,
    /// Declared uncompressed size; inflating past it is an error.
    pub size: u64,
    /// Where its local header starts (members are stored in this order).
    pub offset: u64,
    record: Record,
}

/// A zip archive that has been vetted; members can be streamed or extracted under the
/// limits it was opened with.
pub struct SafeZip {
    file: File,
    members: Vec<ZipMember>,
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
    /// Opens and vets an archive another app made, such as a chat export (see the module
    /// doc for what is refused). No member data is inflated yet; the limits are enforced
    /// again on the actual bytes by [`copy_member`](Self::copy_member),
    /// [`read_member`](Self::read_member), [`member_reader`](Self::member_reader) and
    /// [`extract_all`](Self::extract_all).
    pub fn open(path: &Path, limits: ZipLimits) -> Result<Self, SafeZipError> {
        Self::open_with(path, limits, Strictness::Received)
    }

    /// Opens and vets an evidence pack: the rules of [`open`](Self::open), and nothing that
    /// Tally's writer never produces and other tools could read another way.
    pub fn open_pack(path: &Path, limits: ZipLimits) -> Result<Self, SafeZipError> {
        Self::open_with(path, limits, Strictness::Pack)
    }

    fn open_with(
        path: &Path,
        limits: ZipLimits,
        strictness: Strictness,
    ) -> Result<Self, SafeZipError> {
        let mut file = File::open(path)?;
        let records = layout::read(&mut file, &limits, strictness)?;
        let mut members = Vec::with_capacity(records.len());
        let mut total: u64 = 0;
        for record in records {
            let member = vet_member(record, &limits, strictness)?;
            total = total.saturating_add(member.size);
            if total > limits.max_total_bytes {
                return Err(SafeZipError::TotalTooLarge {
                    limit: limits.max_total_bytes,
                });
            }
            members.push(member);
        }
        names::refuse_collisions(members.iter().map(|m| (m.name.as_str(), m.is_dir)))?;
        let files = members
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.is_dir)
            .map(|(i, m)| (m.name.clone(), i))
            .collect();
        Ok(SafeZip {
            file,
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

    /// Every member, folders included, in archive order.
    pub fn members(&self) -> &[ZipMember] {
        &self.members
    }

    /// The limits the archive was opened with.
    pub fn limits(&self) -> &ZipLimits {
        &self.limits
    }

    /// A reader over one file member's bytes, inflated. It stops with an error the moment
    /// the inflated bytes pass the declared size, `max_entry_bytes` or `budget`, and at the
    /// end checks the size, the CRC-32 and that the compressed data was used exactly.
    pub fn member_reader(
        &mut self,
        name: &str,
        budget: u64,
    ) -> Result<MemberReader<'_>, SafeZipError> {
        let pos = self.find(name)?;
        self.reader_at(pos, budget)
    }

    /// Streams one file member into `out`; returns its size. Stops with an error the
    /// moment the inflated bytes pass the declared size or `max_entry_bytes` (a member that
    /// inflates past what it declared is an error, not a truncation); the CRC-32 is checked
    /// at the end. On error, `out` may have received a prefix.
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
            return Err(SafeZipError::TooLarge {
                name: names::shown(name),
            });
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
            .ok_or_else(|| SafeZipError::NotFound {
                name: names::shown(name),
            })
    }

    fn reader_at(&mut self, pos: usize, budget: u64) -> Result<MemberReader<'_>, SafeZipError> {
        let Some(m) = self.members.get(pos) else {
            return Err(SafeZipError::NotFound {
                name: String::new(),
            });
        };
        let cap = m.size.min(self.limits.max_entry_bytes).min(budget);
        let over = if budget < m.size.min(self.limits.max_entry_bytes) {
            SafeZipError::TotalTooLarge {
                limit: self.limits.max_total_bytes,
            }
        } else {
            SafeZipError::TooLarge {
                name: names::shown(&m.name),
            }
        };
        MemberReader::new(&mut self.file, &m.record, names::shown(&m.name), cap, over)
    }

    /// Inflates member `pos` into `out`, never letting more than its declared size,
    /// `max_entry_bytes` or `budget` bytes through.
    fn copy_at(
        &mut self,
        pos: usize,
        out: &mut impl Write,
        budget: u64,
    ) -> Result<u64, SafeZipError> {
        let mut reader = self.reader_at(pos, budget)?;
        let mut buf = vec![0u8; COPY_BUF];
        loop {
            let n = reader.read_some(&mut buf)?;
            if n == 0 {
                return Ok(reader.total());
            }
            out.write_all(buf.get(..n).unwrap_or_default())?;
        }
    }
}

/// Checks one member's type, encryption, method and sizes; returns it with its name.
fn vet_member(
    record: Record,
    limits: &ZipLimits,
    strictness: Strictness,
) -> Result<ZipMember, SafeZipError> {
    let name = names::decode(&record.name, record.flags, strictness)?;
    names::check(&name, limits, strictness)?;
    let n = names::shown(&name);
    if record.flags & 1 != 0 || record.flags & (1 << 6) != 0 {
        return Err(SafeZipError::Encrypted { name: n });
    }
    let is_dir = name.ends_with('/');
    // Unix file type in the high 16 bits of the external attributes. Python's zipfile and
    // Info-ZIP look at it whatever "made by" system is claimed, so this does too; 7-Zip
    // and Windows also make a folder of a member with the MS-DOS directory bit.
    let file_type = (record.external >> 16) & 0o170000;
    let says_folder = file_type == 0o040000 || record.external & 0x10 != 0;
    if says_folder && !is_dir {
        return Err(SafeZipError::Ambiguous {
            name: n,
            reason: "its attributes say it is a folder but its name says it is a file".into(),
        });
    }
    match file_type {
        0o120000 => return Err(SafeZipError::Symlink { name: n }),
        0 | 0o100000 | 0o040000 => {}
        _ => {
            return Err(SafeZipError::Unsupported {
                name: n,
                what: format!("file type {file_type:o} (only files and folders)"),
            });
        }
    }
    if record.method != 0 && record.method != 8 {
        return Err(SafeZipError::Unsupported {
            name: n,
            what: format!("compression method {}", record.method),
        });
    }
    let (size, packed) = (record.size, record.packed);
    if is_dir && size != 0 {
        return Err(SafeZipError::Corrupt {
            name: n,
            reason: "a folder entry with content".into(),
        });
    }
    if size > limits.max_entry_bytes {
        return Err(SafeZipError::TooLarge { name: n });
    }
    if record.method == 8 && size > RATIO_FLOOR && size / packed.max(1) > limits.max_ratio {
        return Err(SafeZipError::RatioTooHigh { name: n });
    }
    if record.method == 0 && size != packed {
        return Err(SafeZipError::Corrupt {
            name: n,
            reason: "a stored member whose two sizes differ".into(),
        });
    }
    Ok(ZipMember {
        name,
        is_dir,
        size,
        offset: record.header_start,
        record,
    })
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
                    name: names::shown(name),
                    reason: "one of its folders already exists as a file or link",
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&path)?,
            Err(e) => return Err(SafeZipError::Io(e)),
        }
    }
    Ok(path)
}
