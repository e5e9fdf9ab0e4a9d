//! The bag writer: one BagIt bag streamed into a zip, payloads hashed on their way in (or,
//! for attachments the diary has already authenticated chunk by chunk, carried with the
//! SHA-256 the entry recorded), manifests and the signed tag manifest written last.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{self, BufWriter, Read, Seek, Write};

use ring::digest;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{BagError, MANIFEST, SIGNATURE_FILE, TAG_MANIFEST, parents, sha256};

/// Streaming buffer: large enough that hashing and writing run at memory speed.
const BUF_SIZE: usize = 1 << 20;
/// Above this, a zip member needs Zip64 (APPNOTE 4.3.9.2: sizes are 32-bit fields).
pub(super) const ZIP32_LIMIT: u64 = 0xFFFF_FFFF;
/// Longest payload path (bytes) we write; deep enough for any pack, short enough for Windows.
const MAX_PATH_BYTES: usize = 1024;

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

    /// Adds `data/<path>` stored as it is, from `chunks` (pulled until `None`), listing it in
    /// the manifest under `sha256` without hashing it again. For attachments only: the
    /// caller vouches that the bytes are the ones `sha256` was taken of (the diary has
    /// authenticated every chunk, in order, of the blob whose sealed record gives this
    /// SHA-256 and `len`). Anyone checking the pack still hashes every byte. A chunk count
    /// that does not add up to `len` poisons the writer.
    pub fn add_payload_prehashed(
        &mut self,
        path: &str,
        sha256: [u8; 32],
        len: u64,
        mut chunks: impl FnMut() -> Option<io::Result<Vec<u8>>>,
        mut done_with: impl FnMut(Vec<u8>),
    ) -> Result<(), BagError> {
        self.check_usable()?;
        let key = self.claim_payload_path(path)?;
        self.guarded(|w| {
            w.add_parent_dirs(&key)?;
            let opts = w.file_options(false, Some(len));
            w.zip.start_file(format!("{}{key}", w.root), opts)?;
            let mut total: u64 = 0;
            while let Some(chunk) = chunks() {
                let chunk = chunk?;
                w.zip.write_all(&chunk)?;
                total += chunk.len() as u64;
                done_with(chunk);
            }
            if total != len {
                return Err(BagError::SizeMismatch {
                    path: path.to_owned(),
                    expected: len,
                    actual: total,
                });
            }
            Ok(())
        })?;
        self.record_payload(key, sha256, len);
        Ok(())
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
        self.write_tag(MANIFEST, manifest.as_bytes(), true)?;

        // RFC 8493 §2.2.1: the tag manifest lists every tag file except tag manifests; the
        // signature is not listed either, since it is made over the tag manifest.
        let mut tagmanifest = String::new();
        for (name, hash) in &self.tags {
            tagmanifest.push_str(&hex::encode(hash));
            tagmanifest.push_str("  ");
            tagmanifest.push_str(name);
            tagmanifest.push('\n');
        }
        self.write_tag(TAG_MANIFEST, tagmanifest.as_bytes(), false)?;
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
pub(super) fn needs_zip64(declared: Option<u64>) -> bool {
    declared.is_none_or(|n| n.saturating_add(n / 256 + 4096) > ZIP32_LIMIT)
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
            _ => {}
        }
    }
    for comp in path.split('/') {
        match comp {
            "" => return Err("it has an empty folder name ('//' or a trailing '/')"),
            "." | ".." => return Err("it contains '.' or '..'"),
            _ => {}
        }
        if comp.starts_with(char::is_whitespace) {
            return Err("a name starts with a space");
        }
        // The same rules the pack reader applies: what Windows cannot create as written.
        if let Some(reason) = crate::safe_zip::windows_trouble(comp) {
            return Err(reason);
        }
    }
    Ok(())
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
