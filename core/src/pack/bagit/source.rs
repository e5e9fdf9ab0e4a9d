//! Where a bag's files come from: an unzipped folder, walked without following links, or
//! an evidence pack's zip, read in place. The verifier sees the same listing either way and
//! reads every file through one streaming call that hashes it on the way, so nothing of a
//! zip is ever written out, and each member is inflated at most once.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::pipeline::sha256_of;
use super::{BagError, BagProblem};
use crate::safe_zip::{SafeZip, SafeZipError};

/// Everything a bag holds, by path relative to the bag folder (`/`-separated).
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// Regular files and their sizes (for a zip, the declared sizes, which inflating
    /// cannot exceed).
    pub files: BTreeMap<String, u64>,
    /// Folders: every folder on disk; a zip's folder entries.
    pub folders: BTreeSet<String>,
    /// Paths that are symbolic links (already reported).
    pub links: HashSet<String>,
    /// What listing the bag found wrong: links, special files, names that are not UTF-8.
    pub problems: Vec<BagProblem>,
}

/// Why a file could not be read to the end.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// It holds more than the reader was allowed to take.
    TooLarge,
    /// Reading failed; the reason names no content.
    Failed(String),
}

/// A bag to verify.
pub(crate) trait BagSource {
    /// Everything in the bag.
    fn listing(&self) -> &Listing;

    /// Streams file `path` to `sink`, taking at most `cap` bytes; returns its SHA-256 and
    /// length.
    fn stream(
        &mut self,
        path: &str,
        cap: u64,
        sink: &mut dyn FnMut(&[u8]),
    ) -> Result<([u8; 32], u64), ReadError>;

    /// Reads a whole file of at most `cap` bytes; returns it with its SHA-256.
    fn read(&mut self, path: &str, cap: u64) -> Result<(Vec<u8>, [u8; 32]), ReadError> {
        let size = self.listing().files.get(path).copied().unwrap_or(0);
        if size > cap {
            return Err(ReadError::TooLarge);
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        let (sha, _) = self.stream(path, cap, &mut |piece| bytes.extend_from_slice(piece))?;
        Ok((bytes, sha))
    }
}

/// An unzipped bag on disk.
pub(crate) struct FolderSource {
    dir: PathBuf,
    listing: Listing,
}

impl FolderSource {
    /// Walks `dir` (which must be a real folder) without following links.
    pub(crate) fn new(dir: &Path) -> Result<Self, BagError> {
        let meta = fs::symlink_metadata(dir)?;
        if !meta.is_dir() {
            return Err(BagError::NotAFolder {
                path: dir.to_owned(),
            });
        }
        Ok(FolderSource {
            dir: dir.to_owned(),
            listing: walk(dir)?,
        })
    }
}

impl BagSource for FolderSource {
    fn listing(&self) -> &Listing {
        &self.listing
    }

    fn stream(
        &mut self,
        path: &str,
        cap: u64,
        sink: &mut dyn FnMut(&[u8]),
    ) -> Result<([u8; 32], u64), ReadError> {
        let full = path.split('/').fold(self.dir.clone(), |p, c| p.join(c));
        let failed = |e: io::Error| ReadError::Failed(format!("cannot be read ({})", e.kind()));
        let file = fs::File::open(&full).map_err(failed)?;
        // The walk saw a regular file; make sure that is still what was opened.
        if !file.metadata().map_err(failed)?.is_file() {
            return Err(ReadError::Failed("is not a regular file".into()));
        }
        let size = self.listing.files.get(path).copied().unwrap_or(0);
        let mut file = file.take(cap.saturating_add(1));
        let (sha, n) = sha256_of(
            size,
            |buf| loop {
                match file.read(buf) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => return other.map_err(failed),
                }
            },
            sink,
        )?;
        if n > cap {
            return Err(ReadError::TooLarge);
        }
        Ok((sha, n))
    }
}

/// Walks the bag without following links; reports links, special files and non-UTF-8 names.
fn walk(dir: &Path) -> Result<Listing, BagError> {
    let mut found = Listing::default();
    let mut stack: Vec<(PathBuf, String)> = vec![(dir.to_owned(), String::new())];
    while let Some((abs, rel)) = stack.pop() {
        let mut entries: Vec<fs::DirEntry> = fs::read_dir(&abs)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let os_name = entry.file_name();
            let Some(name) = os_name.to_str() else {
                found.problems.push(BagProblem {
                    file: format!("{rel}{}", os_name.to_string_lossy()),
                    what: "its file name is not valid UTF-8".into(),
                });
                continue;
            };
            if name.chars().any(char::is_control) {
                // Shown escaped: a name is printed, and must not drive the terminal.
                found.problems.push(BagProblem {
                    file: format!("{rel}{name:?}"),
                    what: "its file name holds a control character".into(),
                });
                continue;
            }
            let path = format!("{rel}{name}");
            let ty = entry.file_type()?;
            if ty.is_symlink() {
                found.problems.push(BagProblem {
                    file: path.clone(),
                    what: "is a symbolic link, which a bag must not hold".into(),
                });
                found.links.insert(path);
            } else if ty.is_dir() {
                found.folders.insert(path.clone());
                stack.push((entry.path(), format!("{path}/")));
            } else if ty.is_file() {
                found.files.insert(path, entry.metadata()?.len());
            } else {
                found.problems.push(BagProblem {
                    file: path,
                    what: "is not a regular file or folder".into(),
                });
            }
        }
    }
    Ok(found)
}

/// An evidence pack's zip: one folder, the bag, whose members are read in place.
pub(crate) struct ZipSource {
    zip: SafeZip,
    /// `<bag folder>/`
    root: String,
    listing: Listing,
}

impl ZipSource {
    /// The bag in a vetted zip; refuses a zip that is not exactly one folder.
    pub(crate) fn new(zip: SafeZip) -> Result<Self, String> {
        let Some(first) = zip.members().first() else {
            return Err("the zip is empty; a pack holds exactly one folder".into());
        };
        let top = first.name.split('/').next().unwrap_or_default().to_owned();
        let root = format!("{top}/");
        let mut listing = Listing::default();
        for m in zip.members() {
            let Some(rel) = m.name.strip_prefix(&root) else {
                return Err(format!(
                    "a pack holds exactly one folder, but {:?} is outside {root:?}",
                    m.name
                ));
            };
            if m.is_dir {
                if !rel.is_empty() {
                    listing.folders.insert(rel.trim_end_matches('/').to_owned());
                }
            } else {
                listing.files.insert(rel.to_owned(), m.size);
            }
        }
        Ok(ZipSource { zip, root, listing })
    }
}

impl BagSource for ZipSource {
    fn listing(&self) -> &Listing {
        &self.listing
    }

    fn stream(
        &mut self,
        path: &str,
        cap: u64,
        sink: &mut dyn FnMut(&[u8]),
    ) -> Result<([u8; 32], u64), ReadError> {
        let size = self.listing.files.get(path).copied().unwrap_or(0);
        let name = format!("{}{path}", self.root);
        let mut reader = self.zip.member_reader(&name, cap).map_err(zip_failure)?;
        sha256_of(size, |buf| reader.read_some(buf).map_err(zip_failure), sink)
    }
}

fn zip_failure(e: SafeZipError) -> ReadError {
    match e {
        SafeZipError::TooLarge { .. } | SafeZipError::TotalTooLarge { .. } => ReadError::TooLarge,
        other => ReadError::Failed(format!("cannot be read from the zip ({other})")),
    }
}
