//! The bag verifier (RFC 8493 §3): bagit.txt, bag-info.txt, every manifest and tag
//! manifest line, that every path in the bag is covered — a tag file listed in the tag
//! manifest, a payload file listed in the manifest, the signature, or a folder holding one
//! of those — and Payload-Oxum. It reads from a [`BagSource`], so an unzipped folder and a
//! pack's zip are judged by the same code, and it reads each file once: the pack verifier
//! takes the files it needs to look into (entries, the log) through [`BagVerifier::payload`]
//! and leaves the rest to [`BagVerifier::finish`].
//!
//! Every read is bounded: tag files by 1 MiB, the manifest by 16 MiB, each payload file by
//! its listed size, and the payload together by what bag-info.txt's Payload-Oxum gives — a
//! file that would take it past that is reported and never read.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::source::{BagSource, FolderSource, Listing, ReadError};
use super::{BagCheck, BagError, MANIFEST, SIGNATURE_FILE, TAG_MANIFEST, parents};

/// Largest tag file read (bagit.txt, bag-info.txt, the tag manifest, the signature…).
const MAX_TAG_TEXT: u64 = 1 << 20;
/// Largest payload manifest read (about 150,000 lines).
const MAX_MANIFEST: u64 = 16 << 20;
/// Longest manifest line accepted (a path of 1024 bytes plus a hash fits easily).
const MAX_MANIFEST_LINE: usize = 64 * 1024;

/// Verifies an unzipped bag: the whole of [`BagVerifier`] over the folder. `Err` only when
/// `dir` itself is not a folder or cannot be listed; everything else is a problem in the
/// returned check.
pub fn verify_bag(dir: &Path) -> Result<BagCheck, BagError> {
    let mut source = FolderSource::new(dir)?;
    let mut bag = BagVerifier::new(&mut source);
    bag.check_tags();
    Ok(bag.finish(true))
}

/// A tag file read: its bytes and SHA-256, or `None` once reported unreadable.
type TagRead = Option<(Vec<u8>, [u8; 32])>;

/// One verification in progress.
pub(crate) struct BagVerifier<'a> {
    source: &'a mut dyn BagSource,
    check: BagCheck,
    /// Tag files read so far.
    tags: HashMap<String, TagRead>,
    manifest: Option<BTreeMap<String, [u8; 32]>>,
    tag_manifest: Option<BTreeMap<String, [u8; 32]>>,
    /// Payload bytes Payload-Oxum still allows to be read.
    budget: Option<u64>,
    /// Payload files already read (each is read at most once).
    read: BTreeSet<String>,
}

impl<'a> BagVerifier<'a> {
    pub(crate) fn new(source: &'a mut dyn BagSource) -> Self {
        let check = BagCheck {
            problems: source.listing().problems.clone(),
            ..BagCheck::default()
        };
        BagVerifier {
            source,
            check,
            tags: HashMap::new(),
            manifest: None,
            tag_manifest: None,
            budget: None,
            read: BTreeSet::new(),
        }
    }

    pub(crate) fn listing(&self) -> &Listing {
        self.source.listing()
    }

    /// Reports a problem with a file of the bag.
    pub(crate) fn problem(&mut self, file: impl Into<String>, what: impl Into<String>) {
        self.check.problem(file, what);
    }

    /// A tag file's bytes, read once (at most 1 MiB; the payload manifest 16 MiB). `None`
    /// when it is missing, too large or unreadable, which is reported the first time.
    pub(crate) fn tag(&mut self, name: &str) -> Option<&[u8]> {
        if !self.tags.contains_key(name) {
            let read = self.read_tag(name);
            self.tags.insert(name.to_owned(), read);
        }
        self.tags
            .get(name)
            .and_then(|t| t.as_ref())
            .map(|(bytes, _)| bytes.as_slice())
    }

