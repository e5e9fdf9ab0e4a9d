//! Evidence packs: the disclosure plan, the BagIt bag in a zip signed with sshsig, and its
//! verification by a recipient who trusts nothing in it.

pub mod bagit;
mod entry_check;
mod export;
mod instructions;
mod key;
mod plan;
mod verify;

pub use bagit::{BagCheck, BagError, BagProblem, BagWriter, SIGNATURE_FILE, verify_bag};
pub use export::{ExportOptions, ExportSummary, PACK_NAMESPACE, PRINCIPAL, attachment_path};
pub use key::{BadFingerprint, KeyConfirmation, KeyFingerprint};
pub use plan::{DisclosureChoices, DisclosurePlan, DisclosureReason, PlannedEntry};
pub use verify::{PackVerdict, VerifyOptions, verify_pack};
