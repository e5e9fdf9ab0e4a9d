//! The full integrity check: decrypt everything, recompute every leaf and every root,
//! verify every tree head's signature and that each is consistent with the log, and read
//! every attachment back through its hash. Each problem names the entry, head or blob.
//!
//! Beyond what each row says about itself, `check` compares what rows say about each
//! other: the header's public key against the sealed signing key; every blob's lookup
//! against its sealed SHA-256; every blob's claiming entry against the log (a blob claimed
//! by an entry the diary no longer holds means entries were removed); every erased entry
//! against its row (content put back after an erasure is named); and the log against the
//! head this device remembers (a rolled-back copy fails, with the number missing).

use std::collections::{HashMap, HashSet};

use super::Diary;
use super::attach::{short_id, thumbnail_key};
use crate::crypto::{aead, keys};
use crate::error::Result;
use crate::log::{Frontier, SignedHead, leaf_hash, to_hex};
use crate::model::{Body, Entry};

/// What a problem is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// The header (keys, parameters).
    Header,
    /// Entry `n`.
    Entry(u64),
    /// The tree head for `n` entries.
    Head(u64),
    /// A stored blob (first bytes of its id, hex).
    Blob(String),
    /// The log as a whole (its length against what this device saw, rows of no diary).
    Log,
    /// An attachment an entry refers to.
    Attachment {
        /// The entry referring to it.
        entry: u64,
        /// Its SHA-256.
        sha256: String,
    },
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Header => write!(f, "header"),
            Subject::Log => write!(f, "log"),
            Subject::Entry(n) => write!(f, "entry {n}"),
            Subject::Head(n) => write!(f, "tree head {n}"),
            Subject::Blob(id) => write!(f, "blob {id}"),
            Subject::Attachment { entry, sha256 } => {
                write!(f, "entry {entry}, attachment {sha256}")
            }
        }
    }
}

/// One thing found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What it is about.
    pub subject: Subject,
    /// What is wrong, in plain words.
    pub what: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.subject, self.what)
    }
}

/// The outcome of [`Diary::check`].
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Entries examined.
    pub entries: u64,
    /// Entries whose content was erased (by an erasure entry).
    pub erased: u64,
    /// Tree heads verified.
    pub heads: u64,
    /// Attachments read back.
    pub blobs: u64,
    /// The root of the whole log, hex.
    pub root: String,
    /// Everything wrong; empty when the diary is sound.
    pub problems: Vec<Problem>,
    /// Things worth knowing that are not damage (an attachment whose entry was never
    /// saved).
    pub notes: Vec<Problem>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, subject: Subject, what: impl Into<String>) {
        self.problems.push(Problem {
            subject,
            what: what.into(),
        });
    }

    fn note(&mut self, subject: Subject, what: impl Into<String>) {
        self.notes.push(Problem {
            subject,
            what: what.into(),
        });
    }
}

/// An entry that refers to an attachment, and the attachment.
struct Reference {
    entry: u64,
    sha256: String,
}

impl Diary {
    /// Checks everything; never stops at the first problem and never panics on a damaged
    /// file. Errors only when the file itself cannot be read.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let mut frontier = Frontier::new();
        let mut roots_by_size: HashMap<u64, [u8; 32]> = HashMap::new();
        let mut erased_rows = Vec::new();
        let mut erased_by_entries: HashMap<u64, u64> = HashMap::new();
        let mut held: Vec<u64> = Vec::new();
        let mut referenced: Vec<Reference> = Vec::new();
        let mut expected = 1u64;

        self.check_header(&mut report);

