//! The Merkle log: RFC 9162 tree hashing, proofs, and signed tree heads.
//!
//! [`merkle`] owns the hashing and proof arithmetic; it knows nothing about entries,
//! storage or signatures, so an officer's verifier can reuse it unchanged.

pub mod head;
pub mod merkle;

pub use head::{CHECKPOINT_MAGIC, HEAD_NAMESPACE, HeadError, SignedHead, TreeHead};
pub use merkle::{
    Frontier, Hash, HexError, ProofError, consistency_proof, empty_root, from_hex, inclusion_proof,
    leaf_hash, node_hash, root, to_hex, verify_consistency, verify_inclusion,
};
