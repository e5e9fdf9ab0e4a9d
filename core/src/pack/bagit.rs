//! BagIt 1.0 (RFC 8493) for evidence packs: a streaming writer that puts a bag into a zip,
//! and a verifier over an unzipped bag that names every problem it finds.
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

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use ring::digest;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The detached signature over `tagmanifest-sha256.txt` (sshsig, see `crypto`).
pub const SIGNATURE_FILE: &str = "tagmanifest-sha256.txt.sig";

/// Streaming buffer: large enough that hashing and writing run at memory speed.
const BUF_SIZE: usize = 1 << 20;
/// Above this, a zip member needs Zip64 (APPNOTE 4.3.9.2: sizes are 32-bit fields).
const ZIP32_LIMIT: u64 = 0xFFFF_FFFF;
/// Longest payload path (bytes) we write; deep enough for any pack, short enough for Windows.
const MAX_PATH_BYTES: usize = 1024;
/// Largest bagit.txt / bag-info.txt the verifier reads into memory.
const MAX_TAG_TEXT: u64 = 1 << 20;
/// Longest manifest line the verifier accepts (a path of 1024 bytes plus a hash fits easily).
const MAX_MANIFEST_LINE: u64 = 64 * 1024;

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

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------

/// Writes one BagIt 1.0 bag into a zip as it goes: payloads are hashed while they stream
/// into the zip, so memory stays bounded whatever their size.
///
/// Any write error part-way through an entry poisons the writer (later calls return
/// [`BagError::Poisoned`]): an export either completes or must be thrown away.
pub struct BagWriter<W: Write + Seek> {
    zip: ZipWriter<BufWriter<W>>,
    /// `<bag_name>/`
    root: String,
    /// The fixed modification time of every zip member (reproducible packs).
    time: DateTime,
    /// `YYYY-MM-DD` when the writer was given a bagging time.
    bagging_date: Option<String>,
    /// `data/<path>` → (SHA-256, size), sorted for the manifest.
    payload: BTreeMap<String, ([u8; 32], u64)>,
    /// Lower-cased payload file paths and their lower-cased parent folders, to refuse
    /// names that collide on case-insensitive file systems (Windows, macOS).
    folded_files: HashSet<String>,
    folded_dirs: HashSet<String>,
    /// Folder entries already written to the zip (relative to the bag root).
    dirs_written: BTreeSet<String>,
    /// Tag file name → SHA-256, for the tag manifest.
    tags: BTreeMap<String, [u8; 32]>,
    buf: Vec<u8>,
    poisoned: bool,
}

impl<W: Write + Seek> BagWriter<W> {
    /// Starts a bag named `bag_name` (`[A-Za-z0-9._-]+`) in a new zip written to `out`.
    /// Zip members get the fixed time 1980-01-01 00:00 and `Bagging-Date` is today (UTC)
    /// unless [`finish`](Self::finish) is given one; use [`new_at`](Self::new_at) for a
    /// reproducible pack with a meaningful date.
    pub fn new(out: W, bag_name: &str) -> Result<Self, BagError> {
        Self::with_time(out, bag_name, DateTime::default(), None)
    }

    /// Like [`new`](Self::new), but every zip member carries `when` (UTC wall time; zip
    /// times have no zone, and years before 1980 fall back to 1980-01-01) and
    /// `Bagging-Date` is its date. Same inputs and same `when` give a byte-identical zip.
    pub fn new_at(
        out: W,
        bag_name: &str,
        when: chrono::DateTime<chrono::Utc>,
    ) -> Result<Self, BagError> {
        use chrono::{Datelike, Timelike};
        let time = u16::try_from(when.year())
            .ok()
            .and_then(|y| {
                DateTime::from_date_and_time(
                    y,
                    u8::try_from(when.month()).ok()?,
                    u8::try_from(when.day()).ok()?,
                    u8::try_from(when.hour()).ok()?,
                    u8::try_from(when.minute()).ok()?,
                    u8::try_from(when.second()).ok()?,
                )
                .ok()
            })
            .unwrap_or_default();
        let date = when.format("%Y-%m-%d").to_string();
        Self::with_time(out, bag_name, time, Some(date))
    }

    fn with_time(
        out: W,
        bag_name: &str,
        time: DateTime,
        bagging_date: Option<String>,
    ) -> Result<Self, BagError> {
        if !is_simple_name(bag_name) {
            return Err(BagError::BadBagName {
                name: bag_name.to_owned(),
            });
        }
        let mut w = BagWriter {
            zip: ZipWriter::new(BufWriter::with_capacity(BUF_SIZE, out)),
            root: format!("{bag_name}/"),
            time,
            bagging_date,
            payload: BTreeMap::new(),
            folded_files: HashSet::new(),
            folded_dirs: HashSet::new(),
            dirs_written: BTreeSet::new(),
            tags: BTreeMap::new(),
            buf: vec![0; BUF_SIZE],
            poisoned: false,
        };
        // The one top folder and data/ exist even for an empty payload (bagit.py requires
        // data/, RFC 8493 §2.1.2); written first so that unzip tools create them first.
        w.guarded(|w| {
            w.add_dir("")?;
            w.add_dir("data")
        })?;
        Ok(w)
    }

    /// Adds `data/<path>`, streaming `reader` through SHA-256 while writing it; returns the
    /// SHA-256 and size. `compress: false` stores the bytes as they are (right for photos
    /// and videos, which are already compressed). The length is not known in advance, so
    /// the member is written with a Zip64 size field; use
    /// [`add_payload_sized`](Self::add_payload_sized) when the length is known.
    pub fn add_payload(
        &mut self,
        path: &str,
        reader: impl Read,
        compress: bool,
    ) -> Result<([u8; 32], u64), BagError> {
        self.add_payload_inner(path, reader, None, compress)
    }

    /// Like [`add_payload`](Self::add_payload) for a reader of known length `len`: Zip64 is
    /// used only when needed. A reader yielding another length is an error (and poisons the
    /// writer, since the zip member is already partly written).
    pub fn add_payload_sized(
        &mut self,
        path: &str,
        reader: impl Read,
        len: u64,
        compress: bool,
    ) -> Result<([u8; 32], u64), BagError> {
        self.add_payload_inner(path, reader, Some(len), compress)
    }

    /// Adds `data/<path>` from memory; returns its SHA-256 and size.
    pub fn add_payload_bytes(
        &mut self,
        path: &str,
        bytes: &[u8],
        compress: bool,
    ) -> Result<([u8; 32], u64), BagError> {
        self.check_usable()?;
        let key = self.claim_payload_path(path)?;
        let len = bytes.len() as u64;
        let hash = sha256(bytes);
        self.guarded(|w| {
            w.add_parent_dirs(&key)?;
            let opts = w.file_options(compress, Some(len));
            w.zip.start_file(format!("{}{key}", w.root), opts)?;
            w.zip.write_all(bytes)?;
            Ok(())
        })?;
        self.record_payload(key, hash, len);
        Ok((hash, len))
    }

