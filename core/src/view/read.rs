//! Reading the diary for the views: every entry as the diary shows it, and — when a row
//! cannot be read — every other entry still, with the damaged row named where it stands,
//! so one altered row never blanks a screen.

use crate::diary::Diary;
use crate::error::{Error, Result};
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

    /// Reads the whole diary. The fast path reads every row at once; if any row fails,
    /// each is read on its own so that the failure costs only that row.
    pub fn read(diary: &Diary) -> Result<Rows> {
        match diary.views() {
            Ok(views) => Ok(Rows::from_views(views)),
            Err(Error::Corrupt(_)) => Ok(Rows::one_by_one(diary)),
            Err(e) => Err(e),
        }
    }

    fn one_by_one(diary: &Diary) -> Rows {
        let mut rows = Rows::default();
        for seq in 1..=diary.len() {
            match diary.get(seq) {
                Ok(view) => rows.views.push(view),
                Err(e) => rows.damaged.push(DamagedRow {
                    seq,
                    reason: e.to_string(),
                }),
            }
        }
        rows
    }
}