        self.store.for_each_entry(|row| {
            report.entries += 1;
            if row.seq > expected.saturating_add(1000) || row.seq == 0 {
                // A wild number (tampered) is one problem, not a billion missing entries.
                report.problem(
                    Subject::Entry(row.seq),
                    format!("its entry number is out of sequence (expected {expected})"),
                );
            } else {
                while expected < row.seq {
                    report.problem(Subject::Entry(expected), "missing: its row was deleted");
                    expected += 1;
                }
            }
            expected = row.seq.saturating_add(1);
            let leaf: Option<[u8; 32]> = row.leaf.as_slice().try_into().ok();
            match leaf {
                Some(l) => frontier.push(l),
                None => report.problem(Subject::Entry(row.seq), "its leaf hash is malformed"),
            }
            roots_by_size.insert(row.seq, frontier.root());
            let Some(sealed) = row.sealed else {
                erased_rows.push(row.seq);
                return Ok::<(), crate::Error>(());
            };
            // An erasure may come later in the log; rows with content are judged after.
            held.push(row.seq);
            let Ok(bytes) = aead::open(&self.keys.entries, &keys::aad_entry(row.seq), &sealed)
            else {
                report.problem(
                    Subject::Entry(row.seq),
                    "cannot be decrypted: its ciphertext was altered, or it was moved from another position",
                );
                return Ok(());
            };
            if leaf != Some(leaf_hash(&bytes)) {
                report.problem(Subject::Entry(row.seq), "its content does not match its leaf hash");
            }
            match Entry::from_bytes(&bytes) {
                Err(_) => report.problem(Subject::Entry(row.seq), "its content is not a readable entry"),
                Ok(entry) => {
                    if entry.seq != row.seq {
                        report.problem(
                            Subject::Entry(row.seq),
                            format!("it says it is entry {}", entry.seq),
                        );
                    }
                    if let Body::Erasure(e) = &entry.body {
                        erased_by_entries.insert(e.target, row.seq);
                        for &c in &e.covers {
                            erased_by_entries.insert(c, row.seq);
                        }
                    }
                    for a in entry.body.attachments() {
                        referenced.push(Reference {
                            entry: row.seq,
                            sha256: a.sha256.clone(),
                        });
                    }
                }
            }
            Ok(())
        })?;
        let size = frontier.size();
        report.root = to_hex(&frontier.root());

        for seq in erased_rows {
            if erased_by_entries.contains_key(&seq) {
                report.erased += 1;
            } else {
                report.problem(
                    Subject::Entry(seq),
                    "its content is missing, and no erasure entry records its removal",
                );
            }
        }
        for seq in &held {
            if let Some(by) = erased_by_entries.get(seq) {
                report.problem(
                    Subject::Entry(*seq),
                    format!(
                        "it was erased by entry {by}, but its row holds content again (the content is not shown)"
                    ),
                );
            }
        }
        // An erased attachment's blob is deleted with it; erased entries refer to nothing.
        referenced.retain(|r| !erased_by_entries.contains_key(&r.entry));

