//! The key a recipient expects a pack to be signed by. A pack carries its own public key,
//! so its signature alone proves only that *some* key signed it: anyone can re-sign an
//! altered pack with a key of their own. What ties a pack to the victim's diary is a
//! fingerprint learnt by another route (read out in person, on the phone, from a
//! checkpoint she sent earlier), given to the verifier to compare.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;

use crate::crypto::sshsig::SshPublicKey;

/// A key fingerprint as OpenSSH prints it (`SHA256:` and 43 base64 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeyFingerprint(String);

/// What was given in place of a fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a key fingerprint: give it as ssh-keygen -l prints it (SHA256: and 43 letters, digits, '+' or '/'), or the whole ssh-ed25519 public key"
)]
pub struct BadFingerprint(pub String);

impl KeyFingerprint {
    /// Reads `SHA256:…`, or an `ssh-ed25519 AAAA…` public key (whose fingerprint is taken).
    pub fn parse(text: &str) -> Result<Self, BadFingerprint> {
        let text = text.trim();
        let shown = || BadFingerprint(text.chars().take(80).collect());
        if let Some(b64) = text.strip_prefix("SHA256:") {
            let b64 = b64.trim_end_matches('=');
            let decoded = base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(b64)
                .map_err(|_| shown())?;
            if decoded.len() != 32 {
                return Err(shown());
            }
            return Ok(KeyFingerprint(format!("SHA256:{b64}")));
        }
        SshPublicKey::parse_openssh(text)
            .map(|k| KeyFingerprint(k.fingerprint()))
            .map_err(|_| shown())
    }

    /// Whether `key` is the key this fingerprint names.
    pub fn matches(&self, key: &SshPublicKey) -> bool {
        key.fingerprint() == self.0
    }

    /// `SHA256:…`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for KeyFingerprint {
    type Err = BadFingerprint;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KeyFingerprint::parse(s)
    }
}

/// What, outside the pack, confirms whose key signed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyConfirmation {
    /// Nothing: the pack holds together, but any key could have signed it. Compare its
    /// fingerprint with one learnt from the diary's owner by another route.
    #[default]
    NotConfirmed,
    /// The recipient gave the fingerprint they expected, and the pack is signed by it.
    ExpectedKey,
    /// The recipient gave a checkpoint received earlier, signed by the same key, and the
    /// pack extends it.
    Checkpoint,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_read_as_ssh_keygen_prints_them_or_from_the_key() {
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = ring::signature::Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
        let kp = ring::signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
        let key = SshPublicKey::from_key_pair(&kp);
        let fp = KeyFingerprint::parse(&key.fingerprint()).unwrap();
        assert!(fp.matches(&key));
        assert_eq!(
            KeyFingerprint::parse(&format!(" {} ", key.to_openssh())).unwrap(),
            fp
        );
        for bad in [
            "",
            "SHA256:",
            "SHA256:abc",
            "MD5:aa:bb",
            "ssh-ed25519 AAAA",
            "nonsense",
        ] {
            assert!(KeyFingerprint::parse(bad).is_err(), "{bad:?}");
        }
    }
}
