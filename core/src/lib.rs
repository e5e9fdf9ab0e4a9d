//! tally-core: the whole of Tally's product logic, with no FFI types.
//!
//! A diary is one SQLite file holding encrypted, immutable entries, a Merkle log over them
//! (RFC 9162 hashing) and a signed tree head for every state the diary has been in. The
//! public entry point is [`diary::Diary`]; everything else is a building block it owns.
#![forbid(unsafe_code)]

pub mod bundle;
pub mod crypto;
pub mod demo;
pub mod diary;
pub mod error;
pub mod import;
pub mod log;
pub mod model;
pub mod pattern;
pub mod progress;
pub mod report;
pub mod store;

pub use error::{Error, Result};
