//! Whole-file copies: a backup taken while the diary stays in use, and a restore written
//! over a diary or onto a new path. Both use SQLite's online backup API, page by page, so
//! progress can be shown and the copy cancelled between steps.
//!
//! A backup is read inside one read transaction on the diary's own connection: in WAL
//! mode that pins one committed state for the whole copy, while other programs keep
//! appending (their commits land in the WAL and are not seen). Every entry acknowledged
//! before the backup began is in it. The copy is written beside its destination, made a
//! single self-contained file (rollback journal mode, so it opens read-only anywhere),
//! synced, and renamed into place only when complete.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, shown};
use crate::progress::Progress;

/// Pages copied between progress reports (1 MiB with 64 KiB pages).
const PAGES_PER_STEP: std::ffi::c_int = 16;

fn copy_pages(
    from: &Connection,
    to: &mut Connection,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    let backup = Backup::new(from, to)?;
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        let total = u64::try_from(p.pagecount).unwrap_or(0);
        let left = u64::try_from(p.remaining).unwrap_or(0);
        progress.update(total.saturating_sub(left), Some(total));
        if progress.cancelled() {
            return Err(StoreError::Cancelled);
        }
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Another program holds a lock on the destination for a moment.
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Syncs a file and the folder holding it, so a rename into place survives power loss.
fn sync_file_and_dir(path: &Path) -> Result<(), StoreError> {
    std::fs::File::open(path)?.sync_all()?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        // Folders cannot be opened on every platform; where they can, sync the rename.
        let _ = d.sync_all();
    }
    Ok(())
}

/// A temporary file beside `dest`, removed on drop unless kept.
struct Partial(Option<PathBuf>);

impl Partial {
    fn beside(dest: &Path) -> Result<Partial, StoreError> {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let nonce: [u8; 6] = crate::crypto::random_bytes()
            .map_err(|_| StoreError::BadHeader("the system random generator failed"))?;
        Ok(Partial(Some(dest.with_file_name(format!(
            ".{name}.partial-{}",
            hex::encode(nonce)
        )))))
    }

    fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }

    fn keep_as(mut self, dest: &Path) -> Result<(), StoreError> {
        let from = self.0.take().unwrap_or_default();
        if dest.exists() {
            let _ = std::fs::remove_file(&from);
            return Err(StoreError::AlreadyExists(shown(dest)));
        }
        std::fs::rename(&from, dest)?;
        sync_file_and_dir(dest)
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(&p);
            let _ = std::fs::remove_file(super::sibling(&p, "-journal"));
        }
    }
}

/// Copies `from` into a new, self-contained file at `dest` (which must not exist).
fn copy_to_new_file(
    from: &Connection,
    dest: &Path,
    progress: &dyn Progress,
) -> Result<u64, StoreError> {
    if dest.exists() {
        return Err(StoreError::AlreadyExists(shown(dest)));
    }
    let partial = Partial::beside(dest)?;
    {
        let mut to = Connection::open_with_flags(
            partial.path(),
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        copy_pages(from, &mut to, progress)?;
        // The copy says WAL in its header (it is a page copy); a single file in rollback
        // mode opens read-only anywhere, with no -wal or -shm beside it.
        to.pragma_update(None, "journal_mode", "DELETE")?;
    }
    let bytes = std::fs::metadata(partial.path())?.len();
    partial.keep_as(dest)?;
    Ok(bytes)
}

impl Store {
    /// Writes the whole file, as it stands at one moment, to a new file at `dest`.
    /// Returns the bytes written. Cancelled or failed, nothing is left at `dest`.
    pub fn snapshot_to(&self, dest: &Path, progress: &dyn Progress) -> Result<u64, StoreError> {
        // One read transaction for the whole copy: one committed state, while others write.
        let tx = self.conn.unchecked_transaction()?;
        tx.query_row("SELECT count(*) FROM header", [], |_| Ok(()))?;
        let bytes = copy_to_new_file(&self.conn, dest, progress)?;
        tx.commit()?;
        Ok(bytes)
    }

    /// Writes `source`'s whole file to a new file at `dest` (a restore onto a path where
    /// no diary is). Returns the bytes written.
    pub fn copy_to_new(
        source: &Store,
        dest: &Path,
        progress: &dyn Progress,
    ) -> Result<u64, StoreError> {
        copy_to_new_file(&source.conn, dest, progress)
    }

    /// Replaces this whole file with `source`'s, in one transaction: other programs see
    /// the old diary or the new one, never a mix, and a crash leaves the old one.
    pub fn replace_with(
        &mut self,
        source: &Store,
        progress: &dyn Progress,
    ) -> Result<(), StoreError> {
        self.writable()?;
        copy_pages(&source.conn, &mut self.conn, progress)?;
        self.fold_wal();
        Ok(())
    }
}
