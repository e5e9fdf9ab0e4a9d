//! Verifying an evidence pack as its recipient would, trusting nothing in it but the
//! mathematics: the sshsig signature over the tag manifest, both manifests, every
//! disclosed entry's leaf hash and place, the RFC 9162 root recomputed from `leaves.txt`
//! against the signed head, consistency with earlier heads (and with a checkpoint the
//! recipient holds), and every attachment a disclosed entry refers to. Every failure is one
//! plain line naming the file or entry. A zip is vetted and unpacked into a temporary
//! folder first; nothing is written anywhere else.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::bagit::{SIGNATURE_FILE, verify_bag};
use super::export::{PACK_NAMESPACE, PRINCIPAL};
use crate::crypto::sshsig::{self, SshPublicKey};
use crate::error::{Error, Result};
use crate::log::{Hash, SignedHead, from_hex, leaf_hash, root};
use crate::model::{AttachmentRef, Body, Entry};
use crate::safe_zip::{SafeZip, ZipLimits};

/// Most leaves a pack may list (bounds memory: 32 bytes each).
const MAX_LEAVES: usize = 10_000_000;
/// Largest single tag or log file read into memory.
const MAX_SMALL_FILE: u64 = 512 << 20;

/// What `verify_pack` found.
#[derive(Debug, Clone, Default)]
pub struct PackVerdict {
    /// The signer's key fingerprint (`SHA256:…`), when the signature could be read.
    pub fingerprint: Option<String>,
    /// First and last incident date disclosed.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Entries whose content the pack discloses.
    pub disclosed: u64,
    /// Entries erased by their owner that the pack shows as erased.
    pub erased: u64,
    /// Entries withheld: only their leaf hashes travel.
    pub withheld: u64,
    /// Attachment files present and matching.
    pub attachments: u64,
    /// The signed tree size.
    pub tree_size: u64,
    /// The signed root, hex.
    pub root: String,
    /// Earlier heads in `checkpoints.json` this head was shown to extend.
    pub earlier_heads: u64,
    /// The checkpoint given by the recipient, when it was shown to be extended: (size, time).
    pub extends_checkpoint: Option<(u64, String)>,
    /// Everything wrong, one plain line each; empty when the pack holds.
    pub problems: Vec<String>,
}

impl PackVerdict {
    /// Whether every check passed.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.fingerprint.is_some()
    }

    fn problem(&mut self, line: impl Into<String>) {
        self.problems.push(line.into());
    }
}

/// Verifies a pack (a `.zip` or an unzipped folder). `checkpoint` is the text of a
/// checkpoint the recipient received earlier. Errors only when the pack cannot be read at
/// all (a refused zip is such an error, with the reason).
pub fn verify_pack(pack: &Path, checkpoint: Option<&str>) -> Result<PackVerdict> {
    let meta = std::fs::symlink_metadata(pack).map_err(|e| Error::file(pack, e))?;
    if meta.is_dir() {
        return Ok(verify_folder(pack, checkpoint));
    }
    let tmp = tempfile::tempdir().map_err(Error::Io)?;
    let mut zip = SafeZip::open(pack, ZipLimits::default())
        .map_err(|e| Error::Corrupt(format!("{}: refused: {e}", pack.display())))?;
    zip.extract_all(tmp.path())
        .map_err(|e| Error::Corrupt(format!("{}: refused: {e}", pack.display())))?;
    let tops: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .map_err(Error::Io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    match tops.as_slice() {
        [one] if one.is_dir() => Ok(verify_folder(one, checkpoint)),
        _ => Err(Error::Corrupt(format!(
            "{}: a pack must hold exactly one folder",
            pack.display()
        ))),
    }
}

fn read_small(dir: &Path, rel: &str, verdict: &mut PackVerdict) -> Option<Vec<u8>> {
    let path = dir.join(rel);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.is_file() && m.len() <= MAX_SMALL_FILE => match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                verdict.problem(format!("{rel}: cannot be read ({e})"));
                None
            }
        },
        Ok(m) if m.is_file() => {
            verdict.problem(format!("{rel}: too large"));
            None
        }
        Ok(_) => {
            verdict.problem(format!("{rel}: is not a regular file"));
            None
        }
        Err(_) => {
            verdict.problem(format!("{rel}: missing"));
            None
        }
    }
}

fn verify_folder(dir: &Path, checkpoint: Option<&str>) -> PackVerdict {
    let mut v = PackVerdict::default();
    let key = check_signature(dir, &mut v);
    let payload = check_bag(dir, &mut v);
    let Some(key) = key else { return v };
    v.fingerprint = Some(key.fingerprint());
    let Some(head) = check_head(dir, &key, &mut v) else {
        return v;
    };
    let Some(leaves) = check_leaves(dir, &head, &mut v) else {
        return v;
    };
    let referenced = check_entries(dir, &leaves, &mut v);
    check_attachments(&referenced, &payload, &mut v);
    check_earlier_heads(dir, &key, &leaves, &mut v);
    if let Some(text) = checkpoint {
        check_checkpoint(text, &key, &leaves, &mut v);
    }
    v
}

