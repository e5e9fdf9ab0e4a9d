//! The one error type of the core. Messages name entries, files and fields — never diary text.

use crate::crypto::CryptoError;
use crate::crypto::sshsig::SshSigError;
use crate::log::HeadError;
use crate::model::ValidationError;
use crate::store::StoreError;

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong inside the core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The passphrase (or raw key) does not open this diary.
    #[error("wrong passphrase: the diary was not opened and nothing was changed")]
    WrongPassphrase,
    /// A new passphrase is too weak to protect a diary.
    #[error("the new passphrase is too short: use at least {0} characters")]
    WeakPassphrase(usize),
    /// The file, schema or header.
    #[error(transparent)]
    Store(StoreError),
    /// Encryption or key handling.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The entry would not be valid.
    #[error("invalid entry: {0}")]
    Invalid(#[from] ValidationError),
    /// No entry has that number.
    #[error("there is no entry {0}")]
    NoSuchEntry(u64),
    /// The entry's content was erased.
    #[error("entry {0} was erased; only its hash remains")]
    Erased(u64),
    /// The diary failed its integrity check when it was opened; it can be read, checked
    /// and exported, but nothing more is added until it is repaired from a backup.
    #[error("the diary failed its integrity check ({0}); run `tally check` — nothing was added")]
    Damaged(String),
    /// Stored data could not be read back (altered, truncated or moved).
    #[error("{0}")]
    Corrupt(String),
    /// A signed tree head or checkpoint.
    #[error("tree head: {0}")]
    Head(#[from] HeadError),
    /// An OpenSSH signature.
    #[error("signature: {0}")]
    Signature(#[from] SshSigError),
    /// An attachment that is not in the diary.
    #[error("no attachment with SHA-256 {0}")]
    NoSuchAttachment(String),
    /// A file the user named could not be read or written.
    #[error("{path}: {source}")]
    File {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// Input/output while streaming.
    #[error("input/output error: {0}")]
    Io(#[from] std::io::Error),
    /// The operation was cancelled by the caller; nothing was written.
    #[error("cancelled; nothing was written")]
    Cancelled,
    /// The diary is older than the one this device last saw: it opens read-only.
    #[error(
        "this diary is older than the one this device last saw ({0}); it was opened read-only and nothing was added"
    )]
    RolledBack(String),
    /// The new passphrase cannot be used for this diary (it already opens something).
    #[error(
        "that passphrase cannot be used for this diary; choose a different one — nothing was changed"
    )]
    PassphraseInUse,
    /// Setting or removing a duress passphrase needs the diary's own passphrase.
    #[error(
        "a duress passphrase is set or removed with the diary's own passphrase; nothing was changed"
    )]
    OwnPassphraseNeeded,
    /// A restore would lose entries the owner has; refused unless asked to keep both.
    #[error(
        "restoring would lose {lost} entries ({why}); nothing was written — keep both to restore beside it"
    )]
    WouldLoseEntries {
        /// How many entries would be lost.
        lost: u64,
        /// Why, naming the diary or the device's remembered head.
        why: String,
    },
    /// A backup failed its check; it is not restored.
    #[error(
        "the backup failed its check ({problems} problems; first: {first}); nothing was written"
    )]
    BackupDamaged {
        /// How many problems the check found.
        problems: usize,
        /// The first, naming the entry, head or attachment.
        first: String,
    },
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Cancelled => Error::Cancelled,
            other => Error::Store(other),
        }
    }
}

impl Error {
    /// An I/O error on a file the user named.
    pub fn file(path: &std::path::Path, source: std::io::Error) -> Self {
        Error::File {
            path: path.display().to_string(),
            source,
        }
    }
}

/// Describes a serde_json error by its category and position only: serde's own message can
/// quote the input, which may be diary text.
pub fn json_error_summary(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Io => "input/output error",
        serde_json::error::Category::Syntax => "malformed JSON",
        serde_json::error::Category::Data => "unexpected field or value",
        serde_json::error::Category::Eof => "truncated JSON",
    };
    format!("{what} at line {} column {}", e.line(), e.column())
}
