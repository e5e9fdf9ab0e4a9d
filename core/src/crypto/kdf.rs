//! The passphrase KDF: Argon2id (RFC 9106) with parameters stored in the diary header, so
//! they can be raised later without breaking old diaries.
//!
//! Parameters read from a header are outside data: [`KdfParams::check`] holds them to
//! fixed bounds before any memory is allocated or any pass is run. The floor is also the
//! weakest a new diary may be created with, so no header and no caller (the bindings
//! included) can make a diary that is cheaper to attack than the floor, and the ceiling
//! keeps one unlock attempt within the memory budget of any operation and a few seconds.

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

/// Least memory accepted: 19 MiB, OWASP's minimum for Argon2id (Password Storage Cheat
/// Sheet: m = 19456 KiB, t = 2, p = 1).
pub const MIN_MEMORY_KIB: u32 = 19 * 1024;
/// Fewest passes accepted (with [`MIN_MEMORY_KIB`], OWASP's minimum).
pub const MIN_ITERATIONS: u32 = 2;
/// Most memory accepted: 64 MiB, the default and the memory budget of any one operation.
pub const MAX_MEMORY_KIB: u32 = 64 * 1024;
/// Most passes accepted: four times the default, a few seconds on a phone.
pub const MAX_ITERATIONS: u32 = 12;
/// Most lanes accepted.
pub const MAX_PARALLELISM: u32 = 4;

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
    /// The weakest parameters a diary may have: 19 MiB, 2 passes, 1 lane. Tests and
    /// benchmarks use them because they are the fastest that are still accepted; real
    /// diaries use [`KdfParams::default`].
    pub fn floor() -> Self {
        KdfParams {
            algorithm: KdfAlgorithm::Argon2id,
            memory_kib: MIN_MEMORY_KIB,
            iterations: MIN_ITERATIONS,
            parallelism: 1,
        }
    }

    /// The same as [`KdfParams::floor`] (the name earlier tests use).
    #[doc(hidden)]
    pub fn insecure_for_tests() -> Self {
        Self::floor()
    }

    /// Refuses parameters outside the fixed bounds: weaker than a new diary's floor, or
    /// costlier than one unlock may be. Runs before any work, on every header read and
    /// every diary created.
    pub fn check(&self) -> Result<(), CryptoError> {
        if !(MIN_MEMORY_KIB..=MAX_MEMORY_KIB).contains(&self.memory_kib) {
            return Err(CryptoError::KdfParams(format!(
                "memory must be {MIN_MEMORY_KIB} to {MAX_MEMORY_KIB} KiB"
            )));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(CryptoError::KdfParams(format!(
                "iterations must be {MIN_ITERATIONS} to {MAX_ITERATIONS}"
            )));
        }
        if !(1..=MAX_PARALLELISM).contains(&self.parallelism) {
            return Err(CryptoError::KdfParams(format!(
                "parallelism must be 1 to {MAX_PARALLELISM}"
            )));
        }
        Ok(())
    }

    /// Reads parameters from a header's JSON and checks them against the bounds.
    pub fn from_header(json: &str) -> Result<Self, CryptoError> {
        // A header holds a short JSON object; anything long is not one (and is not parsed).
        if json.len() > 256 {
            return Err(CryptoError::KdfParams(
                "the stored parameters are malformed".into(),
            ));
        }
        let params: KdfParams = serde_json::from_str(json)
            .map_err(|_| CryptoError::KdfParams("the stored parameters are malformed".into()))?;
        params.check()?;
        Ok(params)
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parameters_outside_the_bounds_are_refused_before_any_work() {
        let hostile = [
            (4 * 1024 * 1024, 64, 1),
            (8, 1, 1),
            (MIN_MEMORY_KIB - 1, 3, 1),
            (MIN_MEMORY_KIB, 1, 1),
            (MAX_MEMORY_KIB + 1, 3, 1),
            (MAX_MEMORY_KIB, MAX_ITERATIONS + 1, 1),
            (MAX_MEMORY_KIB, 3, 0),
            (MAX_MEMORY_KIB, 3, MAX_PARALLELISM + 1),
        ];
        for (memory_kib, iterations, parallelism) in hostile {
            let p = KdfParams {
                memory_kib,
                iterations,
                parallelism,
                ..KdfParams::default()
            };
            let started = std::time::Instant::now();
            assert!(p.derive(b"pass", &[0u8; 16]).is_err(), "{p:?}");
            assert!(
                started.elapsed() < std::time::Duration::from_millis(50),
                "{p:?}"
            );
        }
        assert!(KdfParams::default().check().is_ok());
        assert!(KdfParams::floor().check().is_ok());
    }

    #[test]
    fn header_json_is_read_with_its_bounds() {
        let json = serde_json::to_string(&KdfParams::default()).unwrap();
        assert_eq!(KdfParams::from_header(&json).unwrap(), KdfParams::default());
        let weak = r#"{"algorithm":"argon2id","memory_kib":8,"iterations":1,"parallelism":1}"#;
        assert!(KdfParams::from_header(weak).is_err());
        assert!(KdfParams::from_header(&"x".repeat(10_000)).is_err());
        assert!(KdfParams::from_header("nonsense").is_err());
    }
}
