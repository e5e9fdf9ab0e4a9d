//! Cryptography: passphrase KDF, key slots, AEAD for records and chunks, Ed25519, sshsig.
//!
//! How the keys hang together: passphrase → Argon2id ([`kdf`], bounded parameters from the
//! header) → key-encryption key → opens one of the two key slots ([`slots`]) → a random
//! data key → HKDF subkeys for entries, blobs, tree heads and the blob lookup, and the
//! sealed Ed25519 signing seed ([`keys`]). Every row is AES-256-GCM with associated data
//! naming its place ([`aead`]). Changing the passphrase makes a new data key and re-seals
//! every row under it (see `diary::rekey`), so a copy of the old header opens nothing
//! written afterwards; the signing seed is carried over, so the diary's fingerprint stays.
//!
//! Everything comes from `ring` (AEAD, HKDF, Ed25519, SHA-2, randomness) and `argon2`
//! (the passphrase KDF). Long-lived secrets are held only as [`zeroize::Zeroizing`] byte
//! arrays; ring's key objects are built for one operation and dropped at once, so locking
//! a diary leaves no key schedule behind.

pub mod aead;
pub mod kdf;
pub mod keys;
pub mod slots;
pub mod sshsig;

use ring::rand::{SecureRandom, SystemRandom};

/// Errors from the cryptographic layer. They never carry key or plaintext material.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// Authentication failed: wrong key, or the ciphertext or its place was changed.
    #[error("decryption failed: wrong key, or the data was altered or moved")]
    Decrypt,
    /// A ciphertext has a format this version does not know.
    #[error("unknown ciphertext format version {0}")]
    UnknownVersion(u8),
    /// A ciphertext is too short to be one.
    #[error("ciphertext is truncated")]
    Truncated,
    /// The KDF parameters are out of the range this version accepts.
    #[error("key-derivation parameters out of range: {0}")]
    KdfParams(String),
    /// The system random generator failed.
    #[error("the system random number generator failed")]
    Random,
    /// A key has the wrong length or form.
    #[error("invalid key: {0}")]
    InvalidKey(&'static str),
}

/// Fills an array from the system's secure random generator.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut out = [0u8; N];
    SystemRandom::new()
        .fill(&mut out)
        .map_err(|_| CryptoError::Random)?;
    Ok(out)
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let d = ring::digest::digest(&ring::digest::SHA256, data);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}
