//! Verifying an evidence pack as its recipient would, trusting nothing in it but the
//! mathematics: the sshsig signature over the tag manifest, both manifests and that every
//! path in the pack is covered by them, every disclosed entry's leaf hash and place, the
//! RFC 9162 root recomputed from `leaves.txt` against the signed head, consistency with
//! earlier heads (and with a checkpoint the recipient holds), every attachment a disclosed
//! entry refers to — and whether anything outside the pack confirms whose key signed it.
//! Every failure is one plain line naming the file or entry.
//!
//! A zip is read in place: each member is hashed while it is inflated, nothing is written
//! to disk, and no member is inflated past what the signed manifests and entries say it
//! holds. Until the signature holds, nothing of the payload is inflated at all.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

use super::bagit::source::{BagSource, FolderSource, ZipSource};
use super::bagit::verifier::BagVerifier;
use super::bagit::{SIGNATURE_FILE, TAG_MANIFEST};
use super::entry_check::{self, EntryFacts};
use super::export::{PACK_NAMESPACE, PRINCIPAL};
use super::key::{KeyConfirmation, KeyFingerprint};
use crate::crypto::sshsig::{self, SshPublicKey};
use crate::error::{Error, Result};
use crate::log::{Hash, SignedHead, from_hex, root};
use crate::model::AttachmentRef;
use crate::safe_zip::{SafeZip, ZipLimits};

/// Most leaves a pack may list (bounds memory: 32 bytes each).
const MAX_LEAVES: usize = 1_000_000;
/// Largest tree head, its signature or the list of earlier heads read into memory.
const MAX_LOG_FILE: u64 = 16 << 20;

/// What the recipient brings to a verification.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// The text of a checkpoint received earlier from the diary's owner.
    pub checkpoint: Option<String>,
    /// The fingerprint of the key the pack should be signed by, learnt by another route.
    pub key: Option<KeyFingerprint>,
}

/// What `verify_pack` found.
#[derive(Debug, Clone, Default)]
pub struct PackVerdict {
    /// The signer's key fingerprint (`SHA256:…`), when the signature could be read.
    pub fingerprint: Option<String>,
    /// What confirms that key, besides the pack itself.
    pub key: KeyConfirmation,
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
    /// Whether every check passed. The key may still be unconfirmed: see [`Self::key`].
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.fingerprint.is_some()
    }

    /// Whether every check passed and something outside the pack confirms the key.
    pub fn is_confirmed(&self) -> bool {
        self.is_ok() && self.key != KeyConfirmation::NotConfirmed
    }

    fn problem(&mut self, line: impl Into<String>) {
        self.problems.push(line.into());
    }
}

/// Verifies a pack (a `.zip`, read in place, or an unzipped folder). Errors only when the
/// pack cannot be read at all (a refused zip is such an error, with the reason).
pub fn verify_pack(pack: &Path, options: &VerifyOptions) -> Result<PackVerdict> {
    let meta = std::fs::symlink_metadata(pack).map_err(|e| Error::file(pack, e))?;
    let refused = |why: String| Error::Corrupt(format!("{}: refused: {why}", pack.display()));
    if meta.is_dir() {
        let mut source = FolderSource::new(pack).map_err(|e| refused(e.to_string()))?;
        return Ok(verify_source(&mut source, options));
    }
    let zip = SafeZip::open_pack(pack, ZipLimits::default()).map_err(|e| refused(e.to_string()))?;
    let mut source = ZipSource::new(zip).map_err(refused)?;
    Ok(verify_source(&mut source, options))
}

