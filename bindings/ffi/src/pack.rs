//! Evidence packs as the bindings show them: what an export wrote, what a verification
//! found, and the free function that verifies a pack without any diary.

use std::path::Path;

use tally_core::pack::{self, DisclosureChoices, DisclosurePlan};

use crate::diary::Diary;
use crate::error::TallyApiError;

#[uniffi::export]
impl Diary {
    /// What an export with `choices` would carry, and why, before anything is written.
    pub fn disclosure_plan(
        &self,
        choices: DisclosureChoices,
    ) -> Result<DisclosurePlan, TallyApiError> {
        self.with(|d| Ok(d.disclosure_plan(&choices)?))
    }
}

/// What to put in a pack.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ExportOptions {
    /// What to disclose; the default discloses every entry.
    #[uniffi(default)]
    pub choices: DisclosureChoices,
    /// Checkpoint texts given out earlier, to list in the pack beside its daily heads.
    #[uniffi(default)]
    pub checkpoints: Vec<String>,
}

impl From<ExportOptions> for pack::ExportOptions {
    fn from(o: ExportOptions) -> Self {
        pack::ExportOptions {
            choices: o.choices,
            checkpoints: o.checkpoints,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ExportSummary {
    /// The zip written.
    pub path: String,
    /// The bag's folder name inside the zip.
    pub bag_name: String,
    /// The plan the pack follows: every entry in it, and nothing else, went out.
    pub plan: DisclosurePlan,
    /// Entries disclosed (the plan's entries).
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
            plan: s.plan,
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
    /// Whether the pack holds: every check passed. The key may still be unconfirmed.
    pub ok: bool,
    /// The signing key's fingerprint, when the key could be read.
    pub fingerprint: Option<String>,
    /// What, outside the pack, confirms that key. `NotConfirmed` must be shown plainly:
    /// compare the fingerprint with one the diary's owner gives by another route.
    pub key: KeyConfirmation,
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
            key: match v.key {
                pack::KeyConfirmation::NotConfirmed => KeyConfirmation::NotConfirmed,
                pack::KeyConfirmation::ExpectedKey => KeyConfirmation::ExpectedKey,
                pack::KeyConfirmation::Checkpoint => KeyConfirmation::Checkpoint,
            },
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

/// What confirms whose key signed a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum KeyConfirmation {
    /// Nothing: any key could have signed it.
    NotConfirmed,
    /// The fingerprint the recipient expected.
    ExpectedKey,
    /// A checkpoint the recipient holds, signed by the same key, which the pack extends.
    Checkpoint,
}

/// Verifies an evidence pack (a `.zip`, read in place, or an unzipped folder) with no
/// diary: the signature, every entry's and attachment's hash, the Merkle root.
/// `checkpoint` is the text of a checkpoint the recipient was given earlier;
/// `expected_fingerprint` (`SHA256:…`) the key the pack must be signed by. A pack that
/// reads but fails a check returns `ok = false` with its problems; only an unreadable pack
/// (or a malformed fingerprint) is an error.
#[uniffi::export(default(expected_fingerprint = None))]
pub fn verify_pack(
    path: String,
    checkpoint: Option<String>,
    expected_fingerprint: Option<String>,
) -> Result<PackVerdict, TallyApiError> {
    let key = expected_fingerprint
        .map(|f| pack::KeyFingerprint::parse(&f))
        .transpose()
        .map_err(|e| TallyApiError::Invalid {
            reason: e.to_string(),
        })?;
    let options = pack::VerifyOptions { checkpoint, key };
    Ok(pack::verify_pack(Path::new(&path), &options)?.into())
}

/// The version of the Tally core these bindings were built from.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
