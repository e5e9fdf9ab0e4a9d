//! The one error type of the core. Messages name entries, files and fields — never diary text.

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong inside the core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The passphrase (or raw key) does not open this diary.
    #[error("wrong passphrase: the diary was not opened and nothing was changed")]
    WrongPassphrase,
}