    /// Adds a tag file at the top of the bag (e.g. `allowed_signers`, `VERIFY.txt`); it is
    /// listed in the tag manifest and so covered by the signature. Names are
    /// `[A-Za-z0-9._-]+` and may not be one the writer produces itself.
    pub fn add_tag_file(&mut self, name: &str, bytes: &[u8]) -> Result<(), BagError> {
        self.check_usable()?;
        let reserved = matches!(
            name,
            "bagit.txt" | "bag-info.txt" | "fetch.txt" | "data" | SIGNATURE_FILE
        ) || name.starts_with("manifest-")
            || name.starts_with("tagmanifest-");
        if !is_simple_name(name) {
            return Err(BagError::BadTagName {
                name: name.to_owned(),
                reason: "use letters, digits, '.', '_' and '-' only",
            });
        }
        if reserved {
            return Err(BagError::BadTagName {
                name: name.to_owned(),
                reason: "the bag writer produces this file itself",
            });
        }
        if self.tags.contains_key(name) || self.tags.keys().any(|t| t.eq_ignore_ascii_case(name)) {
            return Err(BagError::BadTagName {
                name: name.to_owned(),
                reason: "it is added twice",
            });
        }
        self.write_tag(name, bytes, true)
    }

    /// Completes the bag: writes `bagit.txt`, `bag-info.txt` (the given fields in order,
    /// then `Payload-Oxum` and `Bagging-Date` unless given), `manifest-sha256.txt`,
    /// `tagmanifest-sha256.txt` over every tag file, then `sign(tagmanifest bytes)` as
    /// [`SIGNATURE_FILE`], finishes the zip and returns the output.
    ///
    /// A given `Payload-Oxum` must equal the computed one (a writer that could emit an
    /// invalid bag would be worse than one that refuses).
    pub fn finish(
        mut self,
        info: &[(String, String)],
        sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, BagError>,
    ) -> Result<W, BagError> {
        self.check_usable()?;

        // RFC 8493 §2.1.1: exactly these two lines.
        let bagit_txt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

        // RFC 8493 §2.2.2: Payload-Oxum is "<octet count>.<stream count>" of the payload.
        let octets: u64 = self.payload.values().map(|(_, n)| *n).sum();
        let oxum = format!("{octets}.{}", self.payload.len());
        let mut bag_info = String::new();
        let (mut has_oxum, mut has_date) = (false, false);
        for (label, value) in info {
            check_info_field(label, value)?;
            if label.eq_ignore_ascii_case("Payload-Oxum") {
                if has_oxum || value != &oxum {
                    return Err(BagError::BadInfo {
                        label: label.clone(),
                        reason: format!(
                            "given twice or not the payload's ({oxum}); leave it out and it is computed"
                        ),
                    });
                }
                has_oxum = true;
            }
            if label.eq_ignore_ascii_case("Bagging-Date") {
                has_date = true;
            }
            bag_info.push_str(&format!("{label}: {value}\n"));
        }
        if !has_oxum {
            bag_info.push_str(&format!("Payload-Oxum: {oxum}\n"));
        }
        if !has_date {
            let date = self
                .bagging_date
                .clone()
                .unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%d").to_string());
            bag_info.push_str(&format!("Bagging-Date: {date}\n"));
        }

        // RFC 8493 §2.1.3, sorted by path so the same payload gives the same manifest.
        let mut manifest = String::with_capacity(self.payload.len() * 100);
        for (path, (hash, _)) in &self.payload {
            manifest.push_str(&hex::encode(hash));
            manifest.push_str("  ");
            manifest.push_str(path);
            manifest.push('\n');
        }

        self.write_tag("bagit.txt", bagit_txt.as_bytes(), true)?;
        self.write_tag("bag-info.txt", bag_info.as_bytes(), true)?;
        self.write_tag("manifest-sha256.txt", manifest.as_bytes(), true)?;

        // RFC 8493 §2.2.1: the tag manifest lists every tag file except tag manifests; the
        // signature is not listed either, since it is made over the tag manifest.
        let mut tagmanifest = String::new();
        for (name, hash) in &self.tags {
            tagmanifest.push_str(&hex::encode(hash));
            tagmanifest.push_str("  ");
            tagmanifest.push_str(name);
            tagmanifest.push('\n');
        }
        self.write_tag("tagmanifest-sha256.txt", tagmanifest.as_bytes(), false)?;
        let signature = sign(tagmanifest.as_bytes())?;
        self.write_tag(SIGNATURE_FILE, &signature, false)?;

        let buffered = self.zip.finish()?;
        buffered
            .into_inner()
            .map_err(|e| BagError::Io(e.into_error()))
    }

    // -- internals ------------------------------------------------------------------------

    fn add_payload_inner(
        &mut self,
        path: &str,
        mut reader: impl Read,
        declared: Option<u64>,
        compress: bool,
    ) -> Result<([u8; 32], u64), BagError> {
        self.check_usable()?;
        let key = self.claim_payload_path(path)?;
        let (hash, len) = self.guarded(|w| {
            w.add_parent_dirs(&key)?;
            let opts = w.file_options(compress, declared);
            w.zip.start_file(format!("{}{key}", w.root), opts)?;
            let mut ctx = digest::Context::new(&digest::SHA256);
            let mut total: u64 = 0;
            loop {
                let n = match reader.read(&mut w.buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(BagError::Io(e)),
                };
                let chunk = w.buf.get(..n).unwrap_or_default();
                ctx.update(chunk);
                w.zip.write_all(chunk)?;
                total += n as u64;
            }
            if let Some(expected) = declared
                && expected != total
            {
                return Err(BagError::SizeMismatch {
                    path: path.to_owned(),
                    expected,
                    actual: total,
                });
            }
            let mut hash = [0u8; 32];
            hash.copy_from_slice(ctx.finish().as_ref());
            Ok((hash, total))
        })?;
        self.record_payload(key, hash, len);
        Ok((hash, len))
    }

    /// Runs a step that writes to the zip; any failure leaves a half-written member, so it
    /// poisons the writer.
    fn guarded<T>(
        &mut self,
        step: impl FnOnce(&mut Self) -> Result<T, BagError>,
    ) -> Result<T, BagError> {
        let r = step(self);
        if r.is_err() {
            self.poisoned = true;
        }
        r
    }

    fn check_usable(&self) -> Result<(), BagError> {
        if self.poisoned {
            Err(BagError::Poisoned)
        } else {
            Ok(())
        }
    }

