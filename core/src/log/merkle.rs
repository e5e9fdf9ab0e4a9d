//! RFC 9162 §2.1 Merkle tree hashing over the diary's entries, a compact frontier for
//! O(log n) appends, and inclusion and consistency proofs with their verifiers.
//!
//! Everything here must be reproducible bit for bit by anyone with the RFC and a SHA-256
//! tool, because an officer's verifier recomputes the root of a pack from its listed leaf
//! hashes. The functions therefore follow the RFC's definitions literally and say which
//! section each one implements. Verification never trusts a size or a proof it is given:
//! hostile input gets an `Err`, never a panic, and the work done is bounded by the 64 bits
//! of a `u64` size, not by the size's value or the proof's length.

use ring::digest::{Context, SHA256};

/// A SHA-256 output: a leaf hash, an interior node hash or a tree root.
pub type Hash = [u8; 32];

/// Why a proof was refused, or why one could not be produced.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum ProofError {
    /// The leaf index is not inside the tree (indexes run from 0 to size - 1).
    #[error("leaf index {index} is out of range for a tree of size {size}")]
    IndexOutOfRange {
        /// The index that was asked for.
        index: u64,
        /// The size of the tree it was asked of.
        size: u64,
    },
    /// A consistency proof was asked between an old tree larger than the new one.
    #[error("old tree size {old_size} is larger than new tree size {new_size}")]
    OldSizeLargerThanNew {
        /// The claimed earlier size.
        old_size: u64,
        /// The claimed later size.
        new_size: u64,
    },
    /// The proof has more hashes than a proof for these sizes can have.
    #[error(
        "proof is too long: a proof for these tree sizes has {expected} hashes, this one has {actual}"
    )]
    ProofTooLong {
        /// The number of hashes RFC 9162 prescribes for these sizes.
        expected: usize,
        /// The number of hashes supplied.
        actual: usize,
    },
    /// The proof has fewer hashes than a proof for these sizes must have.
    #[error(
        "proof is too short: a proof for these tree sizes has {expected} hashes, this one has {actual}"
    )]
    ProofTooShort {
        /// The number of hashes RFC 9162 prescribes for these sizes.
        expected: usize,
        /// The number of hashes supplied.
        actual: usize,
    },
    /// An inclusion proof does not lead from the leaf to the given root.
    #[error("root mismatch: the inclusion proof does not lead to the given root")]
    RootMismatch,
    /// A consistency proof does not reproduce the old tree's root.
    #[error("old root mismatch: the consistency proof does not reproduce the old tree's root")]
    OldRootMismatch,
    /// A consistency proof does not reproduce the new tree's root.
    #[error("new root mismatch: the consistency proof does not reproduce the new tree's root")]
    NewRootMismatch,
    /// Two tree heads claim the same size but different roots: the log was forked or altered.
    #[error("two tree heads of size {size} have different roots")]
    DifferentRootsForSameSize {
        /// The size both heads claim.
        size: u64,
    },
}

/// Why a hash written in hex could not be read.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum HexError {
    /// The text is not exactly 64 characters long.
    #[error("a hash must be 64 lowercase hex digits, found {found} characters")]
    WrongLength {
        /// How many characters the text had.
        found: usize,
    },
    /// A character is not one of `0-9a-f`.
    #[error("character {position} of a hash is not a lowercase hex digit")]
    NotLowercaseHex {
        /// The 1-based position of the first offending character.
        position: usize,
    },
}

/// SHA-256 over the concatenation of `parts`.
fn sha256(parts: &[&[u8]]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    for part in parts {
        ctx.update(part);
    }
    let digest = ctx.finish();
    let mut out = [0u8; 32];
    // SHA-256 always yields 32 bytes, so this copy cannot mismatch in length.
    out.copy_from_slice(digest.as_ref());
    out
}

/// The leaf hash of one entry: SHA-256(0x00 ‖ entry bytes), RFC 9162 §2.1.1.
///
/// The 0x00 prefix (against 0x01 for nodes) is the domain separation that stops an
/// interior node from being passed off as a leaf.
pub fn leaf_hash(entry_bytes: &[u8]) -> Hash {
    sha256(&[&[0x00], entry_bytes])
}

/// An interior node hash: SHA-256(0x01 ‖ left ‖ right), RFC 9162 §2.1.1.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    sha256(&[&[0x01], left, right])
}

/// The root of the empty tree: SHA-256 of no bytes at all, RFC 9162 §2.1.1.
pub fn empty_root() -> Hash {
    sha256(&[])
}

/// The largest power of two strictly smaller than `n`, the split point `k` of
/// RFC 9162 §2.1.1. Only called with `n >= 2`.
fn split_point(n: usize) -> usize {
    debug_assert!(n >= 2);
    let top_bit = usize::BITS - 1 - (n - 1).leading_zeros();
    1usize << top_bit
}

/// The Merkle Tree Hash `MTH(D[n])` of RFC 9162 §2.1.1 over leaves that are already
/// leaf-hashed (so a one-leaf tree's root is that leaf hash itself).
///
/// Each leaf and each interior node is hashed once, so this is O(n); the recursion is
/// only log2(n) deep because each call at least halves the range.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves {
        [] => empty_root(),
        [only] => *only,
        _ => {
            let (left, right) = leaves.split_at(split_point(leaves.len()));
            node_hash(&root(left), &root(right))
        }
    }
}

