//! Signed tree heads and checkpoints.
//!
//! A tree head `{size, root, time, key}` is one line of JSON followed by a newline; those
//! exact bytes are signed with sshsig under the namespace `tally-tree-head-v1`, so anyone
//! can check a head with `ssh-keygen -Y verify` as well as with Tally. A checkpoint is the
//! same head and signature as a short text the victim can send to someone they trust;
//! any later pack proves it extends that checkpoint.

use chrono::{DateTime, Utc};
use ring::signature::Ed25519KeyPair;
use serde::{Deserialize, Serialize};

use super::merkle::{self, Hash};
use crate::crypto::sshsig::{self, SshPublicKey, SshSigError};

/// The sshsig namespace of tree-head signatures.
pub const HEAD_NAMESPACE: &str = "tally-tree-head-v1";

/// First line of a checkpoint text.
pub const CHECKPOINT_MAGIC: &str = "tally-checkpoint-v1";

/// Why a head or checkpoint is not acceptable.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HeadError {
    /// The text is not a tree head (or a checkpoint) in Tally's format.
    #[error("not a Tally {0}")]
    Format(&'static str),
    /// The signature does not verify.
    #[error("signature: {0}")]
    Signature(#[from] SshSigError),
    /// Signed, but by a different key than the diary's.
    #[error("signed by {found}, not by the diary's key {expected}")]
    WrongKey {
        /// The fingerprint expected.
        expected: String,
        /// The fingerprint found.
        found: String,
    },
    /// The head names a different key than the one that signed it.
    #[error("the head names a key other than the one that signed it")]
    KeyMismatch,
}

/// The state of the log at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeHead {
    /// Number of entries.
    pub size: u64,
    /// RFC 9162 root over the first `size` leaves, lower-case hex.
    pub root: String,
    /// When it was signed (device clock, UTC, whole seconds).
    pub time: DateTime<Utc>,
    /// The signing key, as an OpenSSH public key line.
    pub key: String,
}

impl TreeHead {
    /// A head for `size` entries with `root`.
    pub fn new(size: u64, root: &Hash, time: DateTime<Utc>, key: &SshPublicKey) -> Self {
        TreeHead {
            size,
            root: merkle::to_hex(root),
            time,
            key: key.to_openssh(),
        }
    }

    /// The exact bytes that are signed: one line of JSON and a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// The root as bytes.
    pub fn root_hash(&self) -> Result<Hash, HeadError> {
        merkle::from_hex(&self.root).map_err(|_| HeadError::Format("tree head (root)"))
    }
}

/// A tree head, the exact bytes signed, and the armored sshsig signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHead {
    /// The parsed head.
    pub head: TreeHead,
    /// The signed bytes (what `tree-head.json` holds in a pack).
    pub bytes: Vec<u8>,
    /// The armored signature (what `tree-head.json.sig` holds).
    pub signature: String,
}

impl SignedHead {
    /// Signs `head` with the diary's key pair.
    pub fn sign(head: TreeHead, key_pair: &Ed25519KeyPair) -> Self {
        let bytes = head.to_bytes();
        let signature = sshsig::sign(key_pair, HEAD_NAMESPACE, &bytes);
        SignedHead {
            head,
            bytes,
            signature,
        }
    }

    /// Checks `signature` over `bytes` and that the signer is `expected` (when given) and
    /// the key the head names.
    pub fn verify(
        bytes: &[u8],
        signature: &str,
        expected: Option<&SshPublicKey>,
    ) -> Result<Self, HeadError> {
        let signer = sshsig::verify(signature, HEAD_NAMESPACE, bytes)?;
        if let Some(expected) = expected
            && signer != *expected
        {
            return Err(HeadError::WrongKey {
                expected: expected.fingerprint(),
                found: signer.fingerprint(),
            });
        }
        let head: TreeHead = serde_json::from_slice(bytes.strip_suffix(b"\n").unwrap_or(bytes))
            .map_err(|_| HeadError::Format("tree head"))?;
        let named =
            SshPublicKey::parse_openssh(&head.key).map_err(|_| HeadError::Format("tree head"))?;
        if named != signer {
            return Err(HeadError::KeyMismatch);
        }
        Ok(SignedHead {
            head,
            bytes: bytes.to_vec(),
            signature: signature.to_owned(),
        })
    }