    /// Validates `path`, refuses duplicates (also case-insensitive, and a file where a
    /// folder of the same name exists or the other way round), and returns `data/<path>`.
    /// Nothing is recorded yet: a failed write must not leave the path claimed.
    fn claim_payload_path(&self, path: &str) -> Result<String, BagError> {
        validate_payload_path(path).map_err(|reason| BagError::BadPath {
            path: path.to_owned(),
            reason,
        })?;
        let key = format!("data/{path}");
        let folded = key.to_lowercase();
        if self.folded_files.contains(&folded) || self.folded_dirs.contains(&folded) {
            return Err(BagError::DuplicatePath {
                path: path.to_owned(),
            });
        }
        for parent in parents(&folded) {
            if self.folded_files.contains(parent) {
                return Err(BagError::BadPath {
                    path: path.to_owned(),
                    reason: "one of its folders has the name of a file already added",
                });
            }
        }
        Ok(key)
    }

    fn record_payload(&mut self, key: String, hash: [u8; 32], len: u64) {
        let folded = key.to_lowercase();
        for parent in parents(&folded) {
            self.folded_dirs.insert(parent.to_owned());
        }
        self.folded_files.insert(folded);
        self.payload.insert(key, (hash, len));
    }

    fn file_options(&self, compress: bool, declared: Option<u64>) -> SimpleFileOptions {
        SimpleFileOptions::default()
            .compression_method(if compress {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            })
            .last_modified_time(self.time)
            .unix_permissions(0o644)
            .large_file(needs_zip64(declared))
    }

    /// Writes a folder entry `<root><dir>/` once.
    fn add_dir(&mut self, dir: &str) -> Result<(), BagError> {
        if self.dirs_written.insert(dir.to_owned()) {
            let opts = SimpleFileOptions::default()
                .last_modified_time(self.time)
                .unix_permissions(0o755);
            let name = if dir.is_empty() {
                self.root.clone()
            } else {
                format!("{}{dir}/", self.root)
            };
            self.zip.add_directory(name, opts)?;
        }
        Ok(())
    }

    fn add_parent_dirs(&mut self, key: &str) -> Result<(), BagError> {
        let dirs: Vec<String> = parents(key).map(str::to_owned).collect();
        for d in dirs.iter().rev() {
            self.add_dir(d)?;
        }
        Ok(())
    }

    fn write_tag(&mut self, name: &str, bytes: &[u8], listed: bool) -> Result<(), BagError> {
        self.check_usable()?;
        self.guarded(|w| {
            let opts = w.file_options(true, Some(bytes.len() as u64));
            w.zip.start_file(format!("{}{name}", w.root), opts)?;
            w.zip.write_all(bytes)?;
            Ok(())
        })?;
        if listed {
            self.tags.insert(name.to_owned(), sha256(bytes));
        }
        Ok(())
    }
}

/// Whether a member of this length (unknown: `None`) must be written with Zip64 sizes.
/// Deflate can grow incompressible data slightly (stored blocks: 5 bytes per 64 KiB), so
/// a margin is left below the 32-bit limit.
fn needs_zip64(declared: Option<u64>) -> bool {
    declared.is_none_or(|n| n.saturating_add(n / 256 + 4096) > ZIP32_LIMIT)
}

/// The parent folders of a `/`-separated path, innermost first: `a/b/c` → `a/b`, `a`.
fn parents(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = path;
    std::iter::from_fn(move || {
        let i = rest.rfind('/')?;
        rest = rest.get(..i)?;
        Some(rest)
    })
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, bytes).as_ref());
    out
}

/// `[A-Za-z0-9._-]+`, and not `.` or `..` (which match the class but mean something else).
fn is_simple_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Rules for a payload path (relative to `data/`). Besides safety (no `..`, no absolute
/// paths, no control characters) they keep the path identical on every system an officer
/// may unzip it on, and identical between our manifest and bagit.py's reading of it.
fn validate_payload_path(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Err("it is empty");
    }
    if path.len() > MAX_PATH_BYTES {
        return Err("it is longer than 1024 bytes");
    }
    if path.starts_with('/') {
        return Err("it must be relative (no leading '/')");
    }
    for c in path.chars() {
        if c.is_control() {
            return Err("it contains a control character");
        }
        match c {
            '\\' => return Err("it contains '\\' (use '/' between folders)"),
            // RFC 8493 §2.1.3 would need '%' percent-encoded, which bagit.py does not decode.
            '%' => return Err("it contains '%'"),
            // Not allowed in Windows file names.
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => {
                return Err("it contains a character Windows does not allow in file names");
            }
            _ => {}
        }
    }
    for comp in path.split('/') {
        match comp {
            "" => return Err("it has an empty folder name ('//' or a trailing '/')"),
            "." | ".." => return Err("it contains '.' or '..'"),
            _ => {}
        }
        if comp.starts_with(char::is_whitespace)
            || comp.ends_with(char::is_whitespace)
            || comp.ends_with('.')
        {
            return Err("a name starts or ends with a space, or ends with '.'");
        }
        if is_windows_device(comp) {
            return Err("a name is reserved on Windows (CON, NUL, COM1…)");
        }
    }
    Ok(())
}

fn is_windows_device(comp: &str) -> bool {
    let stem = comp.split('.').next().unwrap_or(comp).to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem
                .as_bytes()
                .get(3)
                .is_some_and(|b| (b'1'..=b'9').contains(b)))
}

