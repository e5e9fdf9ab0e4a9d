//! The one public error of the bindings, [`TallyApiError`], and the one place core errors
//! are mapped to it.
//!
//! Following application-services' two-error pattern: the core keeps its detailed
//! `tally_core::Error`; foreign code sees a small enum it can branch on, each variant with
//! a plain `reason`. The reason is the core's own message, which names entries, files and
//! fields but never diary text, so an app may log or show it. The name is not `Error`
//! because Kotlin renames `*Error` to `*Exception`: apps catch `TallyApiException`.

use tally_core::crypto::CryptoError;
use tally_core::store::StoreError;

/// Everything a call into Tally can fail with. Every variant carries a plain `reason`
/// that names entries, files and fields but never diary content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum TallyApiError {
    /// The passphrase or raw key does not open this diary; nothing was changed.
    #[error("wrong passphrase: {reason}")]
    WrongPassphrase {
        /// What happened.
        reason: String,
    },
    /// A new passphrase is too short to protect a diary.
    #[error("weak passphrase: {reason}")]
    WeakPassphrase {
        /// What happened.
        reason: String,
    },
    /// No diary, entry or attachment by that name or number.
    #[error("not found: {reason}")]
    NotFound {
        /// What was missing.
        reason: String,
    },
    /// A new diary was to be created where a file already exists.
    #[error("already exists: {reason}")]
    AlreadyExists {
        /// Which file.
        reason: String,
    },
    /// The file is not a Tally diary, or was written by a newer version of Tally.
    #[error("not a diary this version can open: {reason}")]
    NotADiary {
        /// Why.
        reason: String,
    },
    /// The input is not valid: an entry that breaks a rule, a malformed date or time,
    /// a reference to the wrong kind of entry. Names the field.
    #[error("invalid: {reason}")]
    Invalid {
        /// Which field and what is wrong with it.
        reason: String,
    },
    /// The entry's content was erased; only its hash remains.
    #[error("erased: {reason}")]
    Erased {
        /// Which entry.
        reason: String,
    },
    /// The diary failed its integrity check when it was opened: it can be read, checked
    /// and exported, but nothing more is added until it is restored from a backup.
    #[error("damaged: {reason}")]
    Damaged {
        /// What failed.
        reason: String,
    },
    /// Stored or received data could not be read back: altered, truncated or moved.
    #[error("corrupt: {reason}")]
    Corrupt {
        /// What could not be read.
        reason: String,
    },
    /// Reading or writing a file failed (missing, no space, no permission).
    #[error("input/output: {reason}")]
    Io {
        /// The file and the system's reason.
        reason: String,
    },
    /// The diary was locked; unlock it again to continue.
    #[error("locked: {reason}")]
    Locked {
        /// What was attempted.
        reason: String,
    },
    /// Another call holds the diary (an export or a backup holds it for seconds). Only the
    /// reads that never wait (`entry_count_now`, `fingerprint_now`) say so, at once; every
    /// other call waits its turn instead.
    #[error("busy: {reason}")]
    Busy {
        /// What was attempted.
        reason: String,
    },
    /// A restore would lose entries (a diary there, or this device, saw later ones);
    /// nothing was written. Retry with `keep_both` to restore beside it.
    #[error("would lose entries: {reason}")]
    WouldLoseEntries {
        /// How many entries, and where they are.
        reason: String,
    },
    /// The caller cancelled the operation; nothing was written.
    #[error("cancelled: {reason}")]
    Cancelled {
        /// What was cancelled.
        reason: String,
    },
    /// A failure that is not the caller's doing (the system random generator, a bug).
    #[error("internal: {reason}")]
    Internal {
        /// What failed.
        reason: String,
    },
}

impl TallyApiError {
    /// An input the bindings refused before reaching the core.
    pub(crate) fn invalid(reason: impl Into<String>) -> Self {
        TallyApiError::Invalid {
            reason: reason.into(),
        }
    }
}

/// The one mapping from the core's error. The reason is the core's message, which by the
/// core's rule never contains diary text.
impl From<tally_core::Error> for TallyApiError {
    fn from(e: tally_core::Error) -> Self {
        use tally_core::Error as E;
        let reason = e.to_string();
        match e {
            E::WrongPassphrase => TallyApiError::WrongPassphrase { reason },
            E::WeakPassphrase(_) => TallyApiError::WeakPassphrase { reason },
            E::Store(StoreError::NotFound(_)) => TallyApiError::NotFound { reason },
            E::Store(StoreError::AlreadyExists(_)) => TallyApiError::AlreadyExists { reason },
            E::Store(StoreError::NotADiary(_) | StoreError::TooNew(_) | StoreError::TooOld(_)) => {
                TallyApiError::NotADiary { reason }
            }
            E::Store(StoreError::BadHeader(_) | StoreError::Oversized(_)) => {
                TallyApiError::Corrupt { reason }
            }
            E::Store(_) => TallyApiError::Io { reason },
            E::Crypto(CryptoError::Random) => TallyApiError::Internal { reason },
            E::Crypto(CryptoError::KdfParams(_) | CryptoError::InvalidKey(_)) => {
                TallyApiError::Invalid { reason }
            }
            E::Crypto(_) => TallyApiError::Corrupt { reason },
            E::Invalid(_) => TallyApiError::Invalid { reason },
            E::NoSuchEntry(_) | E::NoSuchAttachment(_) => TallyApiError::NotFound { reason },
            E::Erased(_) => TallyApiError::Erased { reason },
            E::Damaged(_) | E::RolledBack(_) => TallyApiError::Damaged { reason },
            E::PassphraseInUse | E::OwnPassphraseNeeded => TallyApiError::Invalid { reason },
            E::WouldLoseEntries { .. } => TallyApiError::WouldLoseEntries { reason },
            E::BackupDamaged { .. } => TallyApiError::Corrupt { reason },
            E::Corrupt(_) | E::Head(_) | E::Signature(_) => TallyApiError::Corrupt { reason },
            E::File { ref source, .. } | E::Io(ref source)
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                TallyApiError::NotFound { reason }
            }
            E::File { .. } | E::Io(_) => TallyApiError::Io { reason },
            E::Cancelled => TallyApiError::Cancelled { reason },
            // The core's error is non-exhaustive: a new kind reaches apps as Internal, with
            // its message, until it is given a variant here.
            _ => TallyApiError::Internal { reason },
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn wrong_passphrase_keeps_the_cores_plain_reason() {
        let e = TallyApiError::from(tally_core::Error::WrongPassphrase);
        assert!(
            matches!(e, TallyApiError::WrongPassphrase { ref reason } if reason.contains("nothing was changed"))
        );
    }

    #[test]
    fn missing_file_is_not_found() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = TallyApiError::from(tally_core::Error::file(std::path::Path::new("/x.zip"), io));
        assert!(matches!(e, TallyApiError::NotFound { ref reason } if reason.contains("/x.zip")));
    }
}
