//! The Merkle log: RFC 9162 tree hashing, proofs, and signed tree heads.
