//! The full integrity check: decrypt everything, recompute every leaf and every root,
//! verify every tree head's signature and that each is consistent with the log, and read
//! every attachment back through its hash. Each problem names the entry, head or blob.

use std::collections::{HashMap, HashSet};

use super::Diary;
use super::attach::short_id;
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
}

impl Diary {
    /// Checks everything; never stops at the first problem and never panics on a damaged
    /// file. Errors only when the file itself cannot be read.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let mut frontier = Frontier::new();
        let mut roots_by_size: HashMap<u64, [u8; 32]> = HashMap::new();
        let mut erased_rows = Vec::new();
        let mut erased_by_entries: HashSet<u64> = HashSet::new();
        let mut referenced: Vec<(u64, String)> = Vec::new();
        let mut expected = 1u64;

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
                        erased_by_entries.insert(e.target);
                        erased_by_entries.extend(&e.covers);
                    }
                    for a in entry.body.attachments() {
                        referenced.push((row.seq, a.sha256.clone()));
                    }
                }
            }
            Ok(())
        })?;
        let size = frontier.size();
        report.root = to_hex(&frontier.root());

        for seq in erased_rows {
            if erased_by_entries.contains(&seq) {
                report.erased += 1;
            } else {
                report.problem(
                    Subject::Entry(seq),
                    "its content is missing, and no erasure entry records its removal",
                );
            }
        }
        // An erased attachment's blob is deleted with it; erased entries refer to nothing.
        referenced.retain(|(seq, _)| !erased_by_entries.contains(seq));

        self.check_heads(size, &roots_by_size, &mut report)?;
        self.check_blobs(&referenced, &mut report)?;
        Ok(report)
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

    fn check_blobs(&self, referenced: &[(u64, String)], report: &mut CheckReport) -> Result<()> {
        let mut stored: HashSet<String> = HashSet::new();
        for row in self.store.blobs()? {
            let subject = Subject::Blob(short_id(&row.id));
            let meta = match self.open_blob_meta(&row.id, &row.sealed_meta) {
                Ok(meta) => meta,
                Err(_) => {
                    report.problem(subject, "its metadata cannot be decrypted or read");
                    continue;
                }
            };
            let indexes = self.store.chunk_indexes(&row.id)?;
            if indexes.len() as u64 != meta.chunks
                || indexes.iter().enumerate().any(|(i, &idx)| i as u64 != idx)
            {
                report.problem(
                    subject,
                    format!(
                        "attachment {} has {} of its {} chunks: it was truncated or altered",
                        meta.sha256,
                        indexes.len(),
                        meta.chunks
                    ),
                );
                continue;
            }
            match self.stream_blob(&row.id, &meta, &mut |_| Ok(())) {
                // A thumbnail is checked like any blob but is not an attachment.
                Ok(_) if meta.thumbnail_of.is_some() => {}
                Ok(_) => {
                    report.blobs += 1;
                    stored.insert(meta.sha256);
                }
                Err(e) => report.problem(subject, e.to_string()),
            }
        }
        for (entry, sha) in referenced {
            if !stored.contains(sha) {
                report.problem(
                    Subject::Attachment {
                        entry: *entry,
                        sha256: sha.clone(),
                    },
                    "missing or unreadable",
                );
            }
        }
        Ok(())
    }
}
