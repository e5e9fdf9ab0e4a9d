//! Unlocking: proving a passphrase (or a raw key) against the key slots before anything
//! is written, then opening the space that slot opens.
//!
//! The order is what keeps a wrong passphrase harmless and every outcome alike:
//! 1. the header is read through [`Store::open_read_only`], which changes no byte of the
//!    file or of its `-wal`/`-shm`;
//! 2. the Argon2id parameters are checked against fixed bounds before any work
//!    ([`KdfParams::from_header`]);
//! 3. one derivation, then *both* slots are tried ([`slots::prove`]);
//! 4. every leaf of the file is read and hashed into a frontier, whichever slot opened
//!    and also when none did — so a wrong passphrase, the duress passphrase and the real
//!    one do the same work (the only differences left are opening the file for writing
//!    and verifying one signature, both far below the derivation's own jitter);
//! 5. only a proven key opens the file for writing, confirms its slot did not change in
//!    between, and checks the latest signed head against the leaves.

use std::path::Path;

use zeroize::Zeroizing;

use super::{Diary, SystemClock};
use crate::crypto::kdf::KdfParams;
use crate::crypto::keys::{self, DiaryKeys, Secret};
use crate::crypto::slots::{self, SLOT_COUNT, SlotRow};
use crate::crypto::sshsig::SshPublicKey;
use crate::crypto::{CryptoError, aead};
use crate::error::{Error, Result};
use crate::log::{Frontier, SignedHead};
use crate::store::{Header, Store, StoreError};

/// What a read of every leaf found for the space being opened.
pub(super) struct LeafScan {
    /// The frontier of the space's log.
    pub frontier: Frontier,
    /// The first thing wrong with the sequence of rows, if any.
    pub gap: Option<String>,
}

/// Reads every leaf of every space. The opened space's leaves build its frontier; the
/// others are hashed into a frontier that is thrown away, so the work is the same for
/// every slot (and for none: `space` = `None`).
pub(super) fn scan_leaves(store: &Store, space: Option<u8>) -> Result<LeafScan> {
    let mut frontiers: Vec<Frontier> = (0..SLOT_COUNT).map(|_| Frontier::new()).collect();
    let mut expected = [1u64; SLOT_COUNT as usize];
    let mut gap: Option<String> = None;
    store.for_each_leaf(|row_space, seq, leaf| {
        let Some(i) = usize::try_from(row_space)
            .ok()
            .filter(|&i| i < usize::from(SLOT_COUNT))
        else {
            return;
        };
        let own = space.map(usize::from) == Some(i);
        if own && seq != expected[i] && gap.is_none() {
            gap = Some(format!("entry {} is missing", expected[i]));
        }
        expected[i] = seq.saturating_add(1);
        match <[u8; 32]>::try_from(leaf) {
            Ok(leaf) => frontiers[i].push(leaf),
            Err(_) if own => {
                gap.get_or_insert(format!("entry {seq}'s leaf hash is malformed"));
            }
            Err(_) => {}
        }
    })?;
    let frontier = space
        .map(usize::from)
        .filter(|&i| i < frontiers.len())
        .map(|i| frontiers.swap_remove(i))
        .unwrap_or_default();
    Ok(LeafScan { frontier, gap })
}

/// Which slot's signing seed a raw data key opens (every slot tried).
fn prove_raw(raw: &Secret, diary_id: &[u8], slots: &[SlotRow]) -> Option<(u8, DiaryKeys)> {
    let mut found = None;
    for (slot, row) in (0u8..).zip(slots) {
        let opened = DiaryKeys::open(raw.clone(), diary_id, &row.sealed_signing_seed).ok();
        if found.is_none() {
            found = opened.map(|k| (slot, k));
        }
    }
    found
}

/// A key proven against one slot, before the file is opened for writing.
struct Proven {
    header: Header,
    slot: u8,
    row: SlotRow,
    keys: DiaryKeys,
}