    /// How a head is kept inside the diary: the head line, then the armored signature.
    pub fn to_stored(&self) -> Vec<u8> {
        let mut out = self.bytes.clone();
        out.extend_from_slice(self.signature.as_bytes());
        out
    }

    /// Reads what [`SignedHead::to_stored`] wrote and verifies it.
    pub fn from_stored(stored: &[u8], expected: Option<&SshPublicKey>) -> Result<Self, HeadError> {
        let split = stored
            .iter()
            .position(|&b| b == b'\n')
            .ok_or(HeadError::Format("stored tree head"))?;
        let (bytes, sig) = stored.split_at(split + 1);
        let sig = std::str::from_utf8(sig).map_err(|_| HeadError::Format("stored tree head"))?;
        Self::verify(bytes, sig, expected)
    }

    /// The checkpoint text: a first line naming the format, the head line, the signature.
    pub fn to_checkpoint(&self) -> String {
        format!(
            "{CHECKPOINT_MAGIC}\n{}{}",
            String::from_utf8_lossy(&self.bytes),
            self.signature
        )
    }

    /// Reads and verifies a checkpoint text (signed by `expected`, when given).
    pub fn from_checkpoint(text: &str, expected: Option<&SshPublicKey>) -> Result<Self, HeadError> {
        let rest = text
            .trim_start_matches('\u{feff}')
            .strip_prefix(CHECKPOINT_MAGIC)
            .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
            .ok_or(HeadError::Format("checkpoint"))?;
        let line_end = rest.find('\n').ok_or(HeadError::Format("checkpoint"))?;
        let (line, sig) = rest.split_at(line_end + 1);
        let line = line.trim_end_matches(['\r', '\n']);
        let mut bytes = line.as_bytes().to_vec();
        bytes.push(b'\n');
        Self::verify(&bytes, sig, expected)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key_pair(seed: u8) -> Ed25519KeyPair {
        Ed25519KeyPair::from_seed_unchecked(&[seed; 32]).unwrap()
    }

    fn head(kp: &Ed25519KeyPair) -> SignedHead {
        let key = SshPublicKey::from_key_pair(kp);
        let time = DateTime::from_timestamp(1_710_000_000, 0).unwrap();
        SignedHead::sign(TreeHead::new(3, &[9u8; 32], time, &key), kp)
    }

    #[test]
    fn checkpoint_round_trips_and_names_its_signer() {
        let kp = key_pair(1);
        let key = SshPublicKey::from_key_pair(&kp);
        let signed = head(&kp);
        let text = signed.to_checkpoint();
        assert!(text.starts_with("tally-checkpoint-v1\n{\"size\":3,"));
        let back = SignedHead::from_checkpoint(&text, Some(&key)).unwrap();
        assert_eq!(back, signed);
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(
            SignedHead::from_checkpoint(&crlf, Some(&key)).unwrap().head,
            signed.head
        );
    }

    #[test]
    fn checkpoint_from_another_diary_is_refused() {
        let signed = head(&key_pair(1));
        let other = SshPublicKey::from_key_pair(&key_pair(2));
        let err = SignedHead::from_checkpoint(&signed.to_checkpoint(), Some(&other)).unwrap_err();
        assert!(matches!(err, HeadError::WrongKey { .. }), "{err}");
    }

    #[test]
    fn edited_checkpoint_is_refused() {
        let kp = key_pair(1);
        let text = head(&kp)
            .to_checkpoint()
            .replace("\"size\":3", "\"size\":4");
        assert!(matches!(
            SignedHead::from_checkpoint(&text, None),
            Err(HeadError::Signature(_))
        ));
        assert!(SignedHead::from_checkpoint("hello", None).is_err());
        assert!(SignedHead::from_checkpoint("", None).is_err());
    }

    #[test]
    fn stored_head_round_trips() {
        let kp = key_pair(3);
        let signed = head(&kp);
        let key = SshPublicKey::from_key_pair(&kp);
        assert_eq!(
            SignedHead::from_stored(&signed.to_stored(), Some(&key)).unwrap(),
            signed
        );
    }
}