fn check_info_field(label: &str, value: &str) -> Result<(), BagError> {
    let bad = |reason: &str| BagError::BadInfo {
        label: label.to_owned(),
        reason: reason.to_owned(),
    };
    // RFC 8493 §2.2.2: "label: value"; a label has no colon; neither may break the line.
    if label.is_empty() || label.contains(':') || label.chars().any(char::is_control) {
        return Err(bad(
            "a label must be non-empty, without ':' or control characters",
        ));
    }
    if label.trim() != label {
        return Err(bad("a label must not start or end with whitespace"));
    }
    if value.chars().any(char::is_control) {
        return Err(bad("the value contains a line break or control character"));
    }
    if value.trim() != value {
        return Err(bad(
            "the value starts or ends with whitespace, which readers strip",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Verifier
// ---------------------------------------------------------------------------------------------

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

/// The result of [`verify_bag`]: the bag is valid exactly when `problems` is empty.
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

    fn problem(&mut self, file: impl Into<String>, what: impl Into<String>) {
        self.problems.push(BagProblem {
            file: file.into(),
            what: what.into(),
        });
    }
}

/// What the walk found in the bag folder, never following symbolic links.
#[derive(Default)]
struct Found {
    /// Regular files, relative path → size.
    files: BTreeMap<String, u64>,
    /// Paths that are symbolic links (already reported).
    links: HashSet<String>,
}

/// Verifies an unzipped bag (RFC 8493 §3): bagit.txt, every manifest and tag manifest line,
/// that every payload file is listed, Payload-Oxum, and that nothing in the bag is a
/// symbolic link. Only files found by walking the folder (without following links) are
/// ever opened, so a manifest line cannot make the verifier read outside the bag.
/// Hashes stream through a fixed buffer. `Err` only when `dir` itself is not a folder or
/// cannot be listed; everything else is a [`BagProblem`].
pub fn verify_bag(dir: &Path) -> Result<BagCheck, BagError> {
    let meta = fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return Err(BagError::NotAFolder {
            path: dir.to_owned(),
        });
    }
    let mut check = BagCheck::default();
    let found = walk(dir, &mut check)?;
    let mut buf = vec![0u8; BUF_SIZE];

    // bagit.txt (§2.1.1): exactly version 1.0 and UTF-8.
    match read_tag_text(dir, "bagit.txt", &found, &mut check) {
        None => {}
        Some(text) => {
            let fields = parse_tag_fields(&text, "bagit.txt", &mut check);
            let version = fields.iter().find(|(l, _)| l == "BagIt-Version");
            let encoding = fields
                .iter()
                .find(|(l, _)| l == "Tag-File-Character-Encoding");
            if version.map(|(_, v)| v.as_str()) != Some("1.0") {
                check.problem("bagit.txt", "does not say \"BagIt-Version: 1.0\"");
            }
            if !encoding.is_some_and(|(_, v)| v.eq_ignore_ascii_case("UTF-8")) {
                check.problem(
                    "bagit.txt",
                    "does not say \"Tag-File-Character-Encoding: UTF-8\"",
                );
            }
            if fields.len() != 2 {
                check.problem("bagit.txt", "must hold exactly two lines (RFC 8493 §2.1.1)");
            }
        }
    }

    // bag-info.txt (§2.2.2) is optional; when present it must parse.
    if found.files.contains_key("bag-info.txt")
        && let Some(text) = read_tag_text(dir, "bag-info.txt", &found, &mut check)
    {
        check.info = parse_tag_fields(&text, "bag-info.txt", &mut check);
    }

    if found.files.contains_key("fetch.txt") {
        check.problem(
            "fetch.txt",
            "the bag expects files to be downloaded from elsewhere; an evidence pack must be complete",
        );
    }
    for name in found.files.keys().filter(|n| !n.contains('/')) {
        let is_manifest = name.starts_with("manifest-") || name.starts_with("tagmanifest-");
        if is_manifest
            && name.ends_with(".txt")
            && name != "manifest-sha256.txt"
            && name != "tagmanifest-sha256.txt"
        {
            check.problems.push(BagProblem {
                file: name.clone(),
                what: "a manifest for an algorithm other than SHA-256, which is not checked".into(),
            });
        }
    }
    match fs::symlink_metadata(dir.join("data")) {
        Ok(m) if m.is_dir() => {}
        Ok(m) if m.file_type().is_symlink() => {} // already reported by the walk
        _ => check.problem("data", "the payload folder is missing"),
    }

    // Payload manifest (§2.1.3, §3): every line right, every payload file listed.
    let listed = read_manifest(dir, "manifest-sha256.txt", true, &found, &mut check);
    if let Some(listed) = &listed {
        for (path, expected) in listed {
            if let Some(size) = check_listed_file(
                dir,
                "manifest-sha256.txt",
                path,
                expected,
                &found,
                &mut buf,
                &mut check,
            ) {
                check.payload_files.push((path.clone(), *expected, size));
            }
        }
        for path in found.files.keys().filter(|p| p.starts_with("data/")) {
            if !listed.contains_key(path) {
                check.problem(path.clone(), "not in the manifest");
            }
        }
    }

    // Tag manifest (§2.2.1): every line right; every tag file other than the tag manifests
    // and the signature listed, since only listed files are covered by the signature.
    if let Some(tag_listed) =
        read_manifest(dir, "tagmanifest-sha256.txt", false, &found, &mut check)
    {
        for (path, expected) in &tag_listed {
            check_listed_file(
                dir,
                "tagmanifest-sha256.txt",
                path,
                expected,
                &found,
                &mut buf,
                &mut check,
            );
        }
        for path in found.files.keys().filter(|p| !p.starts_with("data/")) {
            let exempt =
                (path.starts_with("tagmanifest-") && !path.contains('/')) || path == SIGNATURE_FILE;
            if !exempt && !tag_listed.contains_key(path) {
                check.problem(
                    path.clone(),
                    "not in the tag manifest, so not covered by the signature",
                );
            }
        }
    }

    // Payload-Oxum (§2.2.2): octets and file count of data/ as found on disk.
    let oxums: Vec<String> = check
        .info
        .iter()
        .filter(|(l, _)| l.eq_ignore_ascii_case("Payload-Oxum"))
        .map(|(_, v)| v.clone())
        .collect();
    if oxums.len() > 1 {
        check.problem("bag-info.txt", "Payload-Oxum is given more than once");
    }
    if let Some(oxum) = oxums.first() {
        let (octets, count) = found
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("data/"))
            .fold((0u64, 0u64), |(o, c), (_, n)| (o.saturating_add(*n), c + 1));
        let parsed = oxum
            .split_once('.')
            .and_then(|(a, b)| Some((a.parse::<u64>().ok()?, b.parse::<u64>().ok()?)));
        match parsed {
            None => {
                let msg = "Payload-Oxum is not \"<bytes>.<files>\"";
                check.problem("bag-info.txt", msg);
            }
            Some((o, c)) if (o, c) != (octets, count) => {
                let msg = format!(
                    "Payload-Oxum says {o} bytes in {c} files, but data/ holds {octets} bytes in {count} files"
                );
                check.problem("bag-info.txt", msg);
            }
            Some(_) => {}
        }
    }

    check.payload_files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(check)
}

/// Walks the bag without following links; reports links, special files and non-UTF-8 names.
fn walk(dir: &Path, check: &mut BagCheck) -> Result<Found, BagError> {
    let mut found = Found::default();
    let mut stack: Vec<(PathBuf, String)> = vec![(dir.to_owned(), String::new())];
    while let Some((abs, rel)) = stack.pop() {
        let mut entries: Vec<fs::DirEntry> = fs::read_dir(&abs)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let os_name = entry.file_name();
            let Some(name) = os_name.to_str() else {
                let shown = format!("{rel}{}", os_name.to_string_lossy());
                check.problem(shown, "its file name is not valid UTF-8");
                continue;
            };
            let path = format!("{rel}{name}");
            let ty = entry.file_type()?;
            if ty.is_symlink() {
                check.problem(
                    path.clone(),
                    "is a symbolic link, which a bag must not hold",
                );
                found.links.insert(path);
            } else if ty.is_dir() {
                stack.push((entry.path(), format!("{path}/")));
            } else if ty.is_file() {
                let size = entry.metadata()?.len();
                found.files.insert(path, size);
            } else {
                check.problem(path, "is not a regular file or folder");
            }
        }
    }
    Ok(found)
}

