//! The head a phone keeps outside the diary file, so an older copy put back in place is
//! noticed: the shell stores the [`DeviceHead`] record in its protected storage, hands it
//! in when it unlocks, and stores what [`Diary::device_head`] returns after every change.
//! Converting only; the comparison is the core's (`tally_core::diary::device_head`).

use std::path::Path;
use std::sync::Arc;

use tally_core::diary as core;

use crate::diary::Diary;
use crate::error::TallyApiError;

/// What a device remembers of a diary: its file id and the size and root of the last head
/// it verified. Holds nothing of the diary's content; store it in protected storage.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeviceHead {
    /// The diary file's id, hex.
    pub diary_id: String,
    /// Entries in the log at that head.
    pub size: u64,
    /// The log's root at that head, hex.
    pub root: String,
}

impl From<core::DeviceHead> for DeviceHead {
    fn from(h: core::DeviceHead) -> Self {
        DeviceHead {
            diary_id: h.diary_id,
            size: h.size,
            root: h.root,
        }
    }
}

impl From<DeviceHead> for core::DeviceHead {
    fn from(h: DeviceHead) -> Self {
        core::DeviceHead {
            diary_id: h.diary_id,
            size: h.size,
            root: h.root,
        }
    }
}

/// How a diary falls short of the head its device remembers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Rollback {
    /// Entries missing (all the device saw, when the log was rewritten).
    pub missing: u64,
    /// What is wrong, in plain words.
    pub reason: String,
}

/// The id of the diary file at `path` (hex), read without a key and without writing: the
/// key to store its [`DeviceHead`] under.
#[uniffi::export]
pub fn diary_file_id(path: String) -> Result<String, TallyApiError> {
    Ok(core::Diary::file_id(Path::new(&path))?)
}

/// The record as the device stores it: one line of text, the same the CLI keeps in its
/// state folder, holding nothing of the diary's content.
#[uniffi::export]
pub fn device_head_text(head: DeviceHead) -> String {
    core::DeviceHead::from(head).to_text()
}

/// Reads a stored record back; a malformed one is refused (`Corrupt`), and must then not
/// be used.
#[uniffi::export]
pub fn parse_device_head(text: String) -> Result<DeviceHead, TallyApiError> {
    Ok(core::DeviceHead::from_text(&text)?.into())
}

#[uniffi::export]
impl Diary {
    /// Unlocks the diary at `path` and holds it to the head this device remembers
    /// (`seen`, as stored from [`Diary::device_head`]). A diary older than that opens
    /// read-only: `rollback()` says how many entries are missing, and `check()` fails.
    #[uniffi::constructor]
    pub fn unlock_on_device(
        path: String,
        passphrase: String,
        seen: Option<DeviceHead>,
    ) -> Result<Arc<Self>, TallyApiError> {
        let mut diary = core::Diary::unlock(Path::new(&path), &passphrase)?;
        diary.remember(seen.map(Into::into))?;
        Ok(Self::wrap(diary))
    }

    /// Unlocks with the raw key the keystore kept, held to the head this device remembers.
    #[uniffi::constructor]
    pub fn unlock_with_key_on_device(
        path: String,
        raw_key: Vec<u8>,
        seen: Option<DeviceHead>,
    ) -> Result<Arc<Self>, TallyApiError> {
        let mut diary = core::Diary::unlock_with_key(Path::new(&path), &raw_key)?;
        diary.remember(seen.map(Into::into))?;
        Ok(Self::wrap(diary))
    }

    /// Tells an unlocked diary the head this device remembers (see `unlock_on_device`).
    pub fn remember_device_head(&self, seen: Option<DeviceHead>) -> Result<(), TallyApiError> {
        self.with(|d| Ok(d.remember(seen.map(Into::into))?))
    }

    /// The head to store from now on (after every change): the diary's verified head, or
    /// the one handed in, unchanged, when the diary falls short of it.
    pub fn device_head(&self) -> Result<Option<DeviceHead>, TallyApiError> {
        self.with(|d| Ok(d.device_head().map(Into::into)))
    }

    /// How the diary falls short of the head this device remembers, if it does.
    pub fn rollback(&self) -> Result<Option<Rollback>, TallyApiError> {
        self.with(|d| {
            Ok(d.rollback().map(|r| Rollback {
                missing: r.missing(),
                reason: r.to_string(),
            }))
        })
    }
}