/// Proves `passphrase` against the slots of the file `probe` reads. When no slot opens,
/// the leaves are read all the same (see the module notes) and the answer is
/// [`Error::WrongPassphrase`].
fn prove_passphrase(probe: &Store, passphrase: &str) -> Result<Proven> {
    let header = probe.header()?;
    let params = KdfParams::from_header(&header.kdf_params)?;
    let slot_rows = probe.slots()?;
    let kek = params.derive(passphrase.as_bytes(), &header.kdf_salt)?;
    let proven = slots::prove(&kek, &header.diary_id, &slot_rows).and_then(|(slot, key)| {
        let row = slot_rows.get(usize::from(slot))?;
        // The passphrase opened the slot, so a seed beside it that does not open was altered.
        Some(
            DiaryKeys::open(key, &header.diary_id, &row.sealed_signing_seed)
                .map(|keys| (slot, keys))
                .map_err(|e| match e {
                    CryptoError::Decrypt => Error::Corrupt(
                        "the diary header is damaged: its signing key cannot be opened".into(),
                    ),
                    other => Error::Crypto(other),
                }),
        )
    });
    finish_proof(probe, header, slot_rows, proven.transpose()?)
}

/// The proven slot and its keys, or — when none was proven — the same read of every
/// leaf a success would make, then [`Error::WrongPassphrase`].
fn finish_proof(
    probe: &Store,
    header: Header,
    slot_rows: Vec<SlotRow>,
    proven: Option<(u8, DiaryKeys)>,
) -> Result<Proven> {
    let Some((slot, keys)) = proven else {
        scan_leaves(probe, None)?;
        return Err(Error::WrongPassphrase);
    };
    let row = slot_rows
        .into_iter()
        .nth(usize::from(slot))
        .ok_or(Error::WrongPassphrase)?;
    Ok(Proven {
        header,
        slot,
        row,
        keys,
    })
}

/// Proves a raw data key: the slot whose signing seed it opens.
fn prove_key(probe: &Store, raw_key: &[u8]) -> Result<Proven> {
    let header = probe.header()?;
    let slot_rows = probe.slots()?;
    let raw: Option<[u8; 32]> = raw_key.try_into().ok();
    let proven = raw.and_then(|raw| prove_raw(&Zeroizing::new(raw), &header.diary_id, &slot_rows));
    finish_proof(probe, header, slot_rows, proven)
}

impl Diary {
    /// Opens the diary at `path` with its passphrase — or, with the duress passphrase, the
    /// decoy diary it opens. A wrong passphrase writes nothing: not to the file, not to
    /// its `-wal` or `-shm`.
    pub fn unlock(path: &Path, passphrase: &str) -> Result<Diary> {
        let proven = prove_passphrase(&Store::open_read_only(path)?, passphrase)?;
        Self::open_proven(path, proven)
    }

    /// Opens the diary with its raw 32-byte data key (kept by a platform keystore behind
    /// biometric unlock); the key opens the diary or the decoy it belongs to. A wrong key
    /// writes nothing.
    pub fn unlock_with_key(path: &Path, raw_key: &[u8]) -> Result<Diary> {
        let proven = prove_key(&Store::open_read_only(path)?, raw_key)?;
        Self::open_proven(path, proven)
    }

    /// Opens a diary file for reading only, with its passphrase, writing nothing at all
    /// (a backup being checked before a restore).
    pub(super) fn open_read_only(path: &Path, passphrase: &str) -> Result<Diary> {
        let mut store = Store::open_read_only(path)?;
        let proven = prove_passphrase(&store, passphrase)?;
        store.set_space(proven.slot);
        Self::assemble(store, proven)
    }

    /// Opens the space of a proven slot for writing, confirms the slot is still the one
    /// proven (another program may have changed the passphrase in between), and loads
    /// its log.
    fn open_proven(path: &Path, proven: Proven) -> Result<Diary> {
        let mut store = Store::open(path)?;
        if store.header()?.diary_id != proven.header.diary_id {
            return Err(StoreError::ChangedElsewhere.into());
        }
        store.set_space(proven.slot);
        store.same_slot(&proven.row)?;
        Self::assemble(store, proven)
    }

