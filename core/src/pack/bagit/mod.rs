//! BagIt 1.0 (RFC 8493) for evidence packs: a streaming [`writer`] that puts a bag into a
//! zip, and a [`verifier`] that checks a bag read from a [`source`] — an unzipped folder,
//! or the members of the zip read in place — naming every problem it finds.
//!
//! Layout written (RFC 8493 §2): `<bag_name>/bagit.txt`, `bag-info.txt`,
//! `manifest-sha256.txt`, `tagmanifest-sha256.txt`, any extra tag files, the detached
//! signature `tagmanifest-sha256.txt.sig` (not listed in the tag manifest, since it signs
//! it), and the payload under `data/`.
//!
//! Choices made so that third-party tools agree with us, byte for byte:
//! - manifest lines are `<lowercase hex>  <path>` (two spaces) so that `sha256sum -c` reads
//!   them as well as `bagit.py` (RFC 8493 §2.1.3 allows one or more whitespace characters);
//! - payload paths may not contain `%`, so the §2.1.3 percent-encoding (which bagit.py does
//!   not decode for `%25`) is never needed, nor CR/LF/control characters;
//! - bag-info.txt values are written on one line, never folded (§2.2.2 only *recommends*
//!   79-character lines, and bagit.py keeps the folding whitespace inside the value);
//! - everything uses `\n` line endings and UTF-8 without a byte-order mark (§2.1.1).

mod pipeline;
pub(crate) mod source;
pub(crate) mod verifier;
mod writer;

#[cfg(test)]
mod tests;

use std::fmt;
use std::io;
use std::path::PathBuf;

pub use verifier::verify_bag;
pub use writer::BagWriter;

/// The detached signature over `tagmanifest-sha256.txt` (sshsig, see `crypto`).
pub const SIGNATURE_FILE: &str = "tagmanifest-sha256.txt.sig";
/// The payload manifest, the only one a pack has.
pub const MANIFEST: &str = "manifest-sha256.txt";
/// The tag manifest, which the signature covers.
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";

/// What can go wrong writing or reading a bag. Messages name files and fields, never content.
#[derive(thiserror::Error, Debug)]
pub enum BagError {
    /// The bag's folder name is not `[A-Za-z0-9._-]+`.
    #[error("bag name {name:?} is not allowed: use letters, digits, '.', '_' and '-' only")]
    BadBagName {
        /// The refused name.
        name: String,
    },
    /// A payload path breaks the rules (relative, `/`-separated, no `..`, no control chars…).
    #[error("payload path {path:?} is not allowed: {reason}")]
    BadPath {
        /// The refused path, as given.
        path: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// A payload path was added twice (also when two paths differ only in letter case).
    #[error("payload path {path:?} is added twice (paths must differ in more than letter case)")]
    DuplicatePath {
        /// The second path.
        path: String,
    },
    /// A tag file name is not allowed, or is one the writer produces itself.
    #[error("tag file name {name:?} is not allowed: {reason}")]
    BadTagName {
        /// The refused name.
        name: String,
        /// Why.
        reason: &'static str,
    },
    /// A bag-info.txt field cannot be written as given.
    #[error("bag-info.txt field {label:?} is not allowed: {reason}")]
    BadInfo {
        /// The field's label.
        label: String,
        /// Why.
        reason: String,
    },
    /// A payload announced with a length turned out to have another length.
    #[error("payload {path:?}: {actual} bytes were read but {expected} were announced")]
    SizeMismatch {
        /// The payload path.
        path: String,
        /// The announced length.
        expected: u64,
        /// The bytes actually read.
        actual: u64,
    },
    /// An earlier write failed part-way; the zip is unusable and must be discarded.
    #[error("the evidence pack could not be completed after an earlier write error")]
    Poisoned,
    /// The signing callback failed.
    #[error("signing the tag manifest failed: {reason}")]
    Signing {
        /// Why (from the signer; must not contain diary content).
        reason: String,
    },
    /// The folder given to the verifier is not a folder (or is a symbolic link).
    #[error("{path}: not a folder")]
    NotAFolder {
        /// The path given.
        path: PathBuf,
    },
    /// The zip library failed.
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Reading or writing failed.
    #[error("I/O: {0}")]
    Io(#[from] io::Error),
}

/// One thing wrong with a bag, naming the file it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BagProblem {
    /// The file (relative to the bag folder, `/`-separated), e.g. `data/entries/3.json`.
    pub file: String,
    /// What is wrong, in plain words.
    pub what: String,
}

impl fmt::Display for BagProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.what)
    }
}

/// The result of verifying a bag: it is valid exactly when `problems` is empty.
#[derive(Debug, Clone, Default)]
pub struct BagCheck {
    /// Every problem found, one per file and fault.
    pub problems: Vec<BagProblem>,
    /// Payload files whose SHA-256 matched the manifest: (`data/…`, SHA-256, size), sorted.
    pub payload_files: Vec<(String, [u8; 32], u64)>,
    /// bag-info.txt fields in file order (folded lines unfolded, values trimmed).
    pub info: Vec<(String, String)>,
}

impl BagCheck {
    /// True when no problem was found.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    pub(crate) fn problem(&mut self, file: impl Into<String>, what: impl Into<String>) {
        self.problems.push(BagProblem {
            file: file.into(),
            what: what.into(),
        });
    }
}

pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref());
    out
}

/// The parent folders of a `/`-separated path, innermost first: `a/b/c` → `a/b`, `a`.
pub(crate) fn parents(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = path;
    std::iter::from_fn(move || {
        let i = rest.rfind('/')?;
        rest = rest.get(..i)?;
        Some(rest)
    })
}