    fn read_tag(&mut self, name: &str) -> TagRead {
        if !self.listing().files.contains_key(name) {
            if !self.listing().links.contains(name) {
                self.check.problem(name, "missing");
            }
            return None;
        }
        let cap = if name == MANIFEST {
            MAX_MANIFEST
        } else {
            MAX_TAG_TEXT
        };
        match self.source.read(name, cap) {
            Ok(read) => Some(read),
            Err(ReadError::TooLarge) if name == MANIFEST => {
                self.check.problem(name, "too large (over 16 MiB)");
                None
            }
            Err(ReadError::TooLarge) => {
                self.check
                    .problem(name, "too large to be a tag file (over 1 MiB)");
                None
            }
            Err(ReadError::Failed(why)) => {
                self.check.problem(name, why);
                None
            }
        }
    }

    /// A tag file as UTF-8 text without a byte-order mark (RFC 8493 §2.1.1).
    fn tag_text(&mut self, name: &str) -> Option<String> {
        let bytes = self.tag(name)?.to_vec();
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.check.problem(
                name,
                "starts with a byte-order mark, which RFC 8493 §2.1.1 forbids",
            );
            return None;
        }
        match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(_) => {
                self.check.problem(name, "is not valid UTF-8");
                None
            }
        }
    }

    /// bagit.txt, bag-info.txt, fetch.txt, the manifests, and that every file outside
    /// `data/` is in the tag manifest with its SHA-256.
    pub(crate) fn check_tags(&mut self) {
        // bagit.txt (§2.1.1): exactly version 1.0 and UTF-8.
        if let Some(text) = self.tag_text("bagit.txt") {
            let fields = parse_tag_fields(&text, "bagit.txt", &mut self.check);
            let version = fields.iter().find(|(l, _)| l == "BagIt-Version");
            let encoding = fields
                .iter()
                .find(|(l, _)| l == "Tag-File-Character-Encoding");
            if version.map(|(_, v)| v.as_str()) != Some("1.0") {
                self.check
                    .problem("bagit.txt", "does not say \"BagIt-Version: 1.0\"");
            }
            if !encoding.is_some_and(|(_, v)| v.eq_ignore_ascii_case("UTF-8")) {
                self.check.problem(
                    "bagit.txt",
                    "does not say \"Tag-File-Character-Encoding: UTF-8\"",
                );
            }
            if fields.len() != 2 {
                self.check
                    .problem("bagit.txt", "must hold exactly two lines (RFC 8493 §2.1.1)");
            }
        }

        // bag-info.txt (§2.2.2) is optional; when present it must parse.
        if self.listing().files.contains_key("bag-info.txt")
            && let Some(text) = self.tag_text("bag-info.txt")
        {
            self.check.info = parse_tag_fields(&text, "bag-info.txt", &mut self.check);
            let oxums: Vec<&String> = self
                .check
                .info
                .iter()
                .filter(|(l, _)| l.eq_ignore_ascii_case("Payload-Oxum"))
                .map(|(_, v)| v)
                .collect();
            if let [one] = oxums.as_slice() {
                self.budget = parse_oxum(one).map(|(octets, _)| octets);
            }
        }

        let top: Vec<String> = self
            .listing()
            .files
            .keys()
            .filter(|n| !n.contains('/'))
            .cloned()
            .collect();
        if top.iter().any(|n| n == "fetch.txt") {
            self.check.problem(
                "fetch.txt",
                "the bag expects files to be downloaded from elsewhere; an evidence pack must be complete",
            );
        }
        for name in &top {
            let is_manifest = name.starts_with("manifest-") || name.starts_with("tagmanifest-");
            if is_manifest && name.ends_with(".txt") && name != MANIFEST && name != TAG_MANIFEST {
                self.check.problem(
                    name.clone(),
                    "a manifest for an algorithm other than SHA-256, which is not checked",
                );
            }
        }
        let has_data = self.listing().folders.contains("data")
            || self.listing().files.keys().any(|p| p.starts_with("data/"));
        if !has_data && !self.listing().links.contains("data") {
            self.check.problem("data", "the payload folder is missing");
        }

        // Payload manifest (§2.1.3).
        if let Some(bytes) = self.tag(MANIFEST).map(<[u8]>::to_vec) {
            self.manifest = Some(parse_manifest(&bytes, MANIFEST, true, &mut self.check));
        }

        // Tag manifest (§2.2.1): every line right; every tag file other than the tag
        // manifest and the signature listed, since only listed files are covered by the
        // signature.
        let Some(bytes) = self.tag(TAG_MANIFEST).map(<[u8]>::to_vec) else {
            return;
        };
        let listed = parse_manifest(&bytes, TAG_MANIFEST, false, &mut self.check);
        for (path, expected) in &listed {
            if self.listing().links.contains(path) {
                continue; // reported as a link by the listing
            }
            if !self.listing().files.contains_key(path) {
                self.check.problem(
                    path.clone(),
                    format!("listed in {TAG_MANIFEST} but missing"),
                );
                continue;
            }
            if self.tag(path).is_none() {
                continue;
            }
            let sha = self.tags.get(path).and_then(|t| t.as_ref()).map(|t| t.1);
            if sha.as_ref() != Some(expected) {
                self.check
                    .problem(path.clone(), "its SHA-256 does not match the tag manifest");
            }
        }
        let unlisted: Vec<String> = self
            .listing()
            .files
            .keys()
            .filter(|p| !p.starts_with("data/"))
            .filter(|p| *p != TAG_MANIFEST && *p != SIGNATURE_FILE && !listed.contains_key(*p))
            .cloned()
            .collect();
        for path in unlisted {
            self.check.problem(
                path,
                "not in the tag manifest, so not covered by the signature",
            );
        }
        self.tag_manifest = Some(listed);
    }

    /// Whether the manifest lists `path` (`data/…`).
    pub(crate) fn is_listed(&self, path: &str) -> bool {
        self.manifest.as_ref().is_some_and(|m| m.contains_key(path))
    }

    /// Reads payload file `path` (`data/…`) once, showing its bytes to `sink`, and checks
    /// it against the manifest; returns its SHA-256 when it matches. An unlisted file is
    /// not read (and is reported by [`finish`](Self::finish)); a listed one that would take
    /// the payload past its Payload-Oxum is reported and not read.
    pub(crate) fn payload(&mut self, path: &str, sink: &mut dyn FnMut(&[u8])) -> Option<[u8; 32]> {
        if !self.read.insert(path.to_owned()) {
            return None;
        }
        let expected = *self.manifest.as_ref()?.get(path)?;
        if self.listing().links.contains(path) {
            return None;
        }
        let Some(&size) = self.listing().files.get(path) else {
            self.check
                .problem(path, format!("listed in {MANIFEST} but missing"));
            return None;
        };
        if let Some(left) = self.budget
            && size > left
        {
            self.check.problem(
                path,
                "not read: with it the payload would hold more bytes than bag-info.txt's Payload-Oxum gives",
            );
            return None;
        }
        match self.source.stream(path, size, sink) {
            Ok((sha, n)) => {
                self.budget = self.budget.map(|b| b.saturating_sub(n));
                if sha == expected {
                    self.check.payload_files.push((path.to_owned(), sha, n));
                    Some(sha)
                } else {
                    self.check
                        .problem(path, "its SHA-256 does not match the manifest");
                    None
                }
            }
            Err(ReadError::TooLarge) => {
                self.check.problem(path, "grew while it was being read");
                None
            }
            Err(ReadError::Failed(why)) => {
                self.check.problem(path, why);
                None
            }
        }
    }

    /// A payload file's bytes (at most `cap`), checked against the manifest as
    /// [`payload`](Self::payload) does.
    pub(crate) fn payload_bytes(&mut self, path: &str, cap: u64) -> Option<Vec<u8>> {
        if self.listing().files.get(path).is_some_and(|&n| n > cap) && self.is_listed(path) {
            self.read.insert(path.to_owned());
            self.check
                .problem(path, format!("too large to check (over {} MiB)", cap >> 20));
            return None;
        }
        let mut bytes = Vec::new();
        self.payload(path, &mut |piece| bytes.extend_from_slice(piece))?;
        Some(bytes)
    }

    /// Completes the check: reads every listed payload file not read yet (unless
    /// `read_rest` is false: then nothing more is inflated), reports payload files the
    /// manifest does not list and folders no manifest covers, and checks Payload-Oxum.
    pub(crate) fn finish(mut self, read_rest: bool) -> BagCheck {
        if let Some(manifest) = self.manifest.clone() {
            for path in manifest.keys() {
                if read_rest {
                    self.payload(path, &mut |_| {});
                } else if !self.listing().files.contains_key(path)
                    && !self.listing().links.contains(path)
                {
                    self.check
                        .problem(path.clone(), format!("listed in {MANIFEST} but missing"));
                }
            }
            let unlisted: Vec<String> = self
                .listing()
                .files
                .keys()
                .filter(|p| p.starts_with("data/") && !manifest.contains_key(*p))
                .cloned()
                .collect();
            for path in unlisted {
                self.check.problem(path, "not in the manifest");
            }
        }
        self.check_folders();
        self.check_oxum();
        self.check.payload_files.sort_by(|a, b| a.0.cmp(&b.0));
        self.check
    }

    /// Every folder must hold something a manifest lists (`data/` may be empty).
    fn check_folders(&mut self) {
        let mut covered: BTreeSet<&str> = BTreeSet::new();
        covered.insert("data");
        let listed = self
            .manifest
            .iter()
            .flat_map(|m| m.keys())
            .chain(self.tag_manifest.iter().flat_map(|m| m.keys()));
        for path in listed {
            for parent in parents(path) {
                if !covered.insert(parent) {
                    break;
                }
            }
        }
        let bare: Vec<String> = self
            .source
            .listing()
            .folders
            .iter()
            .filter(|f| !covered.contains(f.as_str()))
            .cloned()
            .collect();
        for folder in bare {
            self.check.problem(
                format!("{folder}/"),
                "a folder that holds nothing a manifest lists (an evidence pack has no empty or unlisted folders)",
            );
        }
    }

    /// Payload-Oxum (§2.2.2): octets and file count of data/ as listed.
    fn check_oxum(&mut self) {
        let oxums: Vec<String> = self
            .check
            .info
            .iter()
            .filter(|(l, _)| l.eq_ignore_ascii_case("Payload-Oxum"))
            .map(|(_, v)| v.clone())
            .collect();
        if oxums.len() > 1 {
            self.check
                .problem("bag-info.txt", "Payload-Oxum is given more than once");
        }
        let Some(oxum) = oxums.first() else { return };
        let (octets, count) = self
            .listing()
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("data/"))
            .fold((0u64, 0u64), |(o, c), (_, n)| (o.saturating_add(*n), c + 1));
        match parse_oxum(oxum) {
            None => {
                let msg = "Payload-Oxum is not \"<bytes>.<files>\"";
                self.check.problem("bag-info.txt", msg);
            }
            Some((o, c)) if (o, c) != (octets, count) => {
                let msg = format!(
                    "Payload-Oxum says {o} bytes in {c} files, but data/ holds {octets} bytes in {count} files"
                );
                self.check.problem("bag-info.txt", msg);
            }
            Some(_) => {}
        }
    }
}

/// `<octets>.<files>` (RFC 8493 §2.2.2).
fn parse_oxum(text: &str) -> Option<(u64, u64)> {
    text.split_once('.')
        .and_then(|(a, b)| Some((a.parse::<u64>().ok()?, b.parse::<u64>().ok()?)))
}

/// Parses a manifest (`payload`: every path under `data/`; otherwise none may be) into
/// path → expected SHA-256, reporting malformed, unsafe and repeated lines by number.
fn parse_manifest(
    bytes: &[u8],
    name: &str,
    payload: bool,
    check: &mut BagCheck,
) -> BTreeMap<String, [u8; 32]> {
    let mut listed = BTreeMap::new();
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let no = i + 1;
        if line.len() > MAX_MANIFEST_LINE {
            check.problem(name, format!("line {no}: too long; the rest is not read"));
            break;
        }
        let Ok(text) = std::str::from_utf8(line) else {
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
    listed
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
pub(super) fn parse_tag_fields(
    text: &str,
    file: &str,
    check: &mut BagCheck,
) -> Vec<(String, String)> {
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

/// RFC 8493 §2.1.3: in manifests, CR, LF and '%' are written %0D, %0A and %25.
pub(super) fn percent_decode(s: &str) -> String {
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
