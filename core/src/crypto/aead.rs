//! AES-256-GCM sealing with a version byte and a random nonce in front, and associated
//! data that binds each ciphertext to its place (entry number, or blob, chunk index and
//! last-chunk flag), so rows cannot be swapped, moved or truncated unnoticed.
//!
//! Layout: `version (1) || nonce (12) || ciphertext || tag (16)`. Nonces are random: a
//! diary seals far fewer than the 2^32 messages per key NIST SP 800-38D §8.3 allows.

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

use super::{CryptoError, random_bytes};

/// The ciphertext format this code writes.
pub const SEAL_VERSION: u8 = 1;
const TAG_LEN: usize = 16;

/// Bytes a sealed message adds to its plaintext.
pub const OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

fn key(raw: &[u8; 32]) -> Result<LessSafeKey, CryptoError> {
    UnboundKey::new(&AES_256_GCM, raw)
        .map(LessSafeKey::new)
        .map_err(|_| CryptoError::InvalidKey("AES-256 key"))
}

/// Encrypts `plaintext` bound to `aad`.
pub fn seal(raw_key: &[u8; 32], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let nonce_bytes: [u8; NONCE_LEN] = random_bytes()?;
    let mut out = Vec::with_capacity(plaintext.len() + OVERHEAD);
    out.push(SEAL_VERSION);
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(plaintext);
    let tag = key(raw_key)?
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(nonce_bytes),
            Aad::from(aad),
            &mut out[1 + NONCE_LEN..],
        )
        .map_err(|_| CryptoError::Decrypt)?;
    out.extend_from_slice(tag.as_ref());
    Ok(out)
}

/// Decrypts what [`seal`] made with the same key and `aad`.
pub fn open(raw_key: &[u8; 32], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    Opener::new(raw_key)?.open(aad, sealed)
}

/// A key prepared once for opening many ciphertexts (a pass over every entry), so the AES
/// key schedule is not rebuilt for each. Dropped at the end of the pass.
pub struct Opener(LessSafeKey);

impl Opener {
    /// Prepares `raw_key`.
    pub fn new(raw_key: &[u8; 32]) -> Result<Self, CryptoError> {
        Ok(Opener(key(raw_key)?))
    }

    /// Decrypts `buf` (what [`seal`] made with this key and `aad`) where it lies: on
    /// success `buf` holds the plaintext. Spares a copy of each 1 MiB chunk read back.
    pub fn open_in_place(&self, aad: &[u8], buf: &mut Vec<u8>) -> Result<(), CryptoError> {
        let (&version, rest) = buf.split_first().ok_or(CryptoError::Truncated)?;
        if version != SEAL_VERSION {
            return Err(CryptoError::UnknownVersion(version));
        }
        if rest.len() < NONCE_LEN + TAG_LEN {
            return Err(CryptoError::Truncated);
        }
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&rest[..NONCE_LEN]);
        let nonce = Nonce::assume_unique_for_key(nonce);
        let plain_len = self
            .0
            .open_within(nonce, Aad::from(aad), buf, 1 + NONCE_LEN..)
            .map_err(|_| CryptoError::Decrypt)?
            .len();
        buf.truncate(plain_len);
        Ok(())
    }

    /// Decrypts what [`seal`] made with this key and `aad`.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let (&version, rest) = sealed.split_first().ok_or(CryptoError::Truncated)?;
        if version != SEAL_VERSION {
            return Err(CryptoError::UnknownVersion(version));
        }
        if rest.len() < NONCE_LEN + TAG_LEN {
            return Err(CryptoError::Truncated);
        }
        let (nonce, body) = rest.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| CryptoError::Truncated)?;
        let mut buf = body.to_vec();
        let plain_len = self
            .0
            .open_in_place(nonce, Aad::from(aad), &mut buf)
            .map_err(|_| CryptoError::Decrypt)?
            .len();
        buf.truncate(plain_len);
        Ok(buf)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sealed_data_opens_only_with_its_key_and_place() {
        let k = [7u8; 32];
        let sealed = seal(&k, b"entry 1", b"secret").unwrap();
        assert_eq!(open(&k, b"entry 1", &sealed).unwrap(), b"secret");
        assert!(matches!(
            open(&k, b"entry 2", &sealed),
            Err(CryptoError::Decrypt)
        ));
        assert!(matches!(
            open(&[8u8; 32], b"entry 1", &sealed),
            Err(CryptoError::Decrypt)
        ));
        let mut flipped = sealed.clone();
        flipped[20] ^= 1;
        assert!(matches!(
            open(&k, b"entry 1", &flipped),
            Err(CryptoError::Decrypt)
        ));
        assert!(matches!(
            open(&k, b"entry 1", &sealed[..10]),
            Err(CryptoError::Truncated)
        ));
        assert!(matches!(
            open(&k, b"entry 1", &[]),
            Err(CryptoError::Truncated)
        ));
        let mut in_place = sealed.clone();
        Opener::new(&k)
            .unwrap()
            .open_in_place(b"entry 1", &mut in_place)
            .unwrap();
        assert_eq!(in_place, b"secret");
        let mut moved = sealed.clone();
        assert!(
            Opener::new(&k)
                .unwrap()
                .open_in_place(b"entry 2", &mut moved)
                .is_err()
        );
        let mut versioned = sealed;
        versioned[0] = 9;
        assert!(matches!(
            open(&k, b"entry 1", &versioned),
            Err(CryptoError::UnknownVersion(9))
        ));
    }
}