/// A compact range: the roots of the perfect subtrees in the binary decomposition of the
/// tree's size, largest (leftmost) first.
///
/// A tree of size 13 = 8 + 4 + 1 is held as three hashes. Appending merges equal-sized
/// subtrees like a binary counter carrying, so a push costs O(log n) hashes and the root
/// of every prefix can be tracked as the log grows without rereading it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frontier {
    /// Roots of the perfect subtrees, left to right; their sizes are the set bits of `size`
    /// from the highest down.
    subtrees: Vec<Hash>,
    /// Number of leaves pushed.
    size: u64,
}

impl Frontier {
    /// The frontier of the empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// The frontier of the tree over `leaves` (already leaf-hashed).
    pub fn from_leaves(leaves: &[Hash]) -> Self {
        let mut frontier = Self::new();
        for leaf in leaves {
            frontier.push(*leaf);
        }
        frontier
    }

    /// Appends one leaf hash.
    pub fn push(&mut self, leaf: Hash) {
        let mut carry = leaf;
        // Every trailing 1 bit of the old size is a perfect subtree the same size as the
        // one being carried; merge them left-to-right, exactly as MTH pairs them.
        let mut bits = self.size;
        while bits & 1 == 1 {
            match self.subtrees.pop() {
                Some(left) => carry = node_hash(&left, &carry),
                // Unreachable while `subtrees` matches the set bits of `size`, which every
                // constructor maintains; stopping keeps a corrupted frontier from panicking.
                None => break,
            }
            bits >>= 1;
        }
        self.subtrees.push(carry);
        // A tree of 2^64 leaves cannot be built on any machine, so this cannot overflow.
        self.size += 1;
    }

    /// Number of leaves in the tree.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The roots of the perfect subtrees, largest first (for persisting or inspecting).
    pub fn subtree_roots(&self) -> &[Hash] {
        &self.subtrees
    }

    /// The tree's root, equal to [`root`] over the same leaves.
    ///
    /// RFC 9162 §2.1.1 splits at the largest power of two below n, which is exactly the
    /// leftmost perfect subtree; recursing on the rest peels off the next one. So the root
    /// is the subtrees folded from the right: MTH = H(s0, H(s1, H(s2, ...))).
    pub fn root(&self) -> Hash {
        let mut from_right = self.subtrees.iter().rev();
        match from_right.next() {
            None => empty_root(),
            Some(last) => from_right.fold(*last, |acc, left| node_hash(left, &acc)),
        }
    }
}

/// The audit path `PATH(m, D[n])` of RFC 9162 §2.1.3.1 for leaf `index` in the tree over
/// `leaves` (already leaf-hashed), deepest sibling first.
///
/// Costs O(n) hashes, since it recomputes the subtree roots it needs from the leaves.
pub fn inclusion_proof(leaves: &[Hash], index: u64) -> Result<Vec<Hash>, ProofError> {
    let out_of_range = ProofError::IndexOutOfRange {
        index,
        size: leaves.len() as u64,
    };
    let m = usize::try_from(index).map_err(|_| out_of_range.clone())?;
    if m >= leaves.len() {
        return Err(out_of_range);
    }
    let mut proof = Vec::new();
    audit_path(m, leaves, &mut proof);
    Ok(proof)
}

/// `PATH(m, D[n])`, RFC 9162 §2.1.3.1. Requires `m < leaves.len()`.
fn audit_path(m: usize, leaves: &[Hash], out: &mut Vec<Hash>) {
    // PATH(0, {d(0)}) = {}
    if leaves.len() <= 1 {
        return;
    }
    let k = split_point(leaves.len());
    let (left, right) = leaves.split_at(k);
    if m < k {
        // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])
        audit_path(m, left, out);
        out.push(root(right));
    } else {
        // PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])
        audit_path(m - k, right, out);
        out.push(root(left));
    }
}

/// Number of hashes in a valid inclusion proof for (`index`, `size`), found by running the
/// index arithmetic of RFC 9162 §2.1.3.2 without hashing. Requires `index < size`.
/// At most 64 iterations: every one shifts `sn` right at least once.
fn inclusion_proof_len(index: u64, size: u64) -> usize {
    let mut f_n = index;
    let mut s_n = size - 1;
    let mut len = 0;
    while s_n != 0 {
        if f_n & 1 == 1 || f_n == s_n {
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        }
        f_n >>= 1;
        s_n >>= 1;
        len += 1;
    }
    len
}

/// Checks that `leaf` is at `index` in the tree of `size` leaves whose root is `root`,
/// following RFC 9162 §2.1.3.2 step by step.
///
/// The proof's length is checked against the length the sizes prescribe before any hashing,
/// so a hostile proof of any length costs at most 64 hashes.
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    // 1. Compare leaf_index against tree_size. If leaf_index is greater than or equal to
    //    tree_size, then fail the proof verification.
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    // Not in the RFC's steps, which would reach the same verdict after hashing the whole
    // proof: refuse a proof of the wrong length up front, and name which way it is wrong.
    let expected = inclusion_proof_len(index, size);
    check_len(expected, proof.len())?;

    // 2. Set fn to leaf_index and sn to tree_size - 1.
    let mut f_n = index;
    let mut s_n = size - 1;
    // 3. Set r to hash.
    let mut r = *leaf;
    // 4. For each value p in the inclusion_path array:
    for p in proof {
        // a. If sn is 0, then stop the iteration and fail the proof verification.
        if s_n == 0 {
            return Err(ProofError::ProofTooLong {
                expected,
                actual: proof.len(),
            });
        }
        // b. If LSB(fn) is set, or if fn is equal to sn, then:
        if f_n & 1 == 1 || f_n == s_n {
            // i. Set r to HASH(0x01 || p || r).
            r = node_hash(p, &r);
            // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until
            //     either LSB(fn) is set or fn is 0.
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            // Otherwise: i. Set r to HASH(0x01 || r || p).
            r = node_hash(&r, p);
        }
        // c. Finally, right-shift both fn and sn one time.
        f_n >>= 1;
        s_n >>= 1;
    }
    // 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and
    //    the root_hash are equal, then the log has proven the inclusion of hash.
    if s_n != 0 {
        return Err(ProofError::ProofTooShort {
            expected,
            actual: proof.len(),
        });
    }
    if r != *root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

