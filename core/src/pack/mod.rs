//! Evidence packs: BagIt bags in a zip, signed with sshsig, read defensively.

pub mod bagit;
mod disclose;
mod export;
mod instructions;
mod verify;

pub use bagit::{BagCheck, BagError, BagProblem, BagWriter, SIGNATURE_FILE, verify_bag};
pub use disclose::disclosed_set;
pub use export::{ExportOptions, ExportSummary, PACK_NAMESPACE, PRINCIPAL, attachment_path};
pub use verify::{PackVerdict, verify_pack};
