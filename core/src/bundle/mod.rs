//! Evidence packs: BagIt bags in a zip, signed with sshsig, read defensively.

pub mod bagit;
pub mod safe_zip;

pub use bagit::{BagCheck, BagError, BagProblem, BagWriter, SIGNATURE_FILE, verify_bag};
pub use safe_zip::{SafeZip, SafeZipError, ZipLimits};
