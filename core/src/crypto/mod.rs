//! Cryptography: passphrase KDF, key wrapping, AEAD for records and chunks, Ed25519, sshsig.
pub mod sshsig;