fn verify_source(source: &mut dyn BagSource, options: &VerifyOptions) -> PackVerdict {
    let mut v = PackVerdict::default();
    let mut bag = BagVerifier::new(source);
    let key = check_signature(&mut bag, &mut v);
    bag.check_tags();
    let Some(key) = key else {
        // Nothing is signed, so nothing the pack says bounds what its payload would
        // inflate to: report what is missing or unlisted, and read no further.
        merge(&mut v, bag.finish(false));
        v.problem("the payload was not checked, because the pack's signature does not hold");
        return v;
    };
    v.fingerprint = Some(key.fingerprint());
    if let Some(expected) = &options.key {
        if expected.matches(&key) {
            v.key = KeyConfirmation::ExpectedKey;
        } else {
            v.problem(format!(
                "allowed_signers: the pack is signed by {}, not by the key you expected ({expected}): it does not come from that diary, or was re-signed",
                key.fingerprint()
            ));
        }
    }
    if bag.listing().files.contains_key("bag-info.txt") && !bag_info_has_oxum(&mut bag) {
        bag.problem(
            "bag-info.txt",
            "has no Payload-Oxum, which every pack gives",
        );
    }
    let head = check_head(&mut bag, &key, &mut v);
    let leaves = head
        .as_ref()
        .and_then(|h| check_leaves(&mut bag, h, &mut v));
    if let Some(leaves) = &leaves {
        let facts = entry_check::check_entries(&mut bag, leaves);
        record_entries(&facts, leaves, &mut v);
        check_attachments(&mut bag, &facts.attachments, &mut v);
        check_earlier_heads(&mut bag, &key, leaves, &mut v);
        if let Some(text) = &options.checkpoint {
            check_checkpoint(text, &key, leaves, &mut v);
        }
    }
    merge(&mut v, bag.finish(true));
    v
}

fn merge(v: &mut PackVerdict, check: super::BagCheck) {
    for p in check.problems {
        v.problem(p.to_string());
    }
}

fn bag_info_has_oxum(bag: &mut BagVerifier<'_>) -> bool {
    bag.tag("bag-info.txt").is_some_and(|b| {
        String::from_utf8_lossy(b)
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("payload-oxum:"))
    })
}

/// Step 1: the one signature, by the key in `allowed_signers`.
fn check_signature(bag: &mut BagVerifier<'_>, v: &mut PackVerdict) -> Option<SshPublicKey> {
    let signers = bag.tag("allowed_signers")?.to_vec();
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
    let sig = bag.tag(SIGNATURE_FILE)?.to_vec();
    let manifest = bag.tag(TAG_MANIFEST)?;
    match sshsig::verify(&String::from_utf8_lossy(&sig), PACK_NAMESPACE, manifest) {
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
                "{SIGNATURE_FILE}: the signature over {TAG_MANIFEST} does not hold ({e})"
            ));
            None
        }
    }
}

/// A log file's bytes, checked against the manifest; `None` (reported) if missing.
fn log_file(bag: &mut BagVerifier<'_>, path: &str) -> Option<Vec<u8>> {
    if !bag.listing().files.contains_key(path) {
        if !bag.listing().links.contains(path) {
            bag.problem(path, "missing");
        }
        return None;
    }
    if !bag.is_listed(path) {
        return None; // reported as "not in the manifest"
    }
    bag.payload_bytes(path, MAX_LOG_FILE)
}

