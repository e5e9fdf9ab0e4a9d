//! tally-core: the whole of Tally's product logic, with no FFI types.
//!
//! A diary is one SQLite file holding encrypted, immutable entries, a Merkle log over them
//! (RFC 9162 hashing) and a signed tree head for every state the diary has been in. The
//! public entry point is [`diary::Diary`]; everything else is a building block it owns.
//!
//! Modules depend downwards only: `pack`, `import` and `transcript` build on `diary`,
//! which builds on `store`, `log`, `crypto`, `media` and `model`; `report` draws
//! `summary`, which reads `model` (and a conversation's messages through the
//! [`model::Transcripts`] trait, which `transcript` implements for a diary). Nothing
//! below reaches back up.
#![forbid(unsafe_code)]

pub mod crypto;
pub mod demo;
pub mod diary;
pub mod error;
pub mod import;
pub mod locale;
pub mod log;
pub mod media;
pub mod model;
pub mod pack;
mod pipe;
pub mod progress;
pub mod report;
pub mod safe_zip;
pub mod store;
pub mod summary;
#[cfg(test)]
mod test_support;
pub mod transcript;
pub mod view;
#[cfg(any(test, feature = "zip-forge"))]
#[doc(hidden)]
pub mod zip_forge;
pub mod zone;

pub use error::{Error, Result};
