//! A duress passphrase: a second passphrase that opens a decoy diary of its own.
//!
//! When the stalker makes her unlock the phone in front of him, she types the duress
//! passphrase and he sees a diary — the decoy — that works in every way (list, add,
//! export, checkpoint, backup) and holds nothing of the real one. Nothing done under the
//! duress passphrase shows, counts, changes or destroys a real entry: the decoy lives in
//! space 1 of the same file, opened by key slot 1, sealed under a data key and signed by
//! a signing key of its own, and every store operation is confined to its space.
//!
//! What an examiner holding a copy of the file could still tell (the honest limits):
//! - the header always has two slots of the same form (slot 1 is filled with random
//!   values from creation), so the header alone does not say whether a duress passphrase
//!   is set;
//! - but the rows of each space are marked with its number, so someone who reads the
//!   SQLite file directly sees how many entries, heads and attachments (and their sizes)
//!   each space holds — a decoy that has been used is visible as such, and so is the real
//!   diary beside it. Neither can be read without its passphrase.
//! - the file's size and modification time reflect both.
//!
//! The decoy convinces someone looking at the app, not a forensic examination of the
//! file. Setting or removing a duress passphrase needs the diary's own passphrase; under
//! the duress passphrase those commands are refused (which tells whoever tries them that
//! the passphrase they hold is not the diary's own).

use zeroize::Zeroizing;

use super::{Diary, MIN_PASSPHRASE_CHARS};
use crate::crypto::kdf::KdfParams;
use crate::crypto::keys::{DiaryKeys, Secret};
use crate::crypto::random_bytes;
use crate::crypto::slots::{self, SlotRow};
use crate::crypto::sshsig::SshPublicKey;
use crate::error::{Error, Result};

impl Diary {
    /// Sets `duress` as the duress passphrase: from now on it opens an empty decoy diary
    /// of its own. Any earlier duress passphrase stops working and its decoy is deleted.
    /// Needs the diary opened with its own passphrase.
    pub fn set_duress_passphrase(&mut self, duress: &str) -> Result<()> {
        self.own_space_only()?;
        if duress.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::WeakPassphrase(MIN_PASSPHRASE_CHARS));
        }
        let params = KdfParams::from_header(&self.header.kdf_params)?;
        let kek = params.derive(duress.as_bytes(), &self.header.kdf_salt)?;
        let slot_rows = self.store.slots()?;
        if let Some((slots::OWN, _)) = slots::prove(&kek, &self.header.diary_id, &slot_rows) {
            return Err(Error::PassphraseInUse);
        }
        let key: Secret = Zeroizing::new(random_bytes()?);
        let wrapped_key = slots::wrap(&kek, &self.header.diary_id, slots::DURESS, &key)?;
        let (keys, sealed_signing_seed) = DiaryKeys::create(key, &self.header.diary_id)?;
        let public_key = SshPublicKey::from_key_pair(&keys.signing_key_pair()?);
        let row = SlotRow {
            wrapped_key,
            sealed_signing_seed,
            public_key: public_key.0.to_vec(),
        };
        self.replace_duress_slot(&row)
    }

    /// Removes the duress passphrase and deletes its decoy diary (slot 1 is filled with
    /// random values again, as in a diary that never had one). Needs the diary opened with
    /// its own passphrase.
    pub fn remove_duress_passphrase(&mut self) -> Result<()> {
        self.own_space_only()?;
        self.replace_duress_slot(&SlotRow::filler()?)
    }

    fn own_space_only(&self) -> Result<()> {
        if self.store.space() == slots::OWN {
            Ok(())
        } else {
            Err(Error::OwnPassphraseNeeded)
        }
    }

    fn replace_duress_slot(&mut self, row: &SlotRow) -> Result<()> {
        let tx = self.store.begin_write()?;
        self.store.clear_space(slots::DURESS)?;
        self.store.set_slot(slots::DURESS, row)?;
        tx.commit()?;
        // The decoy's deleted pages are zeroed (secure_delete); fold them out of the WAL.
        self.store.fold_wal();
        Ok(())
    }
}
