//! Evidence packs as the bindings show them: what an export wrote, what a verification
//! found, and the free function that verifies a pack without any diary.

use std::path::Path;

use tally_core::pack;

use crate::error::TallyApiError;

/// What to put in a pack.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ExportOptions {
    /// Which entries to disclose; `None` discloses every entry.
    #[uniffi(default)]
    pub selection: Option<tally_core::diary::ListFilter>,
    /// Checkpoint texts given out earlier, to list in the pack beside its daily heads.
    #[uniffi(default)]
    pub checkpoints: Vec<String>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ExportSummary {
    /// The zip written.
    pub path: String,
    /// The bag's folder name inside the zip.
    pub bag_name: String,
    /// Entries disclosed (with their content or as erased).
    pub disclosed: u64,
    /// Entries withheld (only their leaf hashes travel).
    pub withheld: u64,
    /// Attachment files included.
    pub attachments: u64,
    /// Bytes of attachments included.
    pub attachment_bytes: u64,
    /// The signing key's fingerprint (`SHA256:…`).
    pub fingerprint: String,
    /// First incident date disclosed (`2024-03-01`).
    pub period_first: Option<String>,
    /// Last incident date disclosed.
    pub period_last: Option<String>,
}

impl From<pack::ExportSummary> for ExportSummary {
    fn from(s: pack::ExportSummary) -> Self {
        ExportSummary {
            path: s.path.display().to_string(),
            bag_name: s.bag_name,
            disclosed: s.disclosed,
            withheld: s.withheld,
            attachments: s.attachments,
            attachment_bytes: s.attachment_bytes,
            fingerprint: s.fingerprint,
            period_first: s.period.map(|(a, _)| a.to_string()),
            period_last: s.period.map(|(_, b)| b.to_string()),
        }
    }
}

/// What verifying a pack found. `ok` is the verdict; `problems` says what is wrong, one
/// plain line each, naming the file.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PackVerdict {
    /// Whether the pack holds: every check passed.
    pub ok: bool,
    /// The signing key's fingerprint, when the key could be read.
    pub fingerprint: Option<String>,
    /// First incident date disclosed.
    pub period_first: Option<String>,
    /// Last incident date disclosed.
    pub period_last: Option<String>,
    /// Entries disclosed with content.
    pub disclosed: u64,
    /// Entries disclosed as erased.
    pub erased: u64,
    /// Entries withheld.
    pub withheld: u64,
    /// Attachment files checked.
    pub attachments: u64,
    /// Entries in the signed tree.
    pub tree_size: u64,
    /// The signed root, hex.
    pub root: String,
    /// Earlier heads this head was shown to extend.
    pub earlier_heads: u64,
    /// Size of the recipient's checkpoint, when the pack was shown to extend it.
    pub extends_checkpoint_size: Option<u64>,
    /// Time of that checkpoint.
    pub extends_checkpoint_time: Option<String>,
    /// Everything wrong, one plain line each; empty when the pack holds.
    pub problems: Vec<String>,
}

impl From<pack::PackVerdict> for PackVerdict {
    fn from(v: pack::PackVerdict) -> Self {
        PackVerdict {
            ok: v.is_ok(),
            fingerprint: v.fingerprint,
            period_first: v.period.map(|(a, _)| a.to_string()),
            period_last: v.period.map(|(_, b)| b.to_string()),
            disclosed: v.disclosed,
            erased: v.erased,
            withheld: v.withheld,
            attachments: v.attachments,
            tree_size: v.tree_size,
            root: v.root,
            earlier_heads: v.earlier_heads,
            extends_checkpoint_size: v.extends_checkpoint.as_ref().map(|(s, _)| *s),
            extends_checkpoint_time: v.extends_checkpoint.map(|(_, t)| t),
            problems: v.problems,
        }
    }
}

/// Verifies an evidence pack (a `.zip` or an unzipped folder) with no diary: the
/// signature, every entry's and attachment's hash, the Merkle root. `checkpoint` is the
/// text of a checkpoint the recipient was given earlier. A pack that reads but fails a
/// check returns `ok = false` with its problems; only an unreadable pack is an error.
#[uniffi::export]
pub fn verify_pack(path: String, checkpoint: Option<String>) -> Result<PackVerdict, TallyApiError> {
    Ok(pack::verify_pack(Path::new(&path), checkpoint.as_deref())?.into())
}

/// The version of the Tally core these bindings were built from.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