/// Reads a small tag file as UTF-8 text; reports it missing, too large, with a BOM, or not
/// UTF-8.
fn read_tag_text(dir: &Path, name: &str, found: &Found, check: &mut BagCheck) -> Option<String> {
    let Some(&size) = found.files.get(name) else {
        if !found.links.contains(name) {
            check.problem(name, "missing");
        }
        return None;
    };
    if size > MAX_TAG_TEXT {
        check.problem(name, "too large to be a tag file (over 1 MiB)");
        return None;
    }
    let mut bytes = Vec::new();
    let read =
        fs::File::open(dir.join(name)).and_then(|f| f.take(MAX_TAG_TEXT).read_to_end(&mut bytes));
    if let Err(e) = read {
        check.problem(name, format!("cannot be read ({})", e.kind()));
        return None;
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        check.problem(
            name,
            "starts with a byte-order mark, which RFC 8493 §2.1.1 forbids",
        );
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(_) => {
            check.problem(name, "is not valid UTF-8");
            None
        }
    }
}

/// Splits text into lines ending in LF, CR or CRLF (RFC 8493 §2: all three are allowed).
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\r', '\n']) {
            None => {
                lines.push(rest);
                break;
            }
            Some(i) => {
                lines.push(rest.get(..i).unwrap_or_default());
                let skip = if rest.get(i..i + 2) == Some("\r\n") {
                    2
                } else {
                    1
                };
                rest = rest.get(i + skip..).unwrap_or_default();
            }
        }
    }
    lines
}

/// Parses `label: value` lines (RFC 8493 §2.2.2); a line starting with whitespace continues
/// the previous value (unfolded by dropping the line break, as RFC 5322 §2.2.3 does).
fn parse_tag_fields(text: &str, file: &str, check: &mut BagCheck) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for (i, line) in split_lines(text).into_iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match fields.last_mut() {
                Some((_, v)) => v.push_str(line),
                None => check.problem(
                    file,
                    format!(
                        "line {}: a continuation line with no field before it",
                        i + 1
                    ),
                ),
            }
            continue;
        }
        match line.split_once(':') {
            Some((label, value)) if !label.trim().is_empty() => {
                fields.push((label.trim().to_owned(), value.to_owned()));
            }
            _ => check.problem(file, format!("line {}: not a \"label: value\" line", i + 1)),
        }
    }
    for (_, v) in &mut fields {
        *v = v.trim().to_owned();
    }
    fields
}

/// Reads a manifest (`payload`: every path under `data/`; otherwise none may be) into
/// path → expected SHA-256, reporting malformed, unsafe and repeated lines by number.
fn read_manifest(
    dir: &Path,
    name: &str,
    payload: bool,
    found: &Found,
    check: &mut BagCheck,
) -> Option<BTreeMap<String, [u8; 32]>> {
    if !found.files.contains_key(name) {
        if !found.links.contains(name) {
            check.problem(name, "missing");
        }
        return None;
    }
    let file = match fs::File::open(dir.join(name)) {
        Ok(f) => f,
        Err(e) => {
            check.problem(name, format!("cannot be read ({})", e.kind()));
            return None;
        }
    };
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let mut listed = BTreeMap::new();
    let mut line = Vec::new();
    let mut no = 0usize;
    loop {
        line.clear();
        no += 1;
        let n = match (&mut reader)
            .take(MAX_MANIFEST_LINE + 1)
            .read_until(b'\n', &mut line)
        {
            Ok(n) => n,
            Err(e) => {
                check.problem(name, format!("cannot be read ({})", e.kind()));
                break;
            }
        };
        if n == 0 {
            break;
        }
        if line.len() as u64 > MAX_MANIFEST_LINE {
            check.problem(name, format!("line {no}: too long; the rest is not read"));
            break;
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            check.problem(name, format!("line {no}: not valid UTF-8"));
            continue;
        };
        if no == 1 && text.starts_with('\u{feff}') {
            check.problem(
                name,
                "starts with a byte-order mark, which RFC 8493 §2.1.1 forbids",
            );
        }
        let text = text
            .trim_start_matches('\u{feff}')
            .trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        // §2.1.3: CHECKSUM, one or more whitespace, FILENAME.
        let Some((hex_part, rest)) = text.split_once([' ', '\t']) else {
            check.problem(name, format!("line {no}: not \"<sha256> <file>\""));
            continue;
        };
        let mut hash = [0u8; 32];
        if hex_part.len() != 64 || hex::decode_to_slice(hex_part, &mut hash).is_err() {
            check.problem(name, format!("line {no}: not a SHA-256 in hexadecimal"));
            continue;
        }
        let path = percent_decode(rest.trim_start_matches([' ', '\t']));
        if let Err(why) = check_manifest_path(&path) {
            check.problem(name, format!("line {no}: {why}"));
            continue;
        }
        if payload != path.starts_with("data/") {
            let why = if payload {
                "names a file outside data/"
            } else {
                "names a payload file (data/…), which belongs in manifest-sha256.txt"
            };
            check.problem(name, format!("line {no}: {why}"));
            continue;
        }
        if listed.insert(path.clone(), hash).is_some() {
            check.problem(name, format!("line {no}: {path} is listed more than once"));
        }
    }
    Some(listed)
}

/// RFC 8493 §2.1.3: in manifests, CR, LF and '%' are written %0D, %0A and %25.
fn percent_decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let code = rest.get(i + 1..i + 3).map(str::to_ascii_uppercase);
        match code.as_deref() {
            Some("0D") => out.push('\r'),
            Some("0A") => out.push('\n'),
            Some("25") => out.push('%'),
            _ => {
                out.push('%');
                rest = rest.get(i + 1..).unwrap_or_default();
                continue;
            }
        }
        rest = rest.get(i + 3..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

fn check_manifest_path(path: &str) -> Result<(), &'static str> {
    if path.starts_with('/') || path.contains('\\') || path.get(1..2) == Some(":") {
        return Err("an absolute path or one with '\\', which a bag must not list");
    }
    if path.chars().any(char::is_control) {
        return Err("a path with a control character");
    }
    if path
        .split('/')
        .any(|c| c.is_empty() || c == "." || c == "..")
    {
        return Err("a path with '..', '.' or an empty folder name");
    }
    Ok(())
}

/// Checks one manifest line against the file found by the walk; returns its size if the
/// hash matches.
fn check_listed_file(
    dir: &Path,
    manifest: &str,
    path: &str,
    expected: &[u8; 32],
    found: &Found,
    buf: &mut [u8],
    check: &mut BagCheck,
) -> Option<u64> {
    if found.links.contains(path) {
        return None; // reported as a link by the walk
    }
    if !found.files.contains_key(path) {
        check.problem(path, format!("listed in {manifest} but missing"));
        return None;
    }
    let full = path.split('/').fold(dir.to_owned(), |p, c| p.join(c));
    match hash_file(&full, buf) {
        Ok((hash, size)) if &hash == expected => Some(size),
        Ok(_) => {
            let what = if manifest.starts_with("tag") {
                "its SHA-256 does not match the tag manifest"
            } else {
                "its SHA-256 does not match the manifest"
            };
            check.problem(path, what);
            None
        }
        Err(e) => {
            check.problem(path, format!("cannot be read ({})", e.kind()));
            None
        }
    }
}

