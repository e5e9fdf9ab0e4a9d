//! Proving the log again when its latest tree head does not vouch for the stored leaves:
//! a damaged head row, or a damaged leaf column, must cost only itself.
//!
//! Two things still vouch for the log when its newest head cannot: the newest head that
//! *does* open and verify (it covers every leaf up to its size), and the entries
//! themselves (a leaf is the hash of its entry's plaintext, and only the diary's key seals
//! an entry at a given position, so an entry that opens proves its own leaf). So the log
//! is rebuilt leaf by leaf — from its entry where the entry opens, as stored where it does
//! not — and accepted only when it hashes to that head's root and every leaf after that
//! head is proven by its entry. An erased entry has no content left to prove its leaf, so
//! it must lie under the good head.
//!
//! Nothing is written: the proven leaves replace the stored ones in memory only
//! ([`super::Diary::leaves`], appends, packs), and `check` goes on naming every damaged
//! row exactly as before. A log that cannot be proven this way stays damaged (read-only).

use std::collections::BTreeMap;

use super::Diary;
use crate::crypto::{aead, keys};
use crate::error::Result;
use crate::log::{Frontier, SignedHead, empty_root, leaf_hash};
use crate::model::Entry;

/// The log proven without the latest head.
pub(super) struct Reproven {
    /// Its frontier, over the proven leaves.
    pub frontier: Frontier,
    /// The leaves whose stored hash differs from the one their entry proves.
    pub corrected: BTreeMap<u64, [u8; 32]>,
}

impl Diary {
    /// Rebuilds the log from the newest head that verifies and from the entries that open;
    /// `None` when that does not prove every leaf.
    pub(super) fn reprove_log(&self) -> Result<Option<Reproven>> {
        let good = self
            .store
            .heads()?
            .into_iter()
            .rev()
            .find_map(|(size, sealed)| {
                let plain = aead::open(&self.keys.heads, &keys::aad_head(size), &sealed).ok()?;
                let signed = SignedHead::from_stored(&plain, Some(&self.public_key)).ok()?;
                let root = signed.head.root_hash().ok()?;
                (signed.head.size == size).then_some((size, root))
            });
        let (good_size, good_root) = good.unwrap_or((0, empty_root()));
        let mut frontier = Frontier::new();
        let mut corrected = BTreeMap::new();
        let mut proven_to_the_end = true;
        // Set when the rebuilt log reaches the good head's size: a log shorter than it
        // never does.
        let mut good_root_holds = good_size == 0;
        self.store.for_each_entry(|row| {
            let stored: Option<[u8; 32]> = row.leaf.as_slice().try_into().ok();
            let from_entry = row
                .sealed
                .as_deref()
                .and_then(|s| aead::open(&self.keys.entries, &keys::aad_entry(row.seq), s).ok())
                .filter(|bytes| Entry::from_bytes(bytes).is_ok_and(|e| e.seq == row.seq))
                .map(|bytes| leaf_hash(&bytes));
            let leaf = match (from_entry, stored) {
                (Some(proven), stored) => {
                    if stored != Some(proven) {
                        corrected.insert(row.seq, proven);
                    }
                    proven
                }
                // Not provable by its entry: only the good head can vouch for it.
                (None, Some(stored)) if row.seq <= good_size => stored,
                _ => {
                    proven_to_the_end = false;
                    return Ok(());
                }
            };
            if row.seq != frontier.size() + 1 {
                proven_to_the_end = false;
                return Ok(());
            }
            frontier.push(leaf);
            if frontier.size() == good_size {
                good_root_holds = frontier.root() == good_root;
            }
            Ok::<(), crate::Error>(())
        })?;
        let proven = proven_to_the_end && good_root_holds;
        Ok(proven.then_some(Reproven {
            frontier,
            corrected,
        }))
    }
}