/// The consistency proof `PROOF(m, D[n])` of RFC 9162 §2.1.4.1 that the tree of the first
/// `old_size` leaves is a prefix of the tree over all `leaves` (already leaf-hashed).
///
/// For `old_size` 0 or `old_size == leaves.len()` the proof is empty: every tree extends
/// the empty tree, and a tree trivially extends itself. Costs O(n) hashes.
pub fn consistency_proof(leaves: &[Hash], old_size: u64) -> Result<Vec<Hash>, ProofError> {
    let new_size = leaves.len() as u64;
    if old_size > new_size {
        return Err(ProofError::OldSizeLargerThanNew { old_size, new_size });
    }
    let mut proof = Vec::new();
    if old_size == 0 {
        return Ok(proof);
    }
    // old_size <= leaves.len(), so it fits in usize.
    let m = usize::try_from(old_size)
        .map_err(|_| ProofError::OldSizeLargerThanNew { old_size, new_size })?;
    // PROOF(m, D[n]) = SUBPROOF(m, D[n], true)
    subproof(m, leaves, true, &mut proof);
    Ok(proof)
}

/// `SUBPROOF(m, D[n], b)`, RFC 9162 §2.1.4.1. Requires `1 <= m <= leaves.len()`.
fn subproof(m: usize, leaves: &[Hash], whole_old_tree: bool, out: &mut Vec<Hash>) {
    let n = leaves.len();
    if m == n {
        // SUBPROOF(m, D[m], true) = {}: the verifier already holds the old root.
        // SUBPROOF(m, D[m], false) = {MTH(D[m])}
        if !whole_old_tree {
            out.push(root(leaves));
        }
        return;
    }
    // m < n, so n >= 2 and the split is defined.
    let k = split_point(n);
    let (left, right) = leaves.split_at(k);
    if m <= k {
        // SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
        subproof(m, left, whole_old_tree, out);
        out.push(root(right));
    } else {
        // SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
        subproof(m - k, right, false, out);
        out.push(root(left));
    }
}

/// Number of hashes in a valid consistency proof for `0 < first < second`, found by running
/// the index arithmetic of RFC 9162 §2.1.4.2 without hashing. At most 64 iterations of each
/// loop, since every iteration shifts `sn` right.
fn consistency_proof_len(first: u64, second: u64) -> usize {
    let mut f_n = first - 1;
    let mut s_n = second - 1;
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    // The first value of the (possibly prepended) path seeds fr and sr.
    let mut len = 1;
    while s_n != 0 {
        if f_n & 1 == 1 || f_n == s_n {
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        }
        f_n >>= 1;
        s_n >>= 1;
        len += 1;
    }
    // When first is a power of two the verifier prepends first_hash itself, so the proof
    // as sent is one shorter.
    if first.is_power_of_two() {
        len -= 1;
    }
    len
}

/// Checks that the tree of `old_size` leaves with root `old_root` is a prefix of the tree
/// of `new_size` leaves with root `new_root`, following RFC 9162 §2.1.4.2 step by step.
///
/// The RFC covers `0 < old_size < new_size`; the edge cases are decided here as follows.
/// Size 0: the proof must be empty and `old_root` must be the empty tree's root (a size-0
/// head with any other root is not a real head). Equal sizes: the proof must be empty and
/// the roots equal; unequal roots are reported as
/// [`ProofError::DifferentRootsForSameSize`], because that is evidence of a forked log.
/// The proof's length is checked before any hashing, so hostile input costs at most
/// 128 hashes.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if old_size > new_size {
        return Err(ProofError::OldSizeLargerThanNew { old_size, new_size });
    }
    if old_size == 0 {
        check_len(0, proof.len())?;
        if *old_root != empty_root() {
            return Err(ProofError::OldRootMismatch);
        }
        if new_size == 0 && *new_root != empty_root() {
            return Err(ProofError::NewRootMismatch);
        }
        return Ok(());
    }
    if old_size == new_size {
        check_len(0, proof.len())?;
        if old_root != new_root {
            return Err(ProofError::DifferentRootsForSameSize { size: old_size });
        }
        return Ok(());
    }

    // From here 0 < first < second, the case RFC 9162 §2.1.4.2 describes.
    let (first, second) = (old_size, new_size);
    let expected = consistency_proof_len(first, second);
    check_len(expected, proof.len())?;

    // 1. If consistency_path is an empty array, stop the verification and return an error.
    if proof.is_empty() {
        return Err(ProofError::ProofTooShort {
            expected,
            actual: 0,
        });
    }
    // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path
    //    array. (Done by choosing where the iteration starts, instead of copying.)
    let (seed, rest) = if first.is_power_of_two() {
        (old_root, proof)
    } else {
        match proof.split_first() {
            Some((head, tail)) => (head, tail),
            None => {
                return Err(ProofError::ProofTooShort {
                    expected,
                    actual: 0,
                });
            }
        }
    };
    // 3. Set fn to first - 1 and sn to second - 1.
    let mut f_n = first - 1;
    let mut s_n = second - 1;
    // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    // 5. Set both fr and sr to the first value in the consistency_path array.
    let mut fr = *seed;
    let mut sr = *seed;
    // 6. For each subsequent value c in the consistency_path array:
    for c in rest {
        // a. If sn is 0, then stop the iteration and fail the proof verification.
        if s_n == 0 {
            return Err(ProofError::ProofTooLong {
                expected,
                actual: proof.len(),
            });
        }
        // b. If LSB(fn) is set, or if fn is equal to sn, then:
        if f_n & 1 == 1 || f_n == s_n {
            // i. Set fr to HASH(0x01 || c || fr). Set sr to HASH(0x01 || c || sr).
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until
            //     either LSB(fn) is set or fn is 0.
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            // Otherwise: i. Set sr to HASH(0x01 || sr || c).
            sr = node_hash(&sr, c);
        }
        // c. Finally, right-shift both fn and sn one time.
        f_n >>= 1;
        s_n >>= 1;
    }
    // 7. Verify that the fr calculated is equal to the first_hash supplied, that the sr
    //    calculated is equal to the second_hash supplied, and that sn is 0.
    if s_n != 0 {
        return Err(ProofError::ProofTooShort {
            expected,
            actual: proof.len(),
        });
    }
    if fr != *old_root {
        return Err(ProofError::OldRootMismatch);
    }
    if sr != *new_root {
        return Err(ProofError::NewRootMismatch);
    }
    Ok(())
}