fn hash_file(path: &Path, buf: &mut [u8]) -> io::Result<([u8; 32], u64)> {
    let mut f = fs::File::open(path)?;
    // The walk saw a regular file; make sure that is still what we opened.
    if !f.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a regular file",
        ));
    }
    let mut ctx = digest::Context::new(&digest::SHA256);
    let mut total = 0u64;
    loop {
        let n = match f.read(buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        ctx.update(buf.get(..n).unwrap_or_default());
        total += n as u64;
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    Ok((out, total))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::safe_zip::{SafeZip, ZipLimits};
    use std::process::Command;
    use std::sync::OnceLock;

    const SIG: &[u8] =
        b"-----BEGIN SSH SIGNATURE-----\nnot checked here\n-----END SSH SIGNATURE-----\n";

    /// Deterministic pseudo-random bytes (xorshift), so attachments are incompressible.
    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    fn when() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339("2024-05-06T07:08:10Z")
            .unwrap()
            .with_timezone(&chrono::Utc)
    }

    /// Writes a pack-like bag; returns the zip bytes and what add_payload reported.
    type Listing = Vec<(String, [u8; 32], u64)>;

    fn sample_bag() -> (Vec<u8>, Listing) {
        let mut w = BagWriter::new_at(
            io::Cursor::new(Vec::new()),
            "tally-evidence-2024-05-06-ab12",
            when(),
        )
        .unwrap();
        let mut added = Vec::new();
        let photo = noise(3 * 1024 * 1024 + 17, 7); // crosses the 1 MiB buffer
        let mut put = |_: &mut BagWriter<_>, path: &str, r: ([u8; 32], u64)| {
            added.push((format!("data/{path}"), r.0, r.1));
        };
        let r = w
            .add_payload_bytes("entries/1.json", br#"{"seq":1}"#, true)
            .unwrap();
        put(&mut w, "entries/1.json", r);
        let r = w
            .add_payload_bytes("entries/2.json", br#"{"seq":2,"text":"x"}"#, true)
            .unwrap();
        put(&mut w, "entries/2.json", r);
        let r = w
            .add_payload("attachments/photo.jpg", &photo[..], false)
            .unwrap();
        put(&mut w, "attachments/photo.jpg", r);
        let r = w
            .add_payload_sized("attachments/clip.mp4", &photo[..1000], 1000, false)
            .unwrap();
        put(&mut w, "attachments/clip.mp4", r);
        let r = w.add_payload_bytes("log/empty.txt", b"", true).unwrap();
        put(&mut w, "log/empty.txt", r);
        let r = w
            .add_payload_bytes("report.html", b"<!doctype html><p>report", true)
            .unwrap();
        put(&mut w, "report.html", r);
        w.add_tag_file("allowed_signers", b"tally-diary ssh-ed25519 AAAA\n")
            .unwrap();
        w.add_tag_file("VERIFY.txt", b"How to check this pack.\n")
            .unwrap();
        let info = vec![
            ("Source-Organization".to_string(), "Tally".to_string()),
            ("External-Identifier".to_string(), "ab12".to_string()),
        ];
        let out = w.finish(&info, |_| Ok(SIG.to_vec())).unwrap();
        (out.into_inner(), added)
    }

    /// Unzips `zip` with our own SafeZip into a fresh folder; returns (tempdir, bag folder).
    fn unzip(zip: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let zpath = tmp.path().join("pack.zip");
        fs::write(&zpath, zip).unwrap();
        let dest = tmp.path().join("out");
        fs::create_dir(&dest).unwrap();
        SafeZip::open(&zpath, ZipLimits::default())
            .unwrap()
            .extract_all(&dest)
            .unwrap();
        let bag = dest.join("tally-evidence-2024-05-06-ab12");
        (tmp, bag)
    }

    fn fresh_bag() -> (tempfile::TempDir, PathBuf) {
        unzip(&sample_bag().0)
    }

    fn problems(bag: &Path) -> Vec<String> {
        verify_bag(bag)
            .unwrap()
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn assert_named(bag: &Path, expected: &str) {
        let p = problems(bag);
        assert!(
            p.iter().any(|l| l == expected),
            "expected problem {expected:?}, got {p:#?}"
        );
    }

    /// bagit.py from the cached venv that tools/check-pack also uses; installed on first use.
    fn bagit_py() -> &'static Path {
        static BAGIT: OnceLock<PathBuf> = OnceLock::new();
        BAGIT.get_or_init(|| {
            let venv = std::env::var_os("TALLY_CHECK_VENV")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    let cache = std::env::var_os("XDG_CACHE_HOME")
                        .map(PathBuf::from)
                        .unwrap_or_else(|| {
                            PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache")
                        });
                    cache.join("tally-check-pack-venv")
                });
            let exe = venv.join("bin").join("bagit.py");
            if !exe.exists() {
                let ok = Command::new("python3")
                    .args(["-m", "venv"])
                    .arg(&venv)
                    .status()
                    .is_ok_and(|s| s.success())
                    && Command::new(venv.join("bin").join("pip"))
                        .args(["install", "-q", "bagit"])
                        .status()
                        .is_ok_and(|s| s.success());
                assert!(
                    ok && exe.exists(),
                    "cannot install bagit-python into {venv:?}"
                );
            }
            exe
        })
    }

    fn bagit_py_validates(bag: &Path) -> (bool, String) {
        let out = Command::new(bagit_py())
            .arg("--validate")
            .arg(bag)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        (out.status.success(), text)
    }

    #[test]
    fn written_bag_passes_our_verifier_and_bagit_py() {
        let (zip, added) = sample_bag();
        let (_tmp, bag) = unzip(&zip);
        let check = verify_bag(&bag).unwrap();
        assert!(check.is_valid(), "{:#?}", check.problems);
        let mut added = added;
        added.sort();
        assert_eq!(check.payload_files, added);
        let octets: u64 = added.iter().map(|a| a.2).sum();
        assert!(
            check
                .info
                .contains(&("Payload-Oxum".into(), format!("{octets}.{}", added.len())))
        );
        assert!(
            check
                .info
                .contains(&("Bagging-Date".into(), "2024-05-06".into()))
        );
        assert_eq!(check.info.first().unwrap().0, "Source-Organization");
        assert_eq!(fs::read(bag.join(SIGNATURE_FILE)).unwrap(), SIG);

        let (ok, out) = bagit_py_validates(&bag);
        assert!(ok, "bagit.py --validate failed: {out}");
    }

    #[test]
    fn bagit_py_rejects_a_tampered_bag_too() {
        // Guards the judge itself: if bagit.py accepted anything, the test above would be empty.
        let (_tmp, bag) = fresh_bag();
        fs::write(bag.join("data/entries/1.json"), b"{\"seq\":9}").unwrap();
        let (ok, _) = bagit_py_validates(&bag);
        assert!(!ok);
    }

    #[test]
    fn manifests_are_sorted_sha256sum_lines_and_signature_is_not_listed() {
        let (_tmp, bag) = fresh_bag();
        let manifest = fs::read_to_string(bag.join("manifest-sha256.txt")).unwrap();
        let lines: Vec<&str> = manifest.lines().collect();
        let paths: Vec<&str> = lines.iter().map(|l| &l[66..]).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(paths.len(), 6);
        assert!(lines.iter().all(|l| l.len() > 66 && &l[64..66] == "  "));
        assert!(!manifest.contains('\r'));
        let tags = fs::read_to_string(bag.join("tagmanifest-sha256.txt")).unwrap();
        let names: Vec<&str> = tags.lines().map(|l| &l[66..]).collect();
        assert_eq!(
            names,
            [
                "VERIFY.txt",
                "allowed_signers",
                "bag-info.txt",
                "bagit.txt",
                "manifest-sha256.txt"
            ]
        );
        // sha256sum -c reads the same lines, from the bag folder.
        if let Ok(out) = Command::new("sha256sum")
            .args([
                "-c",
                "--quiet",
                "manifest-sha256.txt",
                "tagmanifest-sha256.txt",
            ])
            .current_dir(&bag)
            .output()
        {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }

    #[test]
    fn zip_opens_in_python_with_one_folder_fixed_times_and_0644() {
        let (zip, _) = sample_bag();
        let tmp = tempfile::tempdir().unwrap();
        let zpath = tmp.path().join("p.zip");
        fs::write(&zpath, &zip).unwrap();
        let script = r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
tops = set()
for i in z.infolist():
    tops.add(i.filename.split("/")[0])
    mode = i.external_attr >> 16
    want = 0o40755 if i.is_dir() else 0o100644
    assert mode == want, (i.filename, oct(mode))
    assert i.date_time == (2024, 5, 6, 7, 8, 10), (i.filename, i.date_time)
assert tops == {"tally-evidence-2024-05-06-ab12"}, tops
print(len(z.infolist()))
"#;
        let out = Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&zpath)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn same_inputs_give_a_byte_identical_zip() {
        assert_eq!(sample_bag().0, sample_bag().0);
    }

    #[test]
    fn tampered_payload_byte_is_named() {
        let (_tmp, bag) = fresh_bag();
        let p = bag.join("data/attachments/photo.jpg");
        let mut bytes = fs::read(&p).unwrap();
        bytes[2_000_000] ^= 1;
        fs::write(&p, bytes).unwrap();
        assert_named(
            &bag,
            "data/attachments/photo.jpg: its SHA-256 does not match the manifest",
        );
        assert_eq!(problems(&bag).len(), 1);
    }

    #[test]
    fn tampered_manifest_is_named() {
        let (_tmp, bag) = fresh_bag();
        let p = bag.join("manifest-sha256.txt");
        let text = fs::read_to_string(&p).unwrap();
        // Flip one hex digit of the first line's hash.
        let first = if text.starts_with('0') { "1" } else { "0" };
        fs::write(&p, format!("{first}{}", &text[1..])).unwrap();
        assert_named(
            &bag,
            "manifest-sha256.txt: its SHA-256 does not match the tag manifest",
        );
        let first_path = text.lines().next().unwrap()[66..].to_string();
        assert_named(
            &bag,
            &format!("{first_path}: its SHA-256 does not match the manifest"),
        );
    }

    #[test]
    fn tampered_tag_file_is_named() {
        let (_tmp, bag) = fresh_bag();
        fs::write(bag.join("VERIFY.txt"), b"How to check this pack!\n").unwrap();
        assert_eq!(
            problems(&bag),
            ["VERIFY.txt: its SHA-256 does not match the tag manifest"]
        );
    }

    #[test]
    fn added_payload_file_is_named() {
        let (_tmp, bag) = fresh_bag();
        fs::write(bag.join("data/entries/3.json"), b"{}").unwrap();
        assert_named(&bag, "data/entries/3.json: not in the manifest");
        assert!(
            problems(&bag)
                .iter()
                .any(|l| l.starts_with("bag-info.txt: Payload-Oxum says"))
        );
    }

    #[test]
    fn removed_payload_file_is_named() {
        let (_tmp, bag) = fresh_bag();
        fs::remove_file(bag.join("data/entries/1.json")).unwrap();
        assert_named(
            &bag,
            "data/entries/1.json: listed in manifest-sha256.txt but missing",
        );
    }

    #[test]
    fn renamed_payload_file_is_named_at_both_names() {
        let (_tmp, bag) = fresh_bag();
        fs::rename(
            bag.join("data/entries/1.json"),
            bag.join("data/entries/7.json"),
        )
        .unwrap();
        assert_named(
            &bag,
            "data/entries/1.json: listed in manifest-sha256.txt but missing",
        );
        assert_named(&bag, "data/entries/7.json: not in the manifest");
    }

    #[test]
    fn wrong_payload_oxum_is_named() {
        let (_tmp, bag) = fresh_bag();
        let p = bag.join("bag-info.txt");
        let text = fs::read_to_string(&p).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("Payload-Oxum"))
            .unwrap();
        let fake = text.replace(line, "Payload-Oxum: 5.6");
        fs::write(&p, fake).unwrap();
        let p = problems(&bag);
        assert!(
            p.iter().any(|l| l.starts_with(
                "bag-info.txt: Payload-Oxum says 5 bytes in 6 files, but data/ holds"
            )),
            "{p:#?}"
        );
        assert!(
            p.contains(&"bag-info.txt: its SHA-256 does not match the tag manifest".to_string())
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_in_data_is_named_and_never_followed() {
        let (_tmp, bag) = fresh_bag();
        // Replace a listed file by a link to a file outside the bag with the same bytes:
        // a verifier that followed links would call this bag valid.
        let outside = bag.parent().unwrap().join("outside.json");
        fs::write(&outside, br#"{"seq":1}"#).unwrap();
        fs::remove_file(bag.join("data/entries/1.json")).unwrap();
        std::os::unix::fs::symlink(&outside, bag.join("data/entries/1.json")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", bag.join("data/passwd")).unwrap();
        assert_named(
            &bag,
            "data/entries/1.json: is a symbolic link, which a bag must not hold",
        );
        assert_named(
            &bag,
            "data/passwd: is a symbolic link, which a bag must not hold",
        );
        assert!(
            verify_bag(&bag)
                .unwrap()
                .payload_files
                .iter()
                .all(|p| p.0 != "data/entries/1.json")
        );
    }

    #[test]
    fn manifest_line_escaping_the_bag_is_named_by_line() {
        let (_tmp, bag) = fresh_bag();
        let p = bag.join("manifest-sha256.txt");
        let mut text = fs::read_to_string(&p).unwrap();
        text.push_str(&format!("{}  data/../../etc/passwd\n", "ab".repeat(32)));
        text.push_str(&format!("{}  /etc/passwd\n", "ab".repeat(32)));
        text.push_str("nonsense\n");
        fs::write(&p, text).unwrap();
        assert_named(
            &bag,
            "manifest-sha256.txt: line 7: a path with '..', '.' or an empty folder name",
        );
        assert_named(
            &bag,
            "manifest-sha256.txt: line 8: an absolute path or one with '\\', which a bag must not list",
        );
        assert_named(&bag, "manifest-sha256.txt: line 9: not \"<sha256> <file>\"");
    }

    #[test]
    fn unlisted_tag_file_and_wrong_version_are_named() {
        let (_tmp, bag) = fresh_bag();
        fs::write(bag.join("READ-ME-FIRST.txt"), b"planted").unwrap();
        fs::write(
            bag.join("bagit.txt"),
            b"BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n",
        )
        .unwrap();
        assert_named(
            &bag,
            "READ-ME-FIRST.txt: not in the tag manifest, so not covered by the signature",
        );
        assert_named(&bag, "bagit.txt: does not say \"BagIt-Version: 1.0\"");
    }

    #[test]
    fn crlf_and_folded_tag_files_are_read() {
        let mut c = BagCheck::default();
        let f = parse_tag_fields("A: 1\r\nLong: one\r\n  two\r\nB:3\r\n", "x", &mut c);
        assert!(c.problems.is_empty());
        assert_eq!(
            f,
            [
                ("A".into(), "1".into()),
                ("Long".into(), "one  two".into()),
                ("B".into(), "3".into())
            ]
        );
        assert_eq!(percent_decode("a%25b%0Ac%zz"), "a%b\nc%zz");
    }

    #[test]
    fn unsafe_or_ambiguous_payload_paths_are_refused() {
        let mut w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
        for bad in [
            "",
            "/abs",
            "../x",
            "a/../b",
            "a//b",
            "a/",
            "./a",
            "a\\b",
            "a\nb",
            "a\0b",
            "50%.txt",
            "C:x",
            "con.txt",
            "a/LPT1",
            "trailing.",
            " lead",
            "what?",
        ] {
            let r = w.add_payload_bytes(bad, b"x", false);
            assert!(matches!(r, Err(BagError::BadPath { .. })), "{bad:?}: {r:?}");
        }
        w.add_payload_bytes("Entries/1.json", b"x", false).unwrap();
        for dup in ["Entries/1.json", "entries/1.JSON"] {
            let r = w.add_payload_bytes(dup, b"x", false);
            assert!(
                matches!(r, Err(BagError::DuplicatePath { .. })),
                "{dup:?}: {r:?}"
            );
        }
        assert!(matches!(
            w.add_payload_bytes("entries", b"x", false),
            Err(BagError::DuplicatePath { .. })
        ));
        assert!(matches!(
            w.add_payload_bytes("entries/1.json/x", b"x", false),
            Err(BagError::BadPath { .. })
        ));
        // None of the refusals poisoned the writer or got into the bag.
        w.add_payload_bytes("ünïcode name.txt", b"y", true).unwrap();
        let zip = w.finish(&[], |_| Ok(Vec::new())).unwrap().into_inner();
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("z.zip"), zip).unwrap();
        let names = SafeZip::open(&tmp.path().join("z.zip"), ZipLimits::default())
            .unwrap()
            .names();
        assert_eq!(names.iter().filter(|n| n.starts_with("b/data/")).count(), 2);
    }

    #[test]
    fn bad_bag_names_tag_names_and_info_are_refused() {
        for bad in ["", ".", "..", "a/b", "a b", "é"] {
            assert!(matches!(
                BagWriter::new(io::Cursor::new(Vec::new()), bad),
                Err(BagError::BadBagName { .. })
            ));
        }
        let mut w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
        for bad in [
            "bagit.txt",
            "manifest-md5.txt",
            "tagmanifest-sha256.txt",
            SIGNATURE_FILE,
            "data",
            "a/b",
        ] {
            assert!(
                matches!(w.add_tag_file(bad, b""), Err(BagError::BadTagName { .. })),
                "{bad}"
            );
        }
        w.add_tag_file("VERIFY.txt", b"").unwrap();
        assert!(matches!(
            w.add_tag_file("verify.txt", b""),
            Err(BagError::BadTagName { .. })
        ));
        let bad_info = [("Note".to_string(), "two\nlines".to_string())];
        assert!(matches!(
            w.finish(&bad_info, |_| Ok(Vec::new())),
            Err(BagError::BadInfo { .. })
        ));
        let w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
        let wrong_oxum = [("Payload-Oxum".to_string(), "1.1".to_string())];
        assert!(matches!(
            w.finish(&wrong_oxum, |_| Ok(Vec::new())),
            Err(BagError::BadInfo { .. })
        ));
    }

    #[test]
    fn wrong_announced_length_poisons_the_writer() {
        let mut w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
        let r = w.add_payload_sized("a.bin", &b"12345"[..], 4, false);
        assert!(matches!(
            r,
            Err(BagError::SizeMismatch {
                expected: 4,
                actual: 5,
                ..
            })
        ));
        assert!(matches!(
            w.add_payload_bytes("b.bin", b"x", false),
            Err(BagError::Poisoned)
        ));
        assert!(matches!(
            w.finish(&[], |_| Ok(Vec::new())),
            Err(BagError::Poisoned)
        ));
    }

    #[test]
    fn signing_failure_fails_the_export() {
        let w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
        let r = w.finish(&[], |_| {
            Err(BagError::Signing {
                reason: "key locked".into(),
            })
        });
        assert!(matches!(r, Err(BagError::Signing { .. })));
    }

    #[test]
    fn empty_bag_is_valid_for_bagit_py() {
        let w = BagWriter::new(
            io::Cursor::new(Vec::new()),
            "tally-evidence-2024-05-06-ab12",
        )
        .unwrap();
        let zip = w.finish(&[], |_| Ok(Vec::new())).unwrap().into_inner();
        let (_tmp, bag) = unzip(&zip);
        assert!(problems(&bag).is_empty(), "{:?}", problems(&bag));
        let (ok, out) = bagit_py_validates(&bag);
        assert!(ok, "{out}");
    }

    #[test]
    fn zip64_is_used_only_when_needed() {
        assert!(needs_zip64(None));
        assert!(!needs_zip64(Some(0)));
        assert!(!needs_zip64(Some(4_000_000_000)));
        assert!(needs_zip64(Some(ZIP32_LIMIT)));
        assert!(needs_zip64(Some(u64::MAX)));
    }
}
