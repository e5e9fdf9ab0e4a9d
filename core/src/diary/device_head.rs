//! The head a device keeps outside the diary file, so that putting an older copy of the
//! file back in place (a rollback) is noticed.
//!
//! Rollback cannot be seen from inside one file: an older copy is a perfectly consistent
//! diary. So each device remembers the last head it verified — size, root and the file's
//! id, nothing of the content — outside the file: the CLI under `$XDG_STATE_HOME/tally/`,
//! a phone in its protected storage (the bindings take it in and hand it back). A diary
//! older than what the device saw, or whose first entries no longer hash to the root it
//! saw, opens read-only, and `check` fails saying how many entries are missing.
//!
//! Under the duress passphrase the head handed in is handed back unchanged and never
//! compared: the decoy neither reads nor updates what the device knows of the diary.

use serde::{Deserialize, Serialize};

use super::Diary;
use crate::crypto::slots;
use crate::error::{Error, Result};
use crate::log::{Frontier, to_hex};

/// What a device remembers of a diary: its file id, and the size and root of the last
/// tree head it verified. Contains nothing of the diary's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceHead {
    /// The diary file's id, hex.
    pub diary_id: String,
    /// Entries in the log at that head.
    pub size: u64,
    /// The RFC 9162 root of those entries, hex.
    pub root: String,
}

/// How a diary falls short of the head its device remembers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rollback {
    /// The diary holds fewer entries than the device saw.
    Behind {
        /// Entries the device saw.
        seen: u64,
        /// Entries the diary holds.
        holds: u64,
    },
    /// The diary's first entries no longer hash to the root the device saw.
    Rewritten {
        /// Entries the device saw.
        seen: u64,
    },
}

impl Rollback {
    /// Entries missing from the diary (for a rewritten log: every entry the device saw
    /// can no longer be trusted to be the one it saw).
    pub fn missing(&self) -> u64 {
        match self {
            Rollback::Behind { seen, holds } => seen.saturating_sub(*holds),
            Rollback::Rewritten { seen } => *seen,
        }
    }
}

impl std::fmt::Display for Rollback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rollback::Behind { seen, holds } => write!(
                f,
                "{} entries are missing: this device last saw {seen} entries, the diary holds {holds} (an older copy was put in place)",
                seen.saturating_sub(*holds)
            ),
            Rollback::Rewritten { seen } => write!(
                f,
                "the first {seen} entries no longer hash to the root this device last saw: the log was rewritten or replaced"
            ),
        }
    }
}

/// The longest remembered-head text read back (a few hundred bytes are written).
const MAX_TEXT: usize = 1024;

impl DeviceHead {
    /// The record as one line of JSON (what the CLI stores).
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored record; anything malformed is refused (and then not used).
    pub fn from_text(text: &str) -> Result<DeviceHead> {
        let bad = || Error::Corrupt("the remembered diary head is malformed".into());
        if text.len() > MAX_TEXT {
            return Err(bad());
        }
        let head: DeviceHead = serde_json::from_str(text.trim()).map_err(|_| bad())?;
        let hex_of =
            |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex_of(&head.diary_id, 32) || !hex_of(&head.root, 64) {
            return Err(bad());
        }
        Ok(head)
    }
}

impl Diary {
    /// Tells the diary the head this device remembers for it. If the diary falls short of
    /// it, the diary becomes read-only and [`Diary::check`] reports how many entries are
    /// missing. A head of another diary is ignored. Under the duress passphrase nothing is
    /// compared; the head is only kept, to be handed back unchanged.
    pub fn remember(&mut self, seen: Option<DeviceHead>) -> Result<()> {
        let seen = seen.filter(|s| s.diary_id == self.diary_id());
        self.seen = seen.clone();
        self.rollback = None;
        let Some(seen) = seen else { return Ok(()) };
        if self.store.space() != slots::OWN {
            return Ok(());
        }
        let holds = self.len();
        if seen.size > holds {
            self.rollback = Some(Rollback::Behind {
                seen: seen.size,
                holds,
            });
            return Ok(());
        }
        let root = if seen.size == holds {
            self.frontier.root()
        } else {
            self.root_at(seen.size)?
        };
        if to_hex(&root) != seen.root {
            self.rollback = Some(Rollback::Rewritten { seen: seen.size });
        }
        Ok(())
    }

    /// The root of the first `size` leaves.
    fn root_at(&self, size: u64) -> Result<[u8; 32]> {
        let mut frontier = Frontier::new();
        for leaf in self
            .leaves()?
            .into_iter()
            .take(usize::try_from(size).unwrap_or(usize::MAX))
        {
            frontier.push(leaf);
        }
        Ok(frontier.root())
    }

    /// How this diary falls short of the head its device remembers, if it does.
    pub fn rollback(&self) -> Option<&Rollback> {
        self.rollback.as_ref()
    }

    /// The head the device should keep from now on: this diary's verified head — or the
    /// remembered one, unchanged, when this diary falls short of it, failed its check, or
    /// was opened with the duress passphrase. Call it after every change (the CLI does at
    /// the end of each command).
    pub fn device_head(&self) -> Option<DeviceHead> {
        if self.store.space() != slots::OWN || self.rollback.is_some() || self.damage.is_some() {
            return self.seen.clone();
        }
        Some(DeviceHead {
            diary_id: self.diary_id(),
            size: self.len(),
            root: to_hex(&self.frontier.root()),
        })
    }
}
