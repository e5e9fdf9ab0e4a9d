//! Blob rows: a blob's metadata row (random id, keyed lookup, sealed metadata) and its
//! sealed chunks, written in one transaction and read back one chunk at a time through
//! SQLite's incremental blob I/O (no statement copies a 1 MiB value on the way out).

use std::io::{Read, Write};

use rusqlite::{Connection, MAIN_DB, OptionalExtension, params};

use super::{Store, StoreError, bounded, bytes_or_empty, number_at};

/// Largest sealed chunk read back: 1 MiB of plaintext (the diary's chunk size) and the
/// AEAD overhead, with room to spare. A longer value is damage, and is not read.
pub const MAX_SEALED_CHUNK: usize = (1 << 20) + 64;
/// Largest sealed metadata row read back.
const MAX_SEALED_META: usize = 4096;

/// The page size of a new diary file: 64 KiB. A 1 MiB chunk then spans 17 pages rather
/// than 257, which more than halves the time to store and read attachments (fewer WAL
/// frames, page lookups and `pread`s); a small append writes a few 64 KiB frames, which
/// costs a fraction of its fsync (see BENCHMARKS.md).
const PAGE_SIZE: u32 = 64 * 1024;

pub(super) fn set_page_size(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    Ok(())
}

/// One stored blob: a random id, the keyed lookup of its SHA-256, its sealed metadata.
#[derive(Debug, Clone)]
pub struct BlobRow {
    /// Random id (bound into every chunk's associated data).
    pub id: Vec<u8>,
    /// HMAC of the content's SHA-256 under the lookup key.
    pub lookup: Vec<u8>,
    /// Sealed metadata (SHA-256, size, chunk count, the entry that claimed it).
    pub sealed_meta: Vec<u8>,
}

/// Where one chunk is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkRef {
    /// Chunk index within its blob.
    pub idx: u64,
    /// The row holding it.
    pub row: i64,
    /// Its sealed length in bytes.
    pub len: u64,
}

fn blob_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BlobRow> {
    Ok(BlobRow {
        id: bytes_or_empty(r, 0)?,
        lookup: bytes_or_empty(r, 1)?,
        sealed_meta: bytes_or_empty(r, 2)?,
    })
}

fn blob_select(filter: &str) -> String {
    format!(
        "SELECT {}, {}, {} FROM blobs WHERE space = ?1 {filter}",
        bounded("id", 64),
        bounded("lookup", 64),
        bounded("sealed_meta", MAX_SEALED_META)
    )
}

impl Store {
    /// Starts storing a blob: chunks go in one transaction, which [`BlobWriter::finish`]
    /// commits, so a blob is either complete or absent.
    pub fn begin_blob<'a>(&'a self, id: &'a [u8]) -> Result<BlobWriter<'a>, StoreError> {
        self.writable()?;
        Ok(BlobWriter {
            tx: rusqlite::Transaction::new_unchecked(
                &self.conn,
                rusqlite::TransactionBehavior::Immediate,
            )?,
            store: self,
            id,
            chunks: 0,
            behind: WriteBehind::new(&self.path),
        })
    }

