//! The first screen's rules: the passphrase a new diary (or a passphrase change) needs,
//! typed twice, and the options a new diary is made with — defaults that suit a phone,
//! overridden only by tests.

use super::field::{Errors, Field, FieldError, Problem};
use crate::crypto::kdf::KdfParams;
use crate::diary::{CreateOptions, MIN_PASSPHRASE_CHARS};
use crate::error::{Error, Result};
use crate::locale::Words;

/// The problems with a new passphrase and its confirmation; empty when both are fine.
pub fn review_new_passphrase(
    passphrase: &str,
    confirmation: &str,
    words: &Words,
) -> Vec<FieldError> {
    let mut errors = Errors::default();
    if passphrase.is_empty() {
        errors.add(Field::Passphrase, Problem::Required, words);
    } else if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        errors.add(
            Field::Passphrase,
            Problem::TooShort {
                min: MIN_PASSPHRASE_CHARS as u64,
            },
            words,
        );
    }
    if passphrase != confirmation {
        errors.add(Field::Confirmation, Problem::Mismatch, words);
    }
    errors.0
}

/// The options for a new diary: the defaults (Argon2id, 64 MiB, 3 passes), with any
/// parameter given replacing its default. Checked before any file is written.
pub fn create_options(
    memory_kib: Option<u32>,
    iterations: Option<u32>,
    parallelism: Option<u32>,
) -> Result<CreateOptions> {
    let defaults = KdfParams::default();
    let kdf = KdfParams {
        memory_kib: memory_kib.unwrap_or(defaults.memory_kib),
        iterations: iterations.unwrap_or(defaults.iterations),
        parallelism: parallelism.unwrap_or(defaults.parallelism),
        ..defaults
    };
    kdf.check().map_err(Error::Crypto)?;
    Ok(CreateOptions { kdf })
}
