//! The disclosed entries of a pack being verified: each `data/entries/N.json` must hash
//! (RFC 9162 leaf hashing) to leaf N of the signed log, and say that it is entry N. From
//! each, only what the verdict needs is read — the erasures it records, an incident's
//! date, the attachments it refers to — through an outline that skips everything else,
//! so that even a very large message log is checked in a fixed amount of memory.

use std::collections::BTreeSet;
use std::io::Read;
use std::sync::mpsc::{Receiver, sync_channel};

use chrono::{DateTime, FixedOffset, NaiveDate};
use ring::digest::{Context, SHA256};
use serde::Deserialize;

use super::bagit::verifier::BagVerifier;
use crate::log::{Hash, leaf_hash};
use crate::model::{AttachmentRef, ENTRY_FORMAT_VERSION, EntryKind};

/// Entries up to this size are held in memory while checked; larger ones stream.
const IN_MEMORY: u64 = 16 << 20;

/// What the entries of a pack showed.
#[derive(Debug, Default)]
pub(super) struct EntryFacts {
    /// Entries present and matching their leaves.
    pub present: BTreeSet<u64>,
    /// Entries the present erasure records say were erased.
    pub erased: BTreeSet<u64>,
    /// Start dates of the incidents present.
    pub dates: Vec<NaiveDate>,
    /// Attachments the present entries refer to, with the entry naming each.
    pub attachments: Vec<(u64, AttachmentRef)>,
    /// What was wrong, one line each.
    pub problems: Vec<String>,
}

/// The parts of an entry the verifier reads; everything else is skipped unparsed.
#[derive(Deserialize)]
struct EntryOutline {
    v: u32,
    seq: u64,
    kind: EntryKind,
    #[serde(default)]
    body: BodyOutline,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BodyOutline {
    occurred: Option<OccurredOutline>,
    attachments: Vec<AttachmentRef>,
    original: Option<AttachmentRef>,
    target: Option<u64>,
    covers: Vec<u64>,
    replacement: Option<Box<BodyOutline>>,
}

#[derive(Deserialize)]
struct OccurredOutline {
    start: DateTime<FixedOffset>,
}

impl BodyOutline {
    fn attachments(&self, out: &mut Vec<AttachmentRef>) {
        out.extend(self.original.iter().cloned());
        out.extend(self.attachments.iter().cloned());
        if let Some(r) = &self.replacement {
            r.attachments(out);
        }
    }
}

/// Checks every listed `data/entries/*.json` against `leaves`.
pub(super) fn check_entries(bag: &mut BagVerifier<'_>, leaves: &[Hash]) -> EntryFacts {
    let mut facts = EntryFacts::default();
    let paths: Vec<(String, u64)> = bag
        .listing()
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("data/entries/"))
        .map(|(p, n)| (p.clone(), *n))
        .collect();
    for (rel, size) in paths {
        let name = rel.trim_start_matches("data/entries/");
        let Some(seq) = name
            .strip_suffix(".json")
            .and_then(|s| s.parse::<u64>().ok())
        else {
            facts.problems.push(format!(
                "{rel}: not an entry file name (expected <number>.json)"
            ));
            continue;
        };
        let Some(expected) = seq.checked_sub(1).and_then(|i| leaves.get(i as usize)) else {
            facts
                .problems
                .push(format!("{rel}: entry {seq} is outside the signed log"));
            continue;
        };
        if !bag.is_listed(&rel) {
            continue; // reported as "not in the manifest"; never read
        }
        let read = if size <= IN_MEMORY {
            bag.payload_bytes(&rel, IN_MEMORY)
                .map(|bytes| (leaf_hash(&bytes), serde_json::from_slice(&bytes)))
        } else {
            stream_entry(bag, &rel)
        };
        let Some((leaf, outline)) = read else {
            continue; // the bag check has said why
        };
        if leaf != *expected {
            facts.problems.push(format!(
                "{rel}: does not hash to leaf {seq}: the entry was altered"
            ));
            continue;
        }
        let outline: EntryOutline = match outline {
            Ok(o) => o,
            Err(_) => {
                facts.problems.push(format!("{rel}: not a readable entry"));
                continue;
            }
        };
        if outline.v > ENTRY_FORMAT_VERSION {
            facts.problems.push(format!(
                "{rel}: written by a newer version of Tally (entry format {}); use a newer tally to verify it",
                outline.v
            ));
            continue;
        }
        if outline.seq != seq {
            facts
                .problems
                .push(format!("{rel}: says it is entry {}", outline.seq));
            continue;
        }
        facts.present.insert(seq);
        match outline.kind {
            EntryKind::Erasure => {
                facts.erased.extend(outline.body.target);
                facts.erased.extend(&outline.body.covers);
            }
            EntryKind::Incident => {
                if let Some(o) = &outline.body.occurred {
                    facts.dates.push(o.start.date_naive());
                }
            }
            _ => {}
        }
        let mut refs = Vec::new();
        outline.body.attachments(&mut refs);
        facts.attachments.extend(refs.into_iter().map(|a| (seq, a)));
    }
    facts
}

type Outlined = (Hash, Result<EntryOutline, serde_json::Error>);

/// A large entry: its leaf hash taken as it streams, and its outline parsed on a helper
/// thread from the same bytes, so it is never held whole.
fn stream_entry(bag: &mut BagVerifier<'_>, rel: &str) -> Option<Outlined> {
    let (tx, rx) = sync_channel::<Vec<u8>>(4);
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || {
            serde_json::from_reader::<_, EntryOutline>(Piped {
                rx,
                piece: Vec::new(),
                pos: 0,
            })
        });
        let mut leaf = Context::new(&SHA256);
        leaf.update(&[0]);
        let read = bag.payload(rel, &mut |piece| {
            leaf.update(piece);
            // A parser that stopped early (malformed JSON) no longer listens.
            let _ = tx.send(piece.to_vec());
        });
        drop(tx);
        let outline = parser.join();
        read?;
        let mut hash = [0u8; 32];
        hash.copy_from_slice(leaf.finish().as_ref());
        let outline = outline.unwrap_or_else(|_| serde_json::from_slice::<EntryOutline>(b""));
        Some((hash, outline))
    })
}

/// The reading end of the pipe from [`stream_entry`].
struct Piped {
    rx: Receiver<Vec<u8>>,
    piece: Vec<u8>,
    pos: usize,
}

impl Read for Piped {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.piece.len() {
            match self.rx.recv() {
                Ok(next) => {
                    self.piece = next;
                    self.pos = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let rest = self.piece.get(self.pos..).unwrap_or_default();
        let n = rest.len().min(out.len());
        out[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}