    /// The blob whose lookup value is `lookup`.
    pub fn blob_by_lookup(&self, lookup: &[u8]) -> Result<Option<BlobRow>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&blob_select("AND lookup = ?2"))?
            .query_row(params![self.space, lookup], blob_row)
            .optional()?)
    }

    /// Every blob row of this space.
    pub fn blobs(&self) -> Result<Vec<BlobRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&blob_select("ORDER BY id"))?;
        let rows = stmt.query_map([self.space], blob_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Where each chunk of a blob is stored, in order of index.
    pub fn chunk_refs(&self, id: &[u8]) -> Result<Vec<ChunkRef>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT idx, n, octet_length(sealed) FROM blob_chunks
             WHERE space = ?1 AND blob_id = ?2 ORDER BY idx",
        )?;
        let rows = stmt.query_map(params![self.space, id], |r| {
            Ok(ChunkRef {
                idx: number_at(r, 0)?,
                row: r.get(1)?,
                len: number_at(r, 2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Reads one sealed chunk into `buf` (resized to fit), without an intermediate copy.
    /// A chunk longer than [`MAX_SEALED_CHUNK`] is refused, not read.
    pub fn read_chunk(&self, chunk: &ChunkRef, buf: &mut Vec<u8>) -> Result<(), StoreError> {
        let mut blob = self
            .conn
            .blob_open(MAIN_DB, c"blob_chunks", c"sealed", chunk.row, true)?;
        let len = blob.len();
        if len > MAX_SEALED_CHUNK {
            return Err(StoreError::Oversized("a blob chunk"));
        }
        buf.clear();
        buf.resize(len, 0);
        blob.read_exact(buf)?;
        Ok(())
    }

    /// Replaces one chunk's ciphertext (re-keying). A value of the same length — always,
    /// since sealing keeps lengths — is overwritten where it lies, so its pages are not
    /// freed and allocated again.
    pub fn reseal_chunk(&self, chunk: &ChunkRef, sealed: &[u8]) -> Result<(), StoreError> {
        self.writable()?;
        if chunk.len == sealed.len() as u64 {
            let mut blob =
                self.conn
                    .blob_open(MAIN_DB, c"blob_chunks", c"sealed", chunk.row, false)?;
            blob.write_all(sealed)?;
        } else {
            self.conn
                .prepare_cached("UPDATE blob_chunks SET sealed = ?2 WHERE n = ?1")?
                .execute(params![chunk.row, sealed])?;
        }
        Ok(())
    }

    /// Replaces a blob's lookup and metadata (re-keying, or its first entry claiming it).
    pub fn update_blob(
        &self,
        id: &[u8],
        lookup: &[u8],
        sealed_meta: &[u8],
    ) -> Result<(), StoreError> {
        self.writable()?;
        self.conn
            .prepare_cached(
                "UPDATE blobs SET lookup = ?3, sealed_meta = ?4 WHERE space = ?1 AND id = ?2",
            )?
            .execute(params![self.space, id, lookup, sealed_meta])?;
        Ok(())
    }

    /// Chunks of this space whose blob has no metadata row (only a tampered file has any:
    /// a blob's chunks and its row are committed together).
    pub fn chunks_without_blob(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM blob_chunks c WHERE c.space = ?1
               AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.space = c.space AND b.id = c.blob_id)",
            [self.space],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    pub(super) fn delete_blob_rows(&self, id: &[u8]) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM blob_chunks WHERE space = ?1 AND blob_id = ?2",
            params![self.space, id],
        )?;
        self.conn.execute(
            "DELETE FROM blobs WHERE space = ?1 AND id = ?2",
            params![self.space, id],
        )?;
        Ok(())
    }

    /// Deletes a blob no entry claimed (an attachment whose entry was never saved).
    pub fn delete_blob(&self, id: &[u8]) -> Result<(), StoreError> {
        let tx = self.begin_write()?;
        self.delete_blob_rows(id)?;
        tx.commit()
    }
}

/// A blob being written; dropped without [`BlobWriter::finish`], nothing of it remains.
pub struct BlobWriter<'a> {
    tx: rusqlite::Transaction<'a>,
    store: &'a Store,
    id: &'a [u8],
    chunks: u64,
    behind: WriteBehind,
}

impl BlobWriter<'_> {
    /// Stores one sealed chunk.
    pub fn chunk(&mut self, idx: u64, sealed: &[u8]) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO blob_chunks (space, blob_id, idx, sealed) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                self.store.space,
                self.id,
                i64::try_from(idx).unwrap_or(i64::MAX),
                sealed
            ])?;
        self.chunks += 1;
        if self.chunks.is_multiple_of(WriteBehind::EVERY) {
            self.behind.nudge();
        }
        Ok(())
    }

    /// Stores the metadata row and commits. Returns `false` (and stores nothing) when a
    /// blob with the same lookup value, so the same content, is already there.
    pub fn finish(self, lookup: &[u8], sealed_meta: &[u8]) -> Result<bool, StoreError> {
        let exists: bool = self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM blobs WHERE space = ?1 AND lookup = ?2)")?
            .query_row(params![self.store.space, lookup], |r| r.get(0))?;
        if exists {
            return Ok(false);
        }
        self.tx.execute(
            "INSERT INTO blobs (space, id, lookup, sealed_meta) VALUES (?1, ?2, ?3, ?4)",
            params![self.store.space, self.id, lookup, sealed_meta],
        )?;
        self.tx.commit()?;
        if self.chunks > 8 {
            // A large blob sits in the WAL after commit; folding it into the main file now
            // makes reading it back (exporting a pack) sequential instead of a WAL lookup
            // per page. (Above SQLite's autocheckpoint of 1000 pages the commit has just
            // done so, and this finds nothing left to copy.)
            self.store.fold_wal_in_place();
        }
        Ok(true)
    }
}

/// Write-behind for the WAL while a blob streams in: every few MiB a helper thread asks
/// the file system to put what SQLite has written to the WAL so far on disk, so the disk
/// writes while this thread seals and stores the next chunks, and the commit's own fsync
/// finds little left to do (an attach took a quarter less time; see BENCHMARKS.md).
///
/// It opens the WAL file itself: SQLite keeps no locks on it (WAL locking is on the
/// `-shm` file; the main file, whose POSIX locks any close would drop, is never opened
/// here), and an fsync, on any descriptor, only makes durable what was already written,
/// so nothing SQLite relies on changes. When the WAL cannot be opened it does nothing.
/// Only on Linux and Android: Apple's `fsync` does not reach the disk and the full flush
/// in its place is far slower than SQLite's own sync, so there it is left to the commit.
struct WriteBehind {
    /// The nudge and the thread it wakes; `None` when write-behind is not running.
    running: Option<(std::sync::mpsc::SyncSender<()>, std::thread::JoinHandle<()>)>,
}

impl WriteBehind {
    /// Chunks (MiB) between two nudges.
    const EVERY: u64 = 16;

    fn new(db: &std::path::Path) -> Self {
        WriteBehind {
            running: Self::start(db),
        }
    }

    fn start(
        db: &std::path::Path,
    ) -> Option<(std::sync::mpsc::SyncSender<()>, std::thread::JoinHandle<()>)> {
        if !cfg!(any(target_os = "linux", target_os = "android")) {
            return None;
        }
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        let file = std::fs::File::open(&wal).ok()?;
        // One nudge waiting is enough: a sync started later covers everything before it.
        let (nudge, nudged) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("tally-write-behind".into())
            .spawn(move || {
                for () in nudged {
                    let _ = file.sync_data();
                }
            })
            .ok()?;
        Some((nudge, thread))
    }

    fn nudge(&self) {
        if let Some((nudge, _)) = &self.running {
            let _ = nudge.try_send(());
        }
    }
}

impl Drop for WriteBehind {
    fn drop(&mut self) {
        if let Some((nudge, thread)) = self.running.take() {
            // Without its sender the thread's loop ends after the sync in hand.
            drop(nudge);
            let _ = thread.join();
        }
    }
}
