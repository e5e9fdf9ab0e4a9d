//! Storing a blob's chunks with each byte written to the disk once.
//!
//! In WAL mode every committed page is written twice: into the `-wal` (synced at commit),
//! then by a checkpoint into the file (synced again). For a 500 MB video that is a gigabyte
//! written, and it kept attaching at about a quarter of the speed of `cp` + fsync. A
//! rollback journal does not journal pages appended past the end of the file (SQLite only
//! records the file's old length and the few interior pages it changes), so a blob's
//! transaction in rollback mode writes its chunks once, straight into the file.
//!
//! So a blob's transaction leaves WAL mode for its own duration, and returns to it after
//! commit or rollback. What keeps this safe:
//! - **Only a connection alone on the file switches.** Leaving WAL needs an exclusive lock;
//!   when another connection has the file open the switch fails at once, and the blob is
//!   stored through the WAL as before (slower, equally safe).
//! - **No stale WAL can come back.** The WAL is folded into the file and deleted by the
//!   switch; the folder is synced before the first write in rollback mode, so a power cut
//!   cannot bring the old `-wal` back to be replayed over newer pages.
//! - **A commit cannot be undone by a power cut.** `synchronous=EXTRA` while in rollback
//!   mode: the folder is synced after the journal is deleted (FULL would leave that to the
//!   file system, and a `-journal` resurrected after the commit would roll it back).
//! - **A wrong passphrase still writes nothing.** A writer killed mid-blob leaves a hot
//!   `-journal`. Rolling it back is a write, so [`super::Store::open_read_only`] does not:
//!   it reads the file as it lies (`immutable`), and the first opening with a proven key
//!   rolls the journal back, as SQLite always does. See below for why that read is sound.
//! - **The diary stays one file.** The `-journal` exists only while a blob is being stored.
//!
//! Why the file read as it lies past a hot journal still holds the committed header, key
//! slots, entries and tree heads (all that proving a key, or comparing leaves, reads):
//! - A blob's transaction inserts into `blob_chunks` and `blobs` and nothing else (no
//!   schema change, no other table). SQLite writes only pages it changed: the b-tree pages
//!   of those two tables and their indexes, freelist pages, pages past the old end of the
//!   file, and page 1 — of which only the 100-byte file header changes (change counter,
//!   page count, freelist head and count); page 1's b-tree, the schema, stays as it was.
//!   The switches into and out of WAL mode change bytes 18 and 19 of that header alone.
//! - Free pages taken for blob rows were free when the transaction began, so no committed
//!   b-tree points to them; reading the other tables never reaches one, whatever it holds.
//! - No other table's page moves: that would take `auto_vacuum`, which relocates pages at
//!   commit; [`RollbackMode::enter`] refuses a file that has it (Tally never sets it).
//! - Page 1's header, read new or old: the page size, encoding and schema cookie do not
//!   change. The page count only grows; a count larger than the file (page 1 written
//!   before the pages it counts) only concerns pages past the old end, read as zeros.
//! - Torn pages: a kill of the process leaves whole `write`s in the page cache; a power
//!   cut can tear a page being written, but with the journal synced before any page of
//!   the file is overwritten (SQLite's order in every `synchronous` mode but `OFF`), the
//!   only pages being written are the ones above, never a page of the other tables.
//! - Before the journal is synced, its first bytes are zero (SQLite writes its magic number
//!   last) and it is not hot: the file then holds no change at all.
//!
//! The blob tables themselves are not sound to read that way (a half-written b-tree of
//! chunks), so a store opened past a hot journal refuses to read them
//! ([`super::StoreError::Interrupted`]) until a writable opening has rolled it back.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use super::{BUSY_TIMEOUT, sync_dir};

/// A blob transaction's time out of WAL mode; dropping it returns the file to WAL.
pub(super) struct RollbackMode<'a> {
    conn: &'a Connection,
}

