//! The diary's keys: a random data key (wrapped in a key slot by the passphrase key, see
//! [`super::slots`], or handed in raw by a platform keystore), the subkeys HKDF derives
//! from it for each purpose, and the Ed25519 signing seed sealed under one of them. All
//! are zeroized when dropped.
//!
//! Associated-data labels live here too, so every place a ciphertext can sit has exactly
//! one spelling.

use ring::hkdf;
use ring::signature::Ed25519KeyPair;
use zeroize::Zeroizing;

use super::{CryptoError, aead};

/// A 256-bit secret that is wiped when dropped.
pub type Secret = Zeroizing<[u8; 32]>;

/// The purposes subkeys are derived for (HKDF info strings, RFC 5869 §3.2).
const INFO_ENTRIES: &[u8] = b"tally/v1/entries";
const INFO_BLOBS: &[u8] = b"tally/v1/blobs";
const INFO_HEADS: &[u8] = b"tally/v1/tree-heads";
const INFO_SIGNING: &[u8] = b"tally/v1/signing-key";
const INFO_LOOKUP: &[u8] = b"tally/v1/blob-lookup";

/// Associated data for the sealed signing seed.
pub fn aad_signing_key(diary_id: &[u8]) -> Vec<u8> {
    [b"tally/signing-key/v1/".as_slice(), diary_id].concat()
}

/// Associated data for entry `seq`.
pub fn aad_entry(seq: u64) -> Vec<u8> {
    [b"tally/entry/v1/".as_slice(), &seq.to_be_bytes()].concat()
}

/// Associated data for the tree head of size `size`.
pub fn aad_head(size: u64) -> Vec<u8> {
    [b"tally/tree-head/v1/".as_slice(), &size.to_be_bytes()].concat()
}

/// Associated data for a blob's metadata row.
pub fn aad_blob_meta(blob_id: &[u8]) -> Vec<u8> {
    [b"tally/blob-meta/v1/".as_slice(), blob_id].concat()
}

/// Associated data for chunk `index` of a blob; `last` marks the final chunk, so a blob cut
/// short at a chunk boundary fails to open.
pub fn aad_chunk(blob_id: &[u8], index: u64, last: bool) -> Vec<u8> {
    [
        b"tally/blob-chunk/v1/".as_slice(),
        blob_id,
        &index.to_be_bytes(),
        &[u8::from(last)],
    ]
    .concat()
}

struct Len32;
impl hkdf::KeyType for Len32 {
    fn len(&self) -> usize {
        32
    }
}

fn derive(data_key: &[u8; 32], salt: &[u8], info: &[u8]) -> Result<Secret, CryptoError> {
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(data_key);
    let info = [info];
    let okm = prk
        .expand(&info, Len32)
        .map_err(|_| CryptoError::InvalidKey("HKDF output"))?;
    let mut out = Zeroizing::new([0u8; 32]);
    okm.fill(out.as_mut())
        .map_err(|_| CryptoError::InvalidKey("HKDF output"))?;
    Ok(out)
}

/// The unlocked keys of one diary.
pub struct DiaryKeys {
    data_key: Secret,
    /// Seals entries.
    pub entries: Secret,
    /// Seals blob chunks and blob metadata.
    pub blobs: Secret,
    /// Seals stored tree heads.
    pub heads: Secret,
    /// Keys the blob lookup column (HMAC of an attachment's SHA-256), so the file does not
    /// reveal the hashes of the photos it holds.
    pub lookup: Secret,
    signing_seed: Secret,
}

impl std::fmt::Debug for DiaryKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DiaryKeys(..)")
    }
}

impl DiaryKeys {
    /// Derives the subkeys of `data_key` for the diary `diary_id` and opens the sealed
    /// signing seed. A wrong data key fails here, with [`CryptoError::Decrypt`].
    pub fn open(
        data_key: Secret,
        diary_id: &[u8],
        sealed_signing_seed: &[u8],
    ) -> Result<Self, CryptoError> {
        let signing = derive(&data_key, diary_id, INFO_SIGNING)?;
        let seed = aead::open(&signing, &aad_signing_key(diary_id), sealed_signing_seed)?;
        let seed = Zeroizing::new(seed);
        let seed: [u8; 32] = seed
            .as_slice()
            .try_into()
            .map_err(|_| CryptoError::InvalidKey("Ed25519 seed"))?;
        Self::from_parts(data_key, diary_id, Zeroizing::new(seed))
    }

    /// Keys for a new diary: a fresh signing seed, sealed; returns the keys and the sealed seed.
    pub fn create(data_key: Secret, diary_id: &[u8]) -> Result<(Self, Vec<u8>), CryptoError> {
        let seed = Zeroizing::new(super::random_bytes::<32>()?);
        Self::with_seed(data_key, diary_id, seed)
    }

    /// The same signing key under a new data key (a re-key): returns the new keys and the
    /// seed sealed under the new key. The fingerprint others were given stays true.
    pub fn rekeyed(
        &self,
        new_data_key: Secret,
        diary_id: &[u8],
    ) -> Result<(Self, Vec<u8>), CryptoError> {
        Self::with_seed(new_data_key, diary_id, self.signing_seed.clone())
    }

    fn with_seed(
        data_key: Secret,
        diary_id: &[u8],
        seed: Secret,
    ) -> Result<(Self, Vec<u8>), CryptoError> {
        let signing = derive(&data_key, diary_id, INFO_SIGNING)?;
        let sealed = aead::seal(&signing, &aad_signing_key(diary_id), seed.as_ref())?;
        Ok((Self::from_parts(data_key, diary_id, seed)?, sealed))
    }

    fn from_parts(
        data_key: Secret,
        diary_id: &[u8],
        signing_seed: Secret,
    ) -> Result<Self, CryptoError> {
        Ok(DiaryKeys {
            entries: derive(&data_key, diary_id, INFO_ENTRIES)?,
            blobs: derive(&data_key, diary_id, INFO_BLOBS)?,
            heads: derive(&data_key, diary_id, INFO_HEADS)?,
            lookup: derive(&data_key, diary_id, INFO_LOOKUP)?,
            data_key,
            signing_seed,
        })
    }

    /// The raw data key, for a platform keystore to wrap (biometric unlock).
    pub fn data_key(&self) -> Secret {
        self.data_key.clone()
    }

    /// The signing key pair, built for one use.
    pub fn signing_key_pair(&self) -> Result<Ed25519KeyPair, CryptoError> {
        Ed25519KeyPair::from_seed_unchecked(self.signing_seed.as_ref())
            .map_err(|_| CryptoError::InvalidKey("Ed25519 seed"))
    }

    /// HMAC-SHA256 of an attachment's SHA-256 under the lookup key.
    pub fn blob_lookup(&self, sha256: &[u8; 32]) -> [u8; 32] {
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, self.lookup.as_ref());
        let tag = ring::hmac::sign(&key, sha256);
        let mut out = [0u8; 32];
        out.copy_from_slice(tag.as_ref());
        out
    }
}