/// Refuses a proof whose length differs from the prescribed one.
fn check_len(expected: usize, actual: usize) -> Result<(), ProofError> {
    if actual > expected {
        Err(ProofError::ProofTooLong { expected, actual })
    } else if actual < expected {
        Err(ProofError::ProofTooShort { expected, actual })
    } else {
        Ok(())
    }
}

/// A hash as 64 lowercase hex digits, the form packs list leaves and roots in.
pub fn to_hex(h: &Hash) -> String {
    hex::encode(h)
}

/// Reads a hash written as exactly 64 lowercase hex digits.
///
/// Uppercase is refused so that every hash has one spelling: a pack written by Tally only
/// ever contains lowercase, and a hash can then be found by plain text search.
pub fn from_hex(s: &str) -> Result<Hash, HexError> {
    let found = s.chars().count();
    if found != 64 {
        return Err(HexError::WrongLength { found });
    }
    if let Some(position) = s.chars().position(|c| !matches!(c, '0'..='9' | 'a'..='f')) {
        return Err(HexError::NotLowercaseHex {
            position: position + 1,
        });
    }
    let mut out = [0u8; 32];
    // Every character was checked above, so decoding cannot fail; map rather than panic.
    hex::decode_to_slice(s, &mut out).map_err(|_| HexError::NotLowercaseHex { position: 1 })?;
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn h(s: &str) -> Hash {
        from_hex(s).unwrap()
    }

    // ---- The Certificate Transparency 8-leaf test tree -------------------------------
    //
    // Leaf inputs, node hashes, prefix roots and compact ranges are the published values in
    // github.com/transparency-dev/merkle, testonly/constants.go (LeafInputs, NodeHashes,
    // RootHashes, CompactTrees; commit 582a6ad190b6848f1d26f8bf08ddef29955d9db1), which
    // carries forward Google's certificate-transparency test tree. The proofs are the
    // published inclusionProofs / consistencyProofs of proof/verify_test.go in the same
    // repository (commit 02194e9afb6c1d95b5381350007963aa70fff472). Nothing below was
    // computed by this implementation.

    fn ct_leaf_inputs() -> Vec<Vec<u8>> {
        [
            "",
            "00",
            "10",
            "2021",
            "3031",
            "40414243",
            "5051525354555657",
            "606162636465666768696a6b6c6d6e6f",
        ]
        .iter()
        .map(|s| hex::decode(s).unwrap())
        .collect()
    }

    fn ct_leaves() -> Vec<Hash> {
        ct_leaf_inputs().iter().map(|b| leaf_hash(b)).collect()
    }

    /// NodeHashes(): [level][index] for every perfect subtree of the 8-leaf tree.
    fn ct_nodes() -> Vec<Vec<Hash>> {
        vec![
            vec![
                h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
                h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                h("0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7"),
                h("07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7"),
                h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                h("4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658"),
                h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
                h("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
            ],
            vec![
                h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
                h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            ],
            vec![
                h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            ],
            vec![h(
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
            )],
        ]
    }

    /// RootHashes(): the root of every prefix, indexed by size 0..=8.
    fn ct_roots() -> Vec<Hash> {
        vec![
            h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
            h("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            h("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
            h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
            h("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
            h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
        ]
    }

    /// Published inclusion proofs as (0-based index, size, proof). verify_test.go lists
    /// them with a 1-based leaf number; it subtracts one before use, as done here.
    fn ct_inclusion_proofs() -> Vec<(u64, u64, Vec<Hash>)> {
        vec![
            (
                0,
                8,
                vec![
                    h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                    h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                    h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                ],
            ),
            (
                5,
                8,
                vec![
                    h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                    h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                    h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                ],
            ),
            (
                2,
                3,
                vec![h(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                )],
            ),
            (
                1,
                5,
                vec![
                    h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
                    h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                    h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                ],
            ),
        ]
    }

    /// Published consistency proofs as (old size, new size, proof).
    fn ct_consistency_proofs() -> Vec<(u64, u64, Vec<Hash>)> {
        vec![
            (1, 1, vec![]),
            (
                1,
                8,
                vec![
                    h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                    h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                    h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                ],
            ),
            (
                6,
                8,
                vec![
                    h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                    h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                    h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                ],
            ),
            (
                2,
                5,
                vec![
                    h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                    h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                ],
            ),
            (
                6,
                7,
                vec![
                    h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                    h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
                    h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                ],
            ),
        ]
    }

    /// (what, leaf, index, size, proof, root): one corrupted inclusion claim.
    type InclusionProbe = (&'static str, Hash, u64, u64, Vec<Hash>, Hash);
    /// (what, old size, new size, old root, new root, proof): one corrupted consistency claim.
    type ConsistencyProbe = (&'static str, u64, u64, Hash, Hash, Vec<Hash>);

    /// `abacaba...` from verify_test.go: an arbitrary hash that is in no tree.
    fn some_hash() -> Hash {
        h("abacaba000000000000000000000000000000000000000000060061e00123456")
    }

    /// Distinct, deterministic leaves for the exhaustive tests.
    fn leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_le_bytes())).collect()
    }

    fn flip(mut hash: Hash, bit: usize) -> Hash {
        hash[bit / 8] ^= 1 << (bit % 8);
        hash
    }

    #[test]
    fn empty_tree_root_is_sha256_of_nothing() {
        assert_eq!(to_hex(&empty_root()), to_hex(&ct_roots()[0]));
        assert_eq!(root(&[]), empty_root());
        assert_eq!(Frontier::new().root(), empty_root());
        assert_eq!(Frontier::new().size(), 0);
    }

    #[test]
    fn ct_leaf_hashes_match_published_values() {
        assert_eq!(ct_leaves(), ct_nodes()[0]);
    }

    #[test]
    fn ct_interior_nodes_match_published_values() {
        let nodes = ct_nodes();
        for level in 1..nodes.len() {
            for (i, expected) in nodes[level].iter().enumerate() {
                let below = &nodes[level - 1];
                assert_eq!(
                    node_hash(&below[2 * i], &below[2 * i + 1]),
                    *expected,
                    "level {level} node {i}"
                );
            }
        }
    }

    #[test]
    fn every_ct_prefix_root_matches_published_value() {
        let leaves = ct_leaves();
        let roots = ct_roots();
        let mut frontier = Frontier::new();
        for size in 0..=8 {
            assert_eq!(root(&leaves[..size]), roots[size], "root() of size {size}");
            assert_eq!(frontier.root(), roots[size], "frontier of size {size}");
            assert_eq!(frontier.size(), size as u64);
            if size < 8 {
                frontier.push(leaves[size]);
            }
        }
        assert_eq!(
            to_hex(&root(&leaves)),
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
        );
    }

    #[test]
    fn frontier_holds_the_published_compact_ranges() {
        // CompactTrees() in constants.go, written as (level, index) into NodeHashes().
        let nh = ct_nodes();
        let expected: Vec<Vec<Hash>> = vec![
            vec![],
            vec![nh[0][0]],
            vec![nh[1][0]],
            vec![nh[1][0], nh[0][2]],
            vec![nh[2][0]],
            vec![nh[2][0], nh[0][4]],
            vec![nh[2][0], nh[1][2]],
            vec![nh[2][0], nh[1][2], nh[0][6]],
            vec![nh[3][0]],
        ];
        let leaves = ct_leaves();
        for (size, want) in expected.iter().enumerate() {
            let frontier = Frontier::from_leaves(&leaves[..size]);
            assert_eq!(frontier.subtree_roots(), want.as_slice(), "size {size}");
        }
    }

    #[test]
    fn published_inclusion_proofs_are_generated_exactly() {
        let leaves = ct_leaves();
        for (index, size, want) in ct_inclusion_proofs() {
            let got = inclusion_proof(&leaves[..size as usize], index).unwrap();
            assert_eq!(got, want, "inclusion proof for leaf {index} of {size}");
        }
    }

    #[test]
    fn published_inclusion_proofs_verify_and_every_corruption_fails() {
        // The probes of corruptInclusionProof() in verify_test.go, each of which must fail.
        let leaves = ct_leaves();
        let roots = ct_roots();
        for (index, size, proof) in ct_inclusion_proofs() {
            let leaf = leaves[index as usize];
            let root = roots[size as usize];
            assert_eq!(verify_inclusion(&leaf, index, size, &proof, &root), Ok(()));

            let mut probes: Vec<InclusionProbe> = vec![
                ("index + 1", leaf, index + 1, size, proof.clone(), root),
                ("index ^ 2", leaf, index ^ 2, size, proof.clone(), root),
                ("size * 2", leaf, index, size * 2, proof.clone(), root),
                ("size / 2", leaf, index, size / 2, proof.clone(), root),
                ("wrong leaf", some_hash(), index, size, proof.clone(), root),
                ("empty root", leaf, index, size, proof.clone(), empty_root()),
                ("random root", leaf, index, size, proof.clone(), some_hash()),
            ];
            if index > 0 {
                probes.push(("index - 1", leaf, index - 1, size, proof.clone(), root));
            }
            let mut trailing = proof.clone();
            trailing.push(root);
            probes.push(("trailing root", leaf, index, size, trailing, root));
            let mut preceding = vec![root];
            preceding.extend_from_slice(&proof);
            probes.push(("preceding root", leaf, index, size, preceding, root));
            for i in 0..proof.len() {
                let mut bad = proof.clone();
                bad[i][0] ^= 8;
                probes.push(("modified proof bit 3", leaf, index, size, bad, root));
            }
            if !proof.is_empty() {
                let removed = proof[..proof.len() - 1].to_vec();
                probes.push(("removed component", leaf, index, size, removed, root));
            }
            if proof.len() > 1 {
                let mut inserted = vec![proof[0], some_hash()];
                inserted.extend_from_slice(&proof[1..]);
                probes.push(("inserted component", leaf, index, size, inserted, root));
            }
            for (what, leaf, i, n, p, r) in probes {
                assert!(
                    verify_inclusion(&leaf, i, n, &p, &r).is_err(),
                    "{what} verified for leaf {index} of {size}"
                );
            }
        }
    }

    #[test]
    fn published_consistency_proofs_are_generated_exactly() {
        let leaves = ct_leaves();
        for (old, new, want) in ct_consistency_proofs() {
            let got = consistency_proof(&leaves[..new as usize], old).unwrap();
            assert_eq!(got, want, "consistency proof {old} -> {new}");
        }
    }

    #[test]
    fn published_consistency_proofs_verify_and_every_corruption_fails() {
        // The probes of corruptConsistencyProof() in verify_test.go, each of which must fail.
        let roots = ct_roots();
        for (old, new, proof) in ct_consistency_proofs() {
            let (r1, r2) = (roots[old as usize], roots[new as usize]);
            assert_eq!(verify_consistency(old, new, &r1, &r2, &proof), Ok(()));
            if proof.is_empty() {
                continue;
            }
            let mut probes: Vec<ConsistencyProbe> = vec![
                ("old - 1", old - 1, new, r1, r2, proof.clone()),
                ("old + 1", old + 1, new, r1, r2, proof.clone()),
                ("old ^ 2", old ^ 2, new, r1, r2, proof.clone()),
                ("new * 2", old, new * 2, r1, r2, proof.clone()),
                ("new / 2", old, new / 2, r1, r2, proof.clone()),
                ("wrong old root", old, new, some_hash(), r2, proof.clone()),
                ("wrong new root", old, new, r1, some_hash(), proof.clone()),
                ("swapped roots", old, new, r2, r1, proof.clone()),
                ("empty proof", old, new, r1, r2, vec![]),
            ];
            for extra in [r1, r2] {
                let mut trailing = proof.clone();
                trailing.push(extra);
                probes.push(("trailing root", old, new, r1, r2, trailing));
                let mut preceding = vec![extra];
                preceding.extend_from_slice(&proof);
                probes.push(("preceding root", old, new, r1, r2, preceding));
            }
            let mut doubled = vec![proof[0]];
            doubled.extend_from_slice(&proof);
            probes.push(("preceding proof[0]", old, new, r1, r2, doubled));
            probes.push((
                "truncated proof",
                old,
                new,
                r1,
                r2,
                proof[..proof.len() - 1].to_vec(),
            ));
            for i in 0..proof.len() {
                let mut bad = proof.clone();
                bad[i][0] ^= 16;
                probes.push(("modified proof bit 4", old, new, r1, r2, bad));
            }
            for (what, m, n, a, b, p) in probes {
                assert!(
                    verify_consistency(m, n, &a, &b, &p).is_err(),
                    "{what} verified for {old} -> {new}"
                );
            }
        }
    }

    #[test]
    fn trivial_consistency_cases_follow_the_stated_rules() {
        let e = empty_root();
        let r = some_hash();
        // Every tree extends the empty tree, with an empty proof.
        assert_eq!(verify_consistency(0, 0, &e, &e, &[]), Ok(()));
        assert_eq!(verify_consistency(0, 5, &e, &r, &[]), Ok(()));
        // A size-0 head whose root is not the empty root is not a real head.
        assert_eq!(
            verify_consistency(0, 5, &r, &r, &[]),
            Err(ProofError::OldRootMismatch)
        );
        assert_eq!(
            verify_consistency(0, 0, &e, &r, &[]),
            Err(ProofError::NewRootMismatch)
        );
        // A tree is consistent with itself, and two roots for one size are a fork.
        assert_eq!(verify_consistency(3, 3, &r, &r, &[]), Ok(()));
        assert_eq!(
            verify_consistency(3, 3, &r, &e, &[]),
            Err(ProofError::DifferentRootsForSameSize { size: 3 })
        );
        // Trivial cases take no proof; a non-empty one is refused.
        for (m, n, a, b) in [(0, 0, e, e), (0, 1, e, r), (1, 1, r, r)] {
            assert_eq!(
                verify_consistency(m, n, &a, &b, &[e]),
                Err(ProofError::ProofTooLong {
                    expected: 0,
                    actual: 1
                })
            );
        }
        // Time travel to the past is refused.
        assert_eq!(
            verify_consistency(2, 1, &r, &r, &[]),
            Err(ProofError::OldSizeLargerThanNew {
                old_size: 2,
                new_size: 1
            })
        );
        // A real extension needs a proof.
        assert_eq!(
            verify_consistency(1, 2, &r, &e, &[]),
            Err(ProofError::ProofTooShort {
                expected: 1,
                actual: 0
            })
        );
    }

    #[test]
    fn frontier_root_equals_root_for_every_size_up_to_200() {
        let all = leaves(200);
        let mut frontier = Frontier::new();
        assert_eq!(frontier.root(), root(&[]));
        for n in 1..=200usize {
            frontier.push(all[n - 1]);
            assert_eq!(frontier.size(), n as u64);
            assert_eq!(frontier.root(), root(&all[..n]), "after push {n}");
            assert_eq!(
                Frontier::from_leaves(&all[..n]),
                frontier,
                "from_leaves({n})"
            );
            // The frontier keeps one subtree per set bit of the size: O(log n) state.
            assert_eq!(frontier.subtree_roots().len(), n.count_ones() as usize);
        }
    }

    #[test]
    fn larger_tree_roots_match_an_independent_implementation() {
        // Computed while developing with a separate 12-line Python MTH (hashlib, recursive
        // split at the largest power of two below n) over the same little-endian counter
        // leaves; published vectors stop at 8 leaves, and these sizes exercise deeper
        // unbalanced splits.
        let expected = [
            (
                13,
                "72979eca314055497648e32c44693c8dcc43b022178e5a2922902793b8363fbd",
            ),
            (
                200,
                "913e767740af8c1e07342c7d12a1e30b9cd072b5bc691a04532600b0186f17c7",
            ),
        ];
        for (n, want) in expected {
            assert_eq!(to_hex(&root(&leaves(n))), want, "root of {n}");
            assert_eq!(to_hex(&Frontier::from_leaves(&leaves(n)).root()), want);
        }
    }

    #[test]
    fn every_proof_in_trees_up_to_20_verifies() {
        let all = leaves(20);
        for n in 1..=20u64 {
            let tree = &all[..n as usize];
            let r = root(tree);
            for i in 0..n {
                let proof = inclusion_proof(tree, i).unwrap();
                assert_eq!(proof.len(), inclusion_proof_len(i, n));
                assert_eq!(
                    verify_inclusion(&tree[i as usize], i, n, &proof, &r),
                    Ok(()),
                    "inclusion of {i} in {n}"
                );
            }
        }
        for n in 0..=20u64 {
            for m in 0..=n {
                let proof = consistency_proof(&all[..n as usize], m).unwrap();
                let (r1, r2) = (root(&all[..m as usize]), root(&all[..n as usize]));
                assert_eq!(
                    verify_consistency(m, n, &r1, &r2, &proof),
                    Ok(()),
                    "consistency {m} -> {n}"
                );
            }
        }
    }

    #[test]
    fn any_flipped_bit_in_a_proof_or_root_is_detected() {
        let all = leaves(20);
        for n in 1..=20u64 {
            let tree = &all[..n as usize];
            let r = root(tree);
            for i in 0..n {
                let leaf = tree[i as usize];
                let proof = inclusion_proof(tree, i).unwrap();
                for bit in 0..256 {
                    assert!(verify_inclusion(&leaf, i, n, &proof, &flip(r, bit)).is_err());
                    assert!(verify_inclusion(&flip(leaf, bit), i, n, &proof, &r).is_err());
                    for k in 0..proof.len() {
                        let mut bad = proof.clone();
                        bad[k] = flip(bad[k], bit);
                        assert!(
                            verify_inclusion(&leaf, i, n, &bad, &r).is_err(),
                            "bit {bit} of hash {k} in proof of {i} in {n}"
                        );
                    }
                }
            }
            for m in 1..n {
                let proof = consistency_proof(tree, m).unwrap();
                let r1 = root(&all[..m as usize]);
                for bit in 0..256 {
                    assert!(verify_consistency(m, n, &flip(r1, bit), &r, &proof).is_err());
                    assert!(verify_consistency(m, n, &r1, &flip(r, bit), &proof).is_err());
                    for k in 0..proof.len() {
                        let mut bad = proof.clone();
                        bad[k] = flip(bad[k], bit);
                        assert!(
                            verify_consistency(m, n, &r1, &r, &bad).is_err(),
                            "bit {bit} of hash {k} in proof {m} -> {n}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_proof_is_refused_for_any_other_position_or_size() {
        // With distinct leaves, the hash a verifier rebuilds covers exactly the leaves the
        // proof was made for, in their places; it can only equal the true root of another
        // (index, size) if SHA-256 collides. So a proof must never be accepted at a position
        // or size it was not made for, even against that other tree's genuine root.
        let all = leaves(20);
        let roots: Vec<Hash> = (0..=20).map(|n| root(&all[..n])).collect();
        for n in 1..=20u64 {
            for i in 0..n {
                let leaf = all[i as usize];
                let proof = inclusion_proof(&all[..n as usize], i).unwrap();
                for n2 in 0..=20u64 {
                    let r2 = roots[n2 as usize];
                    for i2 in 0..=n2 {
                        if (i2, n2) == (i, n) {
                            continue;
                        }
                        assert!(
                            verify_inclusion(&leaf, i2, n2, &proof, &r2).is_err(),
                            "proof of {i} in {n} accepted as {i2} in {n2}"
                        );
                    }
                }
            }
        }
        for n in 1..=20u64 {
            for m in 1..n {
                let proof = consistency_proof(&all[..n as usize], m).unwrap();
                for n2 in 0..=20u64 {
                    for m2 in 0..=n2 {
                        if (m2, n2) == (m, n) {
                            continue;
                        }
                        let (r1, r2) = (roots[m2 as usize], roots[n2 as usize]);
                        assert!(
                            verify_consistency(m2, n2, &r1, &r2, &proof).is_err(),
                            "proof {m} -> {n} accepted as {m2} -> {n2}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn impossible_requests_are_refused_by_name() {
        let all = leaves(5);
        assert_eq!(
            inclusion_proof(&all, 5),
            Err(ProofError::IndexOutOfRange { index: 5, size: 5 })
        );
        assert_eq!(
            inclusion_proof(&[], 0),
            Err(ProofError::IndexOutOfRange { index: 0, size: 0 })
        );
        assert_eq!(
            inclusion_proof(&all, u64::MAX),
            Err(ProofError::IndexOutOfRange {
                index: u64::MAX,
                size: 5
            })
        );
        assert_eq!(
            consistency_proof(&all, 6),
            Err(ProofError::OldSizeLargerThanNew {
                old_size: 6,
                new_size: 5
            })
        );
        let r = root(&all);
        assert_eq!(
            verify_inclusion(&all[0], 5, 5, &[], &r),
            Err(ProofError::IndexOutOfRange { index: 5, size: 5 })
        );
        assert_eq!(
            verify_inclusion(&all[0], 0, 0, &[], &r),
            Err(ProofError::IndexOutOfRange { index: 0, size: 0 })
        );
    }

    #[test]
    fn hostile_sizes_and_huge_proofs_are_refused_without_hashing_them() {
        let leaf = some_hash();
        let r = empty_root();
        // In the largest possible tree a leaf of the left 2^63 subtree has the longest
        // path, 64 hashes; the lone last leaf has one per other subtree, 63.
        assert_eq!(inclusion_proof_len(0, u64::MAX), 64);
        assert_eq!(inclusion_proof_len(u64::MAX - 1, u64::MAX), 63);
        assert_eq!(
            verify_inclusion(&leaf, 0, u64::MAX, &[leaf; 64], &r),
            Err(ProofError::RootMismatch)
        );
        assert_eq!(
            verify_inclusion(&leaf, u64::MAX - 1, u64::MAX, &[leaf; 63], &r),
            Err(ProofError::RootMismatch)
        );
        assert_eq!(
            verify_inclusion(&leaf, u64::MAX, u64::MAX, &[], &r),
            Err(ProofError::IndexOutOfRange {
                index: u64::MAX,
                size: u64::MAX
            })
        );
        // A proof of a hundred thousand hashes is refused on its length alone.
        let huge = vec![leaf; 100_000];
        assert_eq!(
            verify_inclusion(&leaf, 0, u64::MAX, &huge, &r),
            Err(ProofError::ProofTooLong {
                expected: 64,
                actual: 100_000
            })
        );
        assert!(matches!(
            verify_consistency(1, u64::MAX, &r, &r, &huge),
            Err(ProofError::ProofTooLong {
                actual: 100_000,
                ..
            })
        ));
        assert!(matches!(
            verify_consistency(u64::MAX - 1, u64::MAX, &r, &r, &huge),
            Err(ProofError::ProofTooLong {
                actual: 100_000,
                ..
            })
        ));
        assert_eq!(
            verify_consistency(u64::MAX, u64::MAX - 1, &r, &r, &[]),
            Err(ProofError::OldSizeLargerThanNew {
                old_size: u64::MAX,
                new_size: u64::MAX - 1
            })
        );
    }

    #[test]
    fn hashes_round_trip_through_lowercase_hex_only() {
        let x = ct_roots()[8];
        let text = to_hex(&x);
        assert_eq!(
            text,
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
        );
        assert_eq!(from_hex(&text), Ok(x));
        assert_eq!(
            from_hex(&text.to_uppercase()),
            Err(HexError::NotLowercaseHex { position: 2 })
        );
        assert_eq!(
            from_hex(&text[..63]),
            Err(HexError::WrongLength { found: 63 })
        );
        assert_eq!(from_hex(""), Err(HexError::WrongLength { found: 0 }));
        let mut spaced = text.clone();
        spaced.replace_range(10..11, " ");
        assert_eq!(
            from_hex(&spaced),
            Err(HexError::NotLowercaseHex { position: 11 })
        );
        // 64 characters, one of them multi-byte: refused, not mis-sliced.
        let mut wide = text[..63].to_string();
        wide.push('é');
        assert_eq!(
            from_hex(&wide),
            Err(HexError::NotLowercaseHex { position: 64 })
        );
    }

    fn any_hash() -> impl Strategy<Value = Hash> {
        any::<[u8; 32]>()
    }

    fn hostile_size() -> impl Strategy<Value = u64> {
        prop_oneof![
            0u64..64,
            Just(u64::MAX),
            Just(u64::MAX - 1),
            Just(1u64 << 63),
            any::<u64>(),
        ]
    }

    proptest! {
        #[test]
        fn verify_inclusion_never_panics_on_arbitrary_input(
            leaf in any_hash(),
            index in hostile_size(),
            size in hostile_size(),
            proof in proptest::collection::vec(any_hash(), 0..300),
            r in any_hash(),
        ) {
            let _ = verify_inclusion(&leaf, index, size, &proof, &r);
        }

        #[test]
        fn verify_consistency_never_panics_on_arbitrary_input(
            old in hostile_size(),
            new in hostile_size(),
            r1 in any_hash(),
            r2 in any_hash(),
            proof in proptest::collection::vec(any_hash(), 0..300),
        ) {
            let _ = verify_consistency(old, new, &r1, &r2, &proof);
        }

        #[test]
        fn random_trees_prove_inclusion_and_consistency(
            n in 1u64..400,
            seed in any::<u64>(),
        ) {
            let all: Vec<Hash> = (0..n).map(|i| leaf_hash(&(i ^ seed).to_le_bytes())).collect();
            let r = Frontier::from_leaves(&all).root();
            prop_assert_eq!(r, root(&all));
            let i = seed % n;
            let proof = inclusion_proof(&all, i).unwrap();
            prop_assert_eq!(verify_inclusion(&all[i as usize], i, n, &proof, &r), Ok(()));
            let m = (seed >> 32) % (n + 1);
            let proof = consistency_proof(&all, m).unwrap();
            let r1 = root(&all[..m as usize]);
            prop_assert_eq!(verify_consistency(m, n, &r1, &r, &proof), Ok(()));
        }
    }
}