/// Step 1: the one signature, by the key in `allowed_signers`.
fn check_signature(dir: &Path, v: &mut PackVerdict) -> Option<SshPublicKey> {
    let signers = read_small(dir, "allowed_signers", v)?;
    let line = String::from_utf8_lossy(&signers);
    let key = line
        .lines()
        .find_map(|l| l.trim().strip_prefix(PRINCIPAL).map(str::trim))
        .and_then(|k| SshPublicKey::parse_openssh(k).ok());
    let Some(key) = key else {
        v.problem(format!(
            "allowed_signers: no {PRINCIPAL} ssh-ed25519 key in it"
        ));
        return None;
    };
    let sig = read_small(dir, SIGNATURE_FILE, v)?;
    let manifest = read_small(dir, "tagmanifest-sha256.txt", v)?;
    match sshsig::verify(&String::from_utf8_lossy(&sig), PACK_NAMESPACE, &manifest) {
        Ok(signer) if signer == key => Some(key),
        Ok(signer) => {
            v.problem(format!(
                "{SIGNATURE_FILE}: signed by {}, not by the key in allowed_signers",
                signer.fingerprint()
            ));
            None
        }
        Err(e) => {
            v.problem(format!(
                "{SIGNATURE_FILE}: the signature over tagmanifest-sha256.txt does not hold ({e})"
            ));
            None
        }
    }
}

/// Step 2: both manifests and the bag's shape; returns payload path → SHA-256 of files
/// that matched.
fn check_bag(dir: &Path, v: &mut PackVerdict) -> BTreeMap<String, [u8; 32]> {
    match verify_bag(dir) {
        Ok(check) => {
            for p in &check.problems {
                v.problem(p.to_string());
            }
            check
                .payload_files
                .into_iter()
                .map(|(path, sha, _)| (path, sha))
                .collect()
        }
        Err(e) => {
            v.problem(format!("the pack is not a readable BagIt bag: {e}"));
            BTreeMap::new()
        }
    }
}

/// Step 3: the signed tree head, by the same key.
fn check_head(dir: &Path, key: &SshPublicKey, v: &mut PackVerdict) -> Option<SignedHead> {
    let bytes = read_small(dir, "data/log/tree-head.json", v)?;
    let sig = read_small(dir, "data/log/tree-head.json.sig", v)?;
    match SignedHead::verify(&bytes, &String::from_utf8_lossy(&sig), Some(key)) {
        Ok(head) => {
            v.tree_size = head.head.size;
            v.root = head.head.root.clone();
            Some(head)
        }
        Err(e) => {
            v.problem(format!("data/log/tree-head.json: {e}"));
            None
        }
    }
}

/// Step 4: the root over `leaves.txt` is the signed root.
fn check_leaves(dir: &Path, head: &SignedHead, v: &mut PackVerdict) -> Option<Vec<Hash>> {
    let text = read_small(dir, "data/log/leaves.txt", v)?;
    let mut leaves = Vec::new();
    for (n, line) in String::from_utf8_lossy(&text).lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if leaves.len() >= MAX_LEAVES {
            v.problem("data/log/leaves.txt: more leaves than a pack may hold");
            return None;
        }
        match from_hex(line.trim()) {
            Ok(h) => leaves.push(h),
            Err(_) => {
                v.problem(format!(
                    "data/log/leaves.txt: line {} is not a SHA-256 in hex",
                    n + 1
                ));
                return None;
            }
        }
    }
    if leaves.len() as u64 != head.head.size {
        v.problem(format!(
            "data/log/leaves.txt: lists {} leaves but the signed tree head is for {} entries (an older or newer head was substituted)",
            leaves.len(),
            head.head.size
        ));
        return None;
    }
    if head.head.root_hash().ok() != Some(root(&leaves)) {
        v.problem("data/log/leaves.txt: the leaves do not hash to the signed root (a leaf was changed, added or removed)");
        return None;
    }
    Some(leaves)
}

