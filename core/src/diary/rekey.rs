//! Changing the passphrase re-keys the diary.
//!
//! A victim changes her passphrase because someone learnt it — and that someone may
//! already hold a copy of the file. Re-wrapping the one data key would leave every row
//! readable to the old passphrase through an old copy of the header. So a change makes a
//! new data key and re-seals every row of the space under it — entries, tree heads, blob
//! metadata (with its lookup recomputed) and every blob chunk — and writes the new key
//! slot, all in one SQLite transaction:
//!
//! - **crash-safe**: the commit is atomic. Killed at any moment, the file holds the old
//!   state (the old passphrase opens it) or the new one (the new passphrase does), never
//!   a mix; nothing else is needed to recover.
//! - **streaming**: rows are walked in pages of bounded size and each chunk is re-sealed
//!   where it lies (incremental blob I/O), so memory stays bounded whatever the size (30–38
//!   MiB of growth measured re-keying 1 GiB, see BENCHMARKS.md);
//!   SQLite spills the transaction's pages to the WAL as it goes. The WAL grows by about
//!   the diary's size until the commit, and is folded back right after.
//! - **an old header opens nothing new**: every row is sealed under the new key, and
//!   every later append too; an old copy of the header unwraps only the old key.
//!
//! The signing key is carried over (its seed is re-sealed), so the fingerprint officers
//! were given stays true. A row that cannot be opened (damage) is left as it is: it was
//! already lost, and `check` keeps naming it. The other slot is untouched: a duress
//! passphrase keeps opening its decoy.

use zeroize::Zeroizing;

use super::Diary;
use super::MIN_PASSPHRASE_CHARS;
use crate::crypto::kdf::KdfParams;
use crate::crypto::keys::{self, DiaryKeys, Secret};
use crate::crypto::slots::{self, SlotRow};
use crate::crypto::{aead, random_bytes};
use crate::error::{Error, Result};
use crate::progress::{NoProgress, Progress};
use crate::store::Store;

/// Bytes of entries re-sealed per page.
const PAGE_BYTES: usize = 4 << 20;
/// Tree heads re-sealed per page.
const HEAD_PAGE: u32 = 512;

/// The old keys (to open each row) and the new (to seal it again), prepared once.
struct Resealer<'a> {
    old: &'a DiaryKeys,
    new: &'a DiaryKeys,
    entries: aead::Opener,
    heads: aead::Opener,
    blobs: aead::Opener,
}

impl Diary {
    /// Changes the passphrase, re-keying every row (see the module notes).
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<()> {
        self.change_passphrase_with_progress(old, new, &NoProgress)
    }

    /// Changes the passphrase, re-keying every row; `progress` hears rows done of rows
    /// in total. Cancelled or failed, nothing changes.
    pub fn change_passphrase_with_progress(
        &mut self,
        old: &str,
        new: &str,
        progress: &dyn Progress,
    ) -> Result<()> {
        if new.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::WeakPassphrase(MIN_PASSPHRASE_CHARS));
        }
        let space = self.store.space();
        let params = KdfParams::from_header(&self.header.kdf_params)?;
        let slot_rows = self.store.slots()?;
        let old_kek = params.derive(old.as_bytes(), &self.header.kdf_salt)?;
        match slots::prove(&old_kek, &self.header.diary_id, &slot_rows) {
            Some((slot, key)) if slot == space && *key == *self.keys.data_key() => {}
            _ => return Err(Error::WrongPassphrase),
        }
        let new_kek = params.derive(new.as_bytes(), &self.header.kdf_salt)?;
        if let Some((slot, _)) = slots::prove(&new_kek, &self.header.diary_id, &slot_rows)
            && slot != space
        {
            // Both slots would open with it; which one is not said.
            return Err(Error::PassphraseInUse);
        }
        let new_key: Secret = Zeroizing::new(random_bytes()?);
        let (new_keys, sealed_seed) = self.keys.rekeyed(new_key.clone(), &self.header.diary_id)?;
        let row = SlotRow {
            wrapped_key: slots::wrap(&new_kek, &self.header.diary_id, space, &new_key)?,
            sealed_signing_seed: sealed_seed,
            public_key: self.slot.public_key.clone(),
        };
        let resealer = Resealer {
            old: &self.keys,
            new: &new_keys,
            entries: aead::Opener::new(&self.keys.entries)?,
            heads: aead::Opener::new(&self.keys.heads)?,
            blobs: aead::Opener::new(&self.keys.blobs)?,
        };
        let tx = self.store.begin_write()?;
        let total = self.store.row_count()?;
        let mut done = 0u64;
        let mut step = |n: u64| -> Result<()> {
            done += n;
            progress.update(done, Some(total));
            if progress.cancelled() {
                Err(Error::Cancelled)
            } else {
                Ok(())
            }
        };
        resealer.entries(&self.store, &mut step)?;
        resealer.heads(&self.store, &mut step)?;
        resealer.blobs(self, &mut step)?;
        self.store.set_slot(space, &row)?;
        tx.commit()?;
        // Fold the re-sealed pages into the file and shrink the WAL back.
        self.store.fold_wal();
        self.keys = new_keys;
        self.slot = row;
        Ok(())
    }
}

