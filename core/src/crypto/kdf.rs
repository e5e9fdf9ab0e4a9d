//! The passphrase KDF: Argon2id (RFC 9106) with parameters stored in the diary header, so
//! they can be raised later without breaking old diaries.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::CryptoError;

/// Argon2id parameters, as stored in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Always `"argon2id"` for now.
    pub algorithm: KdfAlgorithm,
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

/// The KDF algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KdfAlgorithm {
    /// Argon2id, version 0x13.
    Argon2id,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane: about half a second on a mid-range phone (RFC 9106 §4's
    /// second recommended option, with the memory a phone can spare while the camera runs).
    fn default() -> Self {
        KdfParams {
            algorithm: KdfAlgorithm::Argon2id,
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }
}

impl KdfParams {
    /// Deliberately weak parameters for tests and benchmarks only: 64 KiB, 1 pass.
    /// Never use for a real diary.
    pub fn insecure_for_tests() -> Self {
        KdfParams {
            algorithm: KdfAlgorithm::Argon2id,
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        }
    }

    /// Refuses parameters a hostile or corrupt header could use to exhaust memory or time.
    pub fn check(&self) -> Result<(), CryptoError> {
        if !(8..=4 * 1024 * 1024).contains(&self.memory_kib) {
            return Err(CryptoError::KdfParams(
                "memory must be 8 KiB to 4 GiB".into(),
            ));
        }
        if !(1..=64).contains(&self.iterations) {
            return Err(CryptoError::KdfParams("iterations must be 1 to 64".into()));
        }
        if !(1..=16).contains(&self.parallelism) {
            return Err(CryptoError::KdfParams("parallelism must be 1 to 16".into()));
        }
        Ok(())
    }

    /// Derives a 256-bit key-encryption key from a passphrase and the header's salt.
    pub fn derive(
        &self,
        passphrase: &[u8],
        salt: &[u8],
    ) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
        self.check()?;
        let params =
            argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
                .map_err(|e| CryptoError::KdfParams(e.to_string()))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(passphrase, salt, out.as_mut())
            .map_err(|e| CryptoError::KdfParams(e.to_string()))?;
        Ok(out)
    }
}
