//! Reading the diary for the views: every entry as the diary shows it, and — when a row
//! cannot be read — every other entry still, with the damaged row named where it stands,
//! so one altered row never blanks a screen.

use crate::diary::Diary;
use crate::error::Result;
use crate::model::EntryView;

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedRow {
    /// Its entry number.
    pub seq: u64,
    /// Why, naming the entry (never its content).
    pub reason: String,
}

/// Every entry the views read: those that read, and those that did not.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Every readable entry as the diary shows it, in order, corrections included.
    pub views: Vec<EntryView>,
    /// Rows that could not be read.
    pub damaged: Vec<DamagedRow>,
}

impl Rows {
    /// Rows from views already read (a pack's entries, a test's).
    pub fn from_views(views: Vec<EntryView>) -> Rows {
        Rows {
            views,
            damaged: Vec::new(),
        }
    }

    /// Reads the whole diary: every readable entry, and each damaged row by its number
    /// (the diary's own reading keeps going past a row it cannot open).
    pub fn read(diary: &Diary) -> Result<Rows> {
        let reading = diary.read_all()?;
        Ok(Rows {
            views: reading.views,
            damaged: reading
                .damaged
                .into_iter()
                .map(|d| DamagedRow {
                    seq: d.seq,
                    reason: d.what,
                })
                .collect(),
        })
    }
}