    /// A diary over a store already opened in its space, with keys already proven (a copy
    /// of this diary being read back).
    pub(super) fn over_store(
        store: Store,
        header: Header,
        row: SlotRow,
        keys: DiaryKeys,
    ) -> Result<Diary> {
        let slot = store.space();
        Self::assemble(
            store,
            Proven {
                header,
                slot,
                row,
                keys,
            },
        )
    }

    fn assemble(store: Store, proven: Proven) -> Result<Diary> {
        let public_key = SshPublicKey::from_key_pair(&proven.keys.signing_key_pair()?);
        let mut diary = Diary {
            path: store.path().to_owned(),
            store,
            header: proven.header,
            slot: proven.row,
            keys: proven.keys,
            public_key,
            frontier: Frontier::new(),
            index: std::cell::OnceCell::new(),
            damage: None,
            corrected_leaves: std::collections::BTreeMap::new(),
            seen: None,
            rollback: None,
            clock: Box::new(SystemClock),
        };
        diary.damage = diary.load_log()?;
        Ok(diary)
    }

    /// The id of the diary file at `path` (hex), read without a key and without writing:
    /// what the device keeps its remembered head and unlock attempts under.
    pub fn file_id(path: &Path) -> Result<String> {
        Ok(hex::encode(Store::open_read_only(path)?.header()?.diary_id))
    }

    /// Rebuilds the frontier from the stored leaves and checks the latest head against it;
    /// when that head does not vouch for them, proves the log again from the newest head
    /// that does and from the entries (`reprove.rs`). Returns why the diary is damaged, if
    /// it is (the full story comes from `check`).
    pub(super) fn load_log(&mut self) -> Result<Option<String>> {
        // The key the header shows is what others are told to trust: no other proof
        // stands in for it.
        if self.public_key.0.as_slice() != self.slot.public_key.as_slice() {
            return Ok(Some(
                "the header's public key does not match the signing key".into(),
            ));
        }
        let Some(damage) = self.check_latest_head()? else {
            return Ok(None);
        };
        match self.reprove_log()? {
            Some(reproven) => {
                self.frontier = reproven.frontier;
                self.corrected_leaves = reproven.corrected;
                Ok(None)
            }
            None => Ok(Some(damage)),
        }
    }

    fn check_latest_head(&mut self) -> Result<Option<String>> {
        let space = self.store.space();
        let (scan, latest) = self.store.read_snapshot(|store| {
            Ok::<_, Error>((scan_leaves(store, Some(space))?, store.latest_head()?))
        })?;
        let size = scan.frontier.size();
        self.frontier = scan.frontier;
        if scan.gap.is_some() {
            return Ok(scan.gap);
        }
        match latest {
            None if size == 0 => Ok(None),
            None => Ok(Some("no signed tree head".into())),
            Some((head_size, sealed)) => {
                let verdict = aead::open(&self.keys.heads, &keys::aad_head(head_size), &sealed)
                    .map_err(|_| format!("the tree head for size {head_size} cannot be decrypted"))
                    .and_then(|plain| {
                        SignedHead::from_stored(&plain, Some(&self.public_key))
                            .map_err(|e| format!("the tree head for size {head_size}: {e}"))
                    })
                    .and_then(|signed| {
                        if signed.head.size != size || head_size != size {
                            Err(format!(
                                "the latest tree head is for {} entries but the diary holds {size}",
                                signed.head.size
                            ))
                        } else if signed.head.root_hash().ok() != Some(self.frontier.root()) {
                            Err("the entries do not hash to the signed root".into())
                        } else {
                            Ok(())
                        }
                    });
                Ok(verdict.err())
            }
        }
    }
}