/// Step 5: each disclosed entry hashes to its leaf, in its place. Returns the attachments
/// the entries refer to, with the entry naming each.
fn check_entries(dir: &Path, leaves: &[Hash], v: &mut PackVerdict) -> Vec<(u64, AttachmentRef)> {
    let mut referenced = Vec::new();
    let mut erased = BTreeSet::new();
    let mut present = BTreeSet::new();
    let mut dates = Vec::new();
    let entries_dir = dir.join("data/entries");
    let names: Vec<String> = match std::fs::read_dir(&entries_dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => {
            v.problem("data/entries: missing");
            return referenced;
        }
    };
    for name in names {
        let rel = format!("data/entries/{name}");
        let Some(seq) = name
            .strip_suffix(".json")
            .and_then(|s| s.parse::<u64>().ok())
        else {
            v.problem(format!(
                "{rel}: not an entry file name (expected <number>.json)"
            ));
            continue;
        };
        let Some(expected) = seq.checked_sub(1).and_then(|i| leaves.get(i as usize)) else {
            v.problem(format!("{rel}: entry {seq} is outside the signed log"));
            continue;
        };
        let Some(bytes) = read_small(dir, &rel, v) else {
            continue;
        };
        if leaf_hash(&bytes) != *expected {
            v.problem(format!(
                "{rel}: does not hash to leaf {seq}: the entry was altered"
            ));
            continue;
        }
        match Entry::from_bytes(&bytes) {
            Ok(entry) if entry.seq == seq => {
                present.insert(seq);
                match &entry.body {
                    Body::Erasure(e) => {
                        erased.insert(e.target);
                        erased.extend(&e.covers);
                    }
                    Body::Incident(i) => dates.push(i.occurred.start.date_naive()),
                    _ => {}
                }
                for a in entry.body.attachments() {
                    referenced.push((seq, a.clone()));
                }
            }
            Ok(entry) => v.problem(format!("{rel}: says it is entry {}", entry.seq)),
            Err(_) => v.problem(format!("{rel}: not a readable entry")),
        }
    }
    v.disclosed = present.len() as u64;
    v.erased = erased.difference(&present).count() as u64;
    v.withheld = (leaves.len() as u64).saturating_sub(v.disclosed + v.erased);
    v.period = dates
        .iter()
        .min()
        .zip(dates.iter().max())
        .map(|(a, b)| (*a, *b));
    referenced
}

/// Step 6: every attachment a disclosed entry refers to is present and matches its hash.
fn check_attachments(
    referenced: &[(u64, AttachmentRef)],
    payload: &BTreeMap<String, [u8; 32]>,
    v: &mut PackVerdict,
) {
    let mut found = BTreeSet::new();
    for (seq, a) in referenced {
        let path = format!("data/{}", super::export::attachment_path(a));
        match payload.get(&path) {
            Some(sha) if hex::encode(sha) == a.sha256 => {
                found.insert(a.sha256.clone());
            }
            Some(_) => v.problem(format!(
                "{path}: its bytes do not match the SHA-256 entry {seq} recorded"
            )),
            None => v.problem(format!(
                "{path}: missing or altered (entry {seq} refers to it)"
            )),
        }
    }
    v.attachments = found.len() as u64;
}

/// Step 7: earlier heads listed in the pack are prefixes of this log.
fn check_earlier_heads(dir: &Path, key: &SshPublicKey, leaves: &[Hash], v: &mut PackVerdict) {
    let Some(bytes) = read_small(dir, "data/log/checkpoints.json", v) else {
        return;
    };
    let Ok(items) = serde_json::from_slice::<Vec<serde_json::Value>>(&bytes) else {
        v.problem("data/log/checkpoints.json: not a list of signed heads");
        return;
    };
    for (n, item) in items.iter().enumerate() {
        let head = item
            .get("head")
            .and_then(|h| h.as_str())
            .unwrap_or_default();
        let sig = item
            .get("signature")
            .and_then(|h| h.as_str())
            .unwrap_or_default();
        let mut head_bytes = head.as_bytes().to_vec();
        head_bytes.push(b'\n');
        match SignedHead::verify(&head_bytes, sig, Some(key)) {
            Ok(h) => match prefix_matches(&h, leaves) {
                Ok(()) => v.earlier_heads += 1,
                Err(why) => v.problem(format!(
                    "data/log/checkpoints.json: head {} (size {}): {why}",
                    n + 1,
                    h.head.size
                )),
            },
            Err(e) => v.problem(format!("data/log/checkpoints.json: head {}: {e}", n + 1)),
        }
    }
}

/// The recipient's own checkpoint: same key, and its root is the root of this log's prefix.
fn check_checkpoint(text: &str, key: &SshPublicKey, leaves: &[Hash], v: &mut PackVerdict) {
    let head = match SignedHead::from_checkpoint(text, None) {
        Ok(h) => h,
        Err(e) => {
            v.problem(format!("checkpoint: {e}"));
            return;
        }
    };
    if SshPublicKey::parse_openssh(&head.head.key).ok() != Some(*key) {
        v.problem(
            "checkpoint: it was signed by a different key: this pack is not from the same diary",
        );
        return;
    }
    match prefix_matches(&head, leaves) {
        Ok(()) => v.extends_checkpoint = Some((head.head.size, head.head.time.to_rfc3339())),
        Err(why) => v.problem(format!("checkpoint (size {}): {why}", head.head.size)),
    }
}

fn prefix_matches(head: &SignedHead, leaves: &[Hash]) -> std::result::Result<(), &'static str> {
    let size = usize::try_from(head.head.size).map_err(|_| "impossible size")?;
    if size > leaves.len() {
        return Err("it is newer than this pack's head: this pack is older than the checkpoint");
    }
    if head.head.root_hash().ok() != Some(root(&leaves[..size])) {
        return Err(
            "the log does not extend it: entries written before it were changed or removed",
        );
    }
    Ok(())
}