impl Resealer<'_> {
    fn entries(&self, store: &Store, step: &mut dyn FnMut(u64) -> Result<()>) -> Result<()> {
        let mut after = 0u64;
        loop {
            let page = store.entries_after(after, PAGE_BYTES)?;
            let Some(last) = page.last() else {
                return Ok(());
            };
            after = last.seq;
            let n = page.len() as u64;
            for row in page {
                let Some(sealed) = row.sealed else { continue };
                let aad = keys::aad_entry(row.seq);
                if let Ok(plain) = self.entries.open(&aad, &sealed) {
                    let plain = Zeroizing::new(plain);
                    store.reseal_entry(row.seq, &aead::seal(&self.new.entries, &aad, &plain)?)?;
                }
            }
            step(n)?;
        }
    }

    fn heads(&self, store: &Store, step: &mut dyn FnMut(u64) -> Result<()>) -> Result<()> {
        let mut after = 0u64;
        loop {
            let page = store.heads_after(after, HEAD_PAGE)?;
            let Some(&(last, _)) = page.last() else {
                return Ok(());
            };
            after = last;
            let n = page.len() as u64;
            for (size, sealed) in page {
                let aad = keys::aad_head(size);
                if let Ok(plain) = self.heads.open(&aad, &sealed) {
                    store.reseal_head(size, &aead::seal(&self.new.heads, &aad, &plain)?)?;
                }
            }
            step(n)?;
        }
    }

    fn blobs(&self, diary: &Diary, step: &mut dyn FnMut(u64) -> Result<()>) -> Result<()> {
        let store = &diary.store;
        let mut buf = Vec::new();
        for row in store.blobs()? {
            let chunks = store.chunk_refs(&row.id)?;
            let meta = diary.open_blob_meta(&row.id, &row.sealed_meta).ok();
            if let Some(meta) = &meta {
                let sha: Option<[u8; 32]> = hex::decode(&meta.sha256)
                    .ok()
                    .and_then(|b| b.as_slice().try_into().ok());
                // A lookup that was not this blob's own stays wrong (check names it).
                let lookup = match sha {
                    Some(sha) if self.old.blob_lookup(&sha).as_slice() == row.lookup.as_slice() => {
                        self.new.blob_lookup(&sha).to_vec()
                    }
                    _ => row.lookup.clone(),
                };
                let plain = serde_json::to_vec(meta).unwrap_or_default();
                let sealed = aead::seal(&self.new.blobs, &keys::aad_blob_meta(&row.id), &plain)?;
                store.update_blob(&row.id, &lookup, &sealed)?;
            }
            step(1)?;
            for chunk in chunks {
                let last = meta.as_ref().is_some_and(|m| chunk.idx + 1 == m.chunks);
                let aad = keys::aad_chunk(&row.id, chunk.idx, last);
                if store.read_chunk(&chunk, &mut buf).is_ok()
                    && self.blobs.open_in_place(&aad, &mut buf).is_ok()
                {
                    let sealed = aead::seal(&self.new.blobs, &aad, &buf)?;
                    buf.iter_mut().for_each(|b| *b = 0);
                    store.reseal_chunk(&chunk, &sealed)?;
                }
                step(1)?;
            }
        }
        Ok(())
    }
}