impl<'a> RollbackMode<'a> {
    /// Leaves WAL mode for one blob transaction, if this connection is alone on the file
    /// at `path`; `None` (still in WAL mode) otherwise.
    pub(super) fn enter(conn: &'a Connection, path: &Path) -> Option<RollbackMode<'a>> {
        // Pages that move at commit would break the reading past a hot journal (above).
        let auto_vacuum: i64 = conn
            .query_row("PRAGMA auto_vacuum", [], |r| r.get(0))
            .ok()?;
        if auto_vacuum != 0 {
            return None;
        }
        // Another connection means waiting for it to close: do not wait, use the WAL.
        conn.busy_timeout(Duration::ZERO).ok()?;
        let left = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .ok();
        let _ = conn.busy_timeout(BUSY_TIMEOUT);
        if !left.is_some_and(|m| m.eq_ignore_ascii_case("delete")) {
            return None;
        }
        // From here on, dropping the guard returns the file to WAL mode.
        let guard = RollbackMode { conn };
        conn.pragma_update(None, "synchronous", "EXTRA").ok()?;
        sync_dir(path).ok()?;
        Some(guard)
    }
}

impl Drop for RollbackMode<'_> {
    fn drop(&mut self) {
        // Best effort: should this fail, the file stays in rollback mode (durable, only
        // slower to append to) until the next opening sets WAL again.
        let _ = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        let _ = self.conn.pragma_update(None, "synchronous", "FULL");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::super::{Header, Store, StoreError, sibling};
    use crate::crypto::slots::SlotRow;

    fn header() -> Header {
        Header {
            diary_id: vec![7; 16],
            kdf_params: "{}".into(),
            kdf_salt: vec![9; 16],
            created_at: "2024-03-12T21:06:00Z".into(),
        }
    }

    fn slot(n: u8) -> SlotRow {
        SlotRow {
            wrapped_key: vec![n; 60],
            sealed_signing_seed: vec![n; 60],
            public_key: vec![n; 32],
        }
    }

    fn files(path: &Path) -> Vec<Option<Vec<u8>>> {
        ["", "-wal", "-journal"]
            .iter()
            .map(|s| std::fs::read(sibling(path, s)).ok())
            .collect()
    }

    /// The diary file and its `-journal` as a kill would leave them in the middle of
    /// storing a blob: copied while its transaction is open, after chunks went to disk.
    fn killed_mid_blob(dir: &Path) -> PathBuf {
        let path = dir.join("diary.tally");
        let store = Store::create(&path, &header(), &[slot(1), slot(2)]).unwrap();
        let id = [3u8; 16];
        let mut blob = store.begin_blob(&id).unwrap();
        // SQLite's file header: bytes 18 and 19 are 1 in rollback mode, 2 in WAL mode.
        let mode = std::fs::read(&path).unwrap()[18..20].to_vec();
        assert_eq!(mode, [1, 1], "a store alone on its file stayed in WAL mode");
        // More than SQLite's page cache holds, so pages have gone to the file.
        for idx in 0..6 {
            blob.chunk(idx, &vec![idx as u8 + 1; 1 << 20]).unwrap();
        }
        let copy = dir.join("killed.tally");
        std::fs::copy(&path, &copy).unwrap();
        std::fs::copy(sibling(&path, "-journal"), sibling(&copy, "-journal")).unwrap();
        drop(blob);
        copy
    }

    #[test]
    fn past_a_hot_journal_the_header_and_slots_read_the_blobs_do_not_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let copy = killed_mid_blob(dir.path());
        let journal = std::fs::read(sibling(&copy, "-journal")).unwrap();
        assert_ne!(journal[0], 0, "the journal copied is not hot");
        let before = files(&copy);

        let store = Store::open_read_only(&copy).unwrap();
        assert_eq!(store.header().unwrap(), header());
        assert_eq!(store.slots().unwrap(), vec![slot(1), slot(2)]);
        assert!(store.leaves().unwrap().is_empty());
        assert!(matches!(store.blobs(), Err(StoreError::Interrupted(_))));
        assert!(matches!(
            store.chunk_refs(&[3u8; 16]),
            Err(StoreError::Interrupted(_))
        ));
        drop(store);
        assert!(files(&copy) == before, "reading past the journal wrote");

        // Opening for writing rolls the unfinished blob back.
        let store = Store::open(&copy).unwrap();
        assert!(!sibling(&copy, "-journal").exists());
        assert!(store.blobs().unwrap().is_empty());
        assert!(store.chunk_refs(&[3u8; 16]).unwrap().is_empty());
        assert_eq!(store.header().unwrap(), header());
    }
}
