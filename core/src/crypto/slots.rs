//! The two key slots every diary carries from the moment it is created.
//!
//! A slot holds what one passphrase opens: the data key wrapped under the passphrase's
//! key-encryption key, the Ed25519 signing seed sealed under a subkey of that data key,
//! and the public key. Slot 0 opens the diary; slot 1 opens the decoy diary that a duress
//! passphrase shows. A diary without a duress passphrase still has slot 1, filled with
//! values of the same lengths and forms (random bytes after the version byte, and the
//! public key of a seed that was thrown away), so the header says nothing about whether a
//! duress passphrase exists.
//!
//! Both slots share the header's Argon2id salt and parameters: one derivation per unlock
//! attempt serves both, and every attempt tries both slots, so the work done — and the
//! time taken — is the same whichever passphrase was typed. The associated data binds a
//! wrapped key to its diary and its slot, so slots cannot be swapped.

use ring::signature::{Ed25519KeyPair, KeyPair};
use zeroize::Zeroizing;

use super::aead::{self, SEAL_VERSION};
use super::keys::Secret;
use super::{CryptoError, random_bytes};

/// How many slots a diary has.
pub const SLOT_COUNT: u8 = 2;
/// The slot of the diary itself.
pub const OWN: u8 = 0;
/// The slot of the decoy diary a duress passphrase opens.
pub const DURESS: u8 = 1;
/// Length of a wrapped 32-byte key (and of a sealed 32-byte seed).
pub const SEALED_KEY_LEN: usize = 32 + aead::OVERHEAD;

/// One slot as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRow {
    /// The data key sealed under the passphrase's key-encryption key.
    pub wrapped_key: Vec<u8>,
    /// The Ed25519 seed sealed under a subkey of the data key.
    pub sealed_signing_seed: Vec<u8>,
    /// The Ed25519 public key (32 bytes).
    pub public_key: Vec<u8>,
}

impl SlotRow {
    /// A slot that no passphrase opens, indistinguishable in length and form from one
    /// that does.
    pub fn filler() -> Result<SlotRow, CryptoError> {
        let seed = Zeroizing::new(random_bytes::<32>()?);
        let public_key = Ed25519KeyPair::from_seed_unchecked(seed.as_ref())
            .map_err(|_| CryptoError::InvalidKey("Ed25519 seed"))?
            .public_key()
            .as_ref()
            .to_vec();
        Ok(SlotRow {
            wrapped_key: random_sealed()?,
            sealed_signing_seed: random_sealed()?,
            public_key,
        })
    }
}

/// Random bytes with the form of a sealed 32-byte secret.
fn random_sealed() -> Result<Vec<u8>, CryptoError> {
    let body: [u8; SEALED_KEY_LEN - 1] = random_bytes()?;
    let mut out = Vec::with_capacity(SEALED_KEY_LEN);
    out.push(SEAL_VERSION);
    out.extend_from_slice(&body);
    Ok(out)
}

/// Associated data for the data key wrapped in `slot` of diary `diary_id`.
pub fn aad_slot(diary_id: &[u8], slot: u8) -> Vec<u8> {
    [b"tally/key-slot/v2/".as_slice(), diary_id, &[slot]].concat()
}

/// Wraps a data key for `slot` under a key-encryption key.
pub fn wrap(
    kek: &[u8; 32],
    diary_id: &[u8],
    slot: u8,
    data_key: &[u8; 32],
) -> Result<Vec<u8>, CryptoError> {
    aead::seal(kek, &aad_slot(diary_id, slot), data_key)
}

fn unwrap(kek: &[u8; 32], diary_id: &[u8], slot: u8, wrapped: &[u8]) -> Option<Secret> {
    let plain = Zeroizing::new(aead::open(kek, &aad_slot(diary_id, slot), wrapped).ok()?);
    let key: [u8; 32] = plain.as_slice().try_into().ok()?;
    Some(Zeroizing::new(key))
}

/// Which slot a key-encryption key opens, and its data key. Every slot is tried, also
/// after one has opened, so the time taken does not say which slot (if any) it was.
pub fn prove(kek: &[u8; 32], diary_id: &[u8], slots: &[SlotRow]) -> Option<(u8, Secret)> {
    let mut found = None;
    for (slot, row) in (0u8..).zip(slots) {
        let opened = unwrap(kek, diary_id, slot, &row.wrapped_key);
        if found.is_none() {
            found = opened.map(|key| (slot, key));
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_key_opens_only_its_own_slot() {
        let kek = [3u8; 32];
        let id = [9u8; 16];
        let key = [5u8; 32];
        let own = SlotRow {
            wrapped_key: wrap(&kek, &id, DURESS, &key).unwrap(),
            ..SlotRow::filler().unwrap()
        };
        let filler = SlotRow::filler().unwrap();
        let (slot, found) = prove(&kek, &id, &[filler.clone(), own.clone()]).unwrap();
        assert_eq!((slot, *found), (DURESS, key));
        // Moved to slot 0, it opens nothing.
        assert!(prove(&kek, &id, &[own, filler]).is_none());
    }

    #[test]
    fn filler_has_the_form_of_a_real_slot() {
        let filler = SlotRow::filler().unwrap();
        assert_eq!(filler.wrapped_key.len(), SEALED_KEY_LEN);
        assert_eq!(filler.sealed_signing_seed.len(), SEALED_KEY_LEN);
        assert_eq!(filler.wrapped_key[0], SEAL_VERSION);
        assert_eq!(filler.public_key.len(), 32);
        assert_ne!(filler, SlotRow::filler().unwrap());
    }
}