/// Step 3: the signed tree head, by the same key.
fn check_head(
    bag: &mut BagVerifier<'_>,
    key: &SshPublicKey,
    v: &mut PackVerdict,
) -> Option<SignedHead> {
    let bytes = log_file(bag, "data/log/tree-head.json");
    let sig = log_file(bag, "data/log/tree-head.json.sig");
    let (bytes, sig) = (bytes?, sig?);
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

/// Step 4: the root over `leaves.txt` is the signed root. The file is parsed as it
/// streams, so only the 32-byte leaves are kept.
fn check_leaves(
    bag: &mut BagVerifier<'_>,
    head: &SignedHead,
    v: &mut PackVerdict,
) -> Option<Vec<Hash>> {
    const PATH: &str = "data/log/leaves.txt";
    if !bag.listing().files.contains_key(PATH) {
        v.problem(format!("{PATH}: missing"));
        return None;
    }
    let mut leaves = Vec::new();
    let mut fault: Option<String> = None;
    let mut line = Vec::with_capacity(80);
    let mut number = 0usize;
    let take_line = |line: &[u8], number: usize, leaves: &mut Vec<Hash>| -> Option<String> {
        let text = String::from_utf8_lossy(line);
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if leaves.len() >= MAX_LEAVES {
            return Some(format!(
                "{PATH}: more leaves than a pack may hold ({MAX_LEAVES})"
            ));
        }
        match from_hex(text) {
            Ok(h) => {
                leaves.push(h);
                None
            }
            Err(_) => Some(format!(
                "{PATH}: line {number} is not a SHA-256 in hexadecimal"
            )),
        }
    };
    bag.payload(PATH, &mut |piece| {
        for &b in piece {
            if fault.is_some() {
                return;
            }
            if b == b'\n' {
                number += 1;
                fault = take_line(&line, number, &mut leaves);
                line.clear();
            } else if line.len() < 256 {
                line.push(b);
            }
        }
    })?;
    if fault.is_none() && !line.is_empty() {
        fault = take_line(&line, number + 1, &mut leaves);
    }
    if let Some(f) = fault {
        v.problem(f);
        return None;
    }
    if leaves.len() as u64 != head.head.size {
        v.problem(format!(
            "{PATH}: lists {} leaves but the signed tree head is for {} entries (an older or newer head was substituted)",
            leaves.len(),
            head.head.size
        ));
        return None;
    }
    if head.head.root_hash().ok() != Some(root(&leaves)) {
        v.problem(format!("{PATH}: the leaves do not hash to the signed root (a leaf was changed, added or removed)"));
        return None;
    }
    Some(leaves)
}

/// Step 5's counts: what the entries disclose, withhold and show as erased.
fn record_entries(facts: &EntryFacts, leaves: &[Hash], v: &mut PackVerdict) {
    for p in &facts.problems {
        v.problem(p.clone());
    }
    v.disclosed = facts.present.len() as u64;
    v.erased = facts.erased.difference(&facts.present).count() as u64;
    v.withheld = (leaves.len() as u64).saturating_sub(v.disclosed + v.erased);
    v.period = facts
        .dates
        .iter()
        .min()
        .zip(facts.dates.iter().max())
        .map(|(a, b)| (*a, *b));
}

/// Step 6: every attachment a disclosed entry refers to is present, of the size the entry
/// recorded, and matches its SHA-256. A member of another size is never inflated.
fn check_attachments(
    bag: &mut BagVerifier<'_>,
    referenced: &[(u64, AttachmentRef)],
    v: &mut PackVerdict,
) {
    let mut found = BTreeSet::new();
    for (seq, a) in referenced {
        let path = format!("data/{}", super::export::attachment_path(a));
        if found.contains(&a.sha256) {
            continue;
        }
        let Some(&size) = bag.listing().files.get(&path) else {
            v.problem(format!("{path}: missing (entry {seq} refers to it)"));
            continue;
        };
        if !bag.is_listed(&path) {
            v.problem(format!(
                "{path}: not in the manifest (entry {seq} refers to it)"
            ));
            continue;
        }
        if size != a.size {
            bag.problem(
                path.clone(),
                format!(
                    "holds {size} bytes, but entry {seq} recorded {}: not read",
                    a.size
                ),
            );
            continue;
        }
        match bag.payload(&path, &mut |_| {}) {
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
fn check_earlier_heads(
    bag: &mut BagVerifier<'_>,
    key: &SshPublicKey,
    leaves: &[Hash],
    v: &mut PackVerdict,
) {
    let Some(bytes) = log_file(bag, "data/log/checkpoints.json") else {
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

/// The recipient's own checkpoint: same key, and its root is the root of this log's
/// prefix. A checkpoint that holds confirms the key.
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
        Ok(()) => {
            v.extends_checkpoint = Some((head.head.size, head.head.time.to_rfc3339()));
            if v.key == KeyConfirmation::NotConfirmed {
                v.key = KeyConfirmation::Checkpoint;
            }
        }
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