        if let Some(rollback) = &self.rollback {
            report.problem(Subject::Log, rollback.to_string());
        }
        let stray = self.store.rows_outside_spaces()?;
        if stray > 0 {
            report.problem(
                Subject::Log,
                format!("{stray} rows belong to no key slot: the file was altered"),
            );
        }
        self.check_heads(size, &roots_by_size, &mut report)?;
        self.check_blobs(size, &referenced, &erased_by_entries, &mut report)?;
        Ok(report)
    }

    /// The public key in the header must be the one the sealed signing seed makes.
    fn check_header(&self, report: &mut CheckReport) {
        if self.slot.public_key.as_slice() != self.public_key.0.as_slice() {
            report.problem(
                Subject::Header,
                format!(
                    "its public key is not the diary's signing key ({}): the header was altered",
                    self.fingerprint()
                ),
            );
        }
    }

    fn check_heads(
        &self,
        size: u64,
        roots_by_size: &HashMap<u64, [u8; 32]>,
        report: &mut CheckReport,
    ) -> Result<()> {
        let heads = self.store.heads()?;
        let present: HashSet<u64> = heads.iter().map(|(s, _)| *s).collect();
        for s in 1..=size {
            if !present.contains(&s) {
                report.problem(
                    Subject::Head(s),
                    "missing: the signed head for this size was deleted",
                );
            }
        }
        for (head_size, sealed) in heads {
            report.heads += 1;
            let subject = Subject::Head(head_size);
            let Ok(plain) = aead::open(&self.keys.heads, &keys::aad_head(head_size), &sealed)
            else {
                report.problem(
                    subject,
                    "cannot be decrypted: it was altered, or moved from another position",
                );
                continue;
            };
            let signed = match SignedHead::from_stored(&plain, Some(&self.public_key)) {
                Ok(s) => s,
                Err(e) => {
                    report.problem(subject, format!("its signature does not hold: {e}"));
                    continue;
                }
            };
            if signed.head.size != head_size {
                report.problem(
                    subject,
                    format!("it says it covers {} entries", signed.head.size),
                );
                continue;
            }
            match roots_by_size.get(&head_size) {
                None => report.problem(subject, "it covers entries the diary does not have"),
                Some(root) if signed.head.root_hash().ok() != Some(*root) => report.problem(
                    subject,
                    "the entries do not hash to its signed root: the log was changed after it was signed",
                ),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn check_blobs(
        &self,
        size: u64,
        referenced: &[Reference],
        erased: &HashMap<u64, u64>,
        report: &mut CheckReport,
    ) -> Result<()> {
        let mut stored: HashSet<String> = HashSet::new();
        let referring: HashSet<(u64, &str)> = referenced
            .iter()
            .map(|r| (r.entry, r.sha256.as_str()))
            .collect();
        let wanted: HashSet<&str> = referenced.iter().map(|r| r.sha256.as_str()).collect();
        for row in self.store.blobs()? {
            let subject = Subject::Blob(short_id(&row.id));
            let meta = match self.open_blob_meta(&row.id, &row.sealed_meta) {
                Ok(meta) => meta,
                Err(_) => {
                    report.problem(subject, "its metadata cannot be decrypted or read");
                    continue;
                }
            };
            // A thumbnail is found, claimed and erased through the image it shows: its
            // lookup and its claim are checked against that image.
            let (shows, what) = match &meta.thumbnail_of {
                Some(image) => (image.as_str(), "the thumbnail of attachment"),
                None => (meta.sha256.as_str(), "attachment"),
            };
            let lookup_holds = <[u8; 32]>::try_from(
                hex::decode(shows).unwrap_or_default().as_slice(),
            )
            .is_ok_and(|sha| {
                let key = match meta.thumbnail_of {
                    Some(_) => thumbnail_key(shows),
                    None => sha,
                };
                self.keys.blob_lookup(&key).as_slice() == row.lookup.as_slice()
            });
            if !lookup_holds {
                report.problem(
                    subject.clone(),
                    format!(
                        "its lookup does not belong to {what} {shows}: the blob rows were swapped or altered"
                    ),
                );
            }
            match meta.claimed_by {
                Some(n) if n > size => report.problem(
                    subject.clone(),
                    format!(
                        "{what} {shows} was saved with entry {n}, but the diary holds {size} entries: entries were removed"
                    ),
                ),
                Some(n) if erased.contains_key(&n) => report.problem(
                    subject.clone(),
                    format!(
                        "{what} {shows} belongs to entry {n}, which was erased, yet it is stored again"
                    ),
                ),
                Some(n) if !referring.contains(&(n, shows)) => report.problem(
                    subject.clone(),
                    format!("{what} {shows} was saved with entry {n}, which does not refer to it"),
                ),
                None if !wanted.contains(shows) => report.note(
                    subject.clone(),
                    format!(
                        "no entry refers to {what} {shows} ({} bytes): its entry was never saved",
                        meta.size
                    ),
                ),
                _ => {}
            }
            let chunks = self.store.chunk_refs(&row.id)?;
            if chunks.len() as u64 != meta.chunks
                || chunks.iter().enumerate().any(|(i, c)| i as u64 != c.idx)
            {
                report.problem(
                    subject,
                    format!(
                        "attachment {} has {} of its {} chunks: it was truncated or altered",
                        meta.sha256,
                        chunks.len(),
                        meta.chunks
                    ),
                );
                continue;
            }
            match self.stream_blob(&row.id, &meta, &mut |_| Ok(())) {
                // A thumbnail is checked like any blob but is not an attachment.
                Ok(_) if meta.thumbnail_of.is_some() => {}
                Ok(_) if lookup_holds => {
                    report.blobs += 1;
                    stored.insert(meta.sha256);
                }
                Ok(_) => report.blobs += 1,
                Err(e) => report.problem(subject, e.to_string()),
            }
        }
        let stray = self.store.chunks_without_blob()?;
        if stray > 0 {
            report.problem(
                Subject::Log,
                format!(
                    "{stray} attachment chunks belong to no attachment: its record was deleted"
                ),
            );
        }
        for r in referenced {
            if !stored.contains(&r.sha256) {
                report.problem(
                    Subject::Attachment {
                        entry: r.entry,
                        sha256: r.sha256.clone(),
                    },
                    "missing or unreadable",
                );
            }
        }
        Ok(())
    }
}
