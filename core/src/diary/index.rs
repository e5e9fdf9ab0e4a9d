//! What appending and validation need to know about the entries already sealed: each
//! entry's kind, which were amended by which, and which were erased. Built once on unlock
//! (a light parse that skips the content) and updated by every append.

use std::collections::HashMap;

use serde::Deserialize;

use super::Diary;
use crate::crypto::{aead, keys};
use crate::error::Result;
use crate::model::{Body, EntryKind, EntryLookup};

#[derive(Debug, Default)]
pub(super) struct Index {
    /// Kind of entry `seq` at `seq - 1`; `None` when the content is unreadable and no
    /// erasure says what it was.
    kinds: Vec<Option<EntryKind>>,
    amendments: HashMap<u64, Vec<u64>>,
    erased_by: HashMap<u64, u64>,
}

/// Only the fields the index needs; serde skips the rest without allocating.
#[derive(Deserialize)]
struct Light {
    kind: EntryKind,
    body: LightBody,
}

#[derive(Deserialize)]
struct LightBody {
    #[serde(default)]
    target: Option<u64>,
    #[serde(default)]
    kind: Option<EntryKind>,
    #[serde(default)]
    covers: Vec<u64>,
}

impl Index {
    pub(super) fn build(diary: &Diary) -> Result<Index> {
        let mut index = Index::default();
        // Entry numbers come from the file: a tampered one (huge, or negative read as huge)
        // must not size anything. Only numbers within the row count are indexed; `check`
        // and the damage found on opening report the rest.
        let rows = diary.frontier.size();
        diary.store.for_each_entry(|row| {
            if row.seq == 0 || row.seq > rows {
                return Ok::<(), crate::Error>(());
            }
            let light = row.sealed.as_ref().and_then(|sealed| {
                let plain =
                    aead::open(&diary.keys.entries, &keys::aad_entry(row.seq), sealed).ok()?;
                serde_json::from_slice::<Light>(&plain).ok()
            });
            index.grow_to(row.seq);
            if let Some(light) = light {
                index.note(row.seq, light.kind, &light.body);
            }
            Ok::<(), crate::Error>(())
        })?;
        Ok(index)
    }

    fn grow_to(&mut self, seq: u64) {
        let len = usize::try_from(seq).unwrap_or(usize::MAX);
        if self.kinds.len() < len {
            self.kinds.resize(len, None);
        }
    }

    fn note(&mut self, seq: u64, kind: EntryKind, body: &LightBody) {
        if let Some(slot) = usize::try_from(seq - 1)
            .ok()
            .and_then(|i| self.kinds.get_mut(i))
        {
            // An erasure written earlier may already have said what this was.
            slot.get_or_insert(kind);
        }
        match (kind, body.target) {
            (EntryKind::Amendment, Some(target)) => {
                self.amendments.entry(target).or_default().push(seq);
            }
            (EntryKind::Erasure, Some(target)) => {
                self.erased_by.insert(target, seq);
                for &c in &body.covers {
                    self.erased_by.insert(c, seq);
                }
                if let Some(k) = body.kind
                    && let Some(slot) = usize::try_from(target.saturating_sub(1))
                        .ok()
                        .and_then(|i| self.kinds.get_mut(i))
                {
                    *slot = Some(k);
                }
                for &c in &body.covers {
                    if let Some(slot) = usize::try_from(c.saturating_sub(1))
                        .ok()
                        .and_then(|i| self.kinds.get_mut(i))
                    {
                        *slot = Some(EntryKind::Amendment);
                    }
                }
            }
            _ => {}
        }
    }

    /// Records an entry just appended.
    pub(super) fn record(&mut self, seq: u64, body: &Body) {
        self.grow_to(seq);
        let light = match body {
            Body::Amendment(a) => LightBody {
                target: Some(a.target),
                kind: Some(a.kind),
                covers: Vec::new(),
            },
            Body::Erasure(e) => LightBody {
                target: Some(e.target),
                kind: Some(e.kind),
                covers: e.covers.clone(),
            },
            _ => LightBody {
                target: None,
                kind: None,
                covers: Vec::new(),
            },
        };
        self.note(seq, body.kind(), &light);
    }

    /// The kind of entry `seq`, if known.
    pub(super) fn kind_of_entry(&self, seq: u64) -> Option<EntryKind> {
        let i = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.kinds.get(i).copied().flatten()
    }

    /// The amendments of `seq`, oldest first.
    pub(super) fn amendments_of(&self, seq: u64) -> &[u64] {
        self.amendments.get(&seq).map_or(&[], Vec::as_slice)
    }

    /// The erasure that removed `seq`, if any.
    pub(super) fn erased_by(&self, seq: u64) -> Option<u64> {
        self.erased_by.get(&seq).copied()
    }
}

impl EntryLookup for Index {
    fn kind_of(&self, seq: u64) -> Option<EntryKind> {
        self.kind_of_entry(seq)
    }

    fn is_erased(&self, seq: u64) -> bool {
        self.erased_by.contains_key(&seq)
    }
}
