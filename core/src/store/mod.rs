//! The SQLite file: schema, migrations, append, read, blobs.
//!
//! One file is the whole diary. It holds only ciphertext (entries, blob chunks, blob
//! metadata, tree heads), the leaf hashes of the Merkle log, and a header with what is
//! needed to unlock (KDF parameters and salt, the wrapped data key, the sealed signing
//! seed, the public key). WAL with `synchronous=FULL` makes every committed append
//! durable and atomic: an append that returned is on disk; one interrupted left no trace.

mod schema;

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// There is no file at the path.
    #[error("no diary at {0}")]
    NotFound(String),
    /// A file already exists where a new diary was to be created.
    #[error("a file already exists at {0}; choose another path")]
    AlreadyExists(String),
    /// The file is not a Tally diary.
    #[error("{0} is not a Tally diary")]
    NotADiary(String),
    /// The file was written by a newer version of Tally.
    #[error("the diary's format (version {0}) is newer than this version of Tally understands")]
    TooNew(i64),
    /// The header row is missing or malformed.
    #[error("the diary header is damaged: {0}")]
    BadHeader(&'static str),
    /// Another process appended to the diary after this one opened it.
    #[error("the diary was changed by another program since it was opened; open it again")]
    ChangedElsewhere,
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// What the header holds: everything needed to unlock, nothing readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// 16 random bytes naming this diary; salts HKDF and binds the wrapped keys to it.
    pub diary_id: Vec<u8>,
    /// KDF parameters (JSON of [`crate::crypto::kdf::KdfParams`]).
    pub kdf_params: String,
    /// KDF salt.
    pub kdf_salt: Vec<u8>,
    /// The data key sealed under the passphrase key.
    pub wrapped_key: Vec<u8>,
    /// The Ed25519 seed sealed under a subkey of the data key.
    pub sealed_signing_seed: Vec<u8>,
    /// The Ed25519 public key (32 bytes).
    pub public_key: Vec<u8>,
    /// When the diary was created (RFC 3339, UTC).
    pub created_at: String,
}

/// One entry row as stored.
#[derive(Debug, Clone)]
pub struct EntryRow {
    /// Entry number.
    pub seq: u64,
    /// RFC 9162 leaf hash of the entry bytes.
    pub leaf: Vec<u8>,
    /// The sealed entry, or `None` once erased.
    pub sealed: Option<Vec<u8>>,
}

/// One stored blob: a random id, the keyed lookup of its SHA-256, its sealed metadata.
#[derive(Debug, Clone)]
pub struct BlobRow {
    /// Random id (bound into every chunk's associated data).
    pub id: Vec<u8>,
    /// HMAC of the content's SHA-256 under the lookup key.
    pub lookup: Vec<u8>,
    /// Sealed metadata (SHA-256, size, chunk count).
    pub sealed_meta: Vec<u8>,
}

/// An append: the entry row, the tree head it produces, and any rows an erasure empties.
pub struct Append<'a> {
    /// Entry number (one more than the last).
    pub seq: u64,
    /// Leaf hash.
    pub leaf: &'a [u8],
    /// Sealed entry bytes.
    pub sealed: &'a [u8],
    /// Sealed signed tree head for the log after this entry.
    pub sealed_head: &'a [u8],
    /// Entries whose ciphertext this append deletes (an erasure).
    pub erase: &'a [u64],
    /// Blobs this append deletes (attachments only the erased entries held).
    pub drop_blobs: &'a [Vec<u8>],
}

/// Reads a column meant to hold bytes, whatever type a tampered file put there: text and
/// numbers come back as bytes (which then fail to decrypt, and `check` names them), NULL
/// as `None`. A changed column type must be reported, not crash the reader.
fn bytes_at(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<Vec<u8>>> {
    use rusqlite::types::ValueRef;
    Ok(match row.get_ref(idx)? {
        ValueRef::Null => None,
        ValueRef::Blob(b) => Some(b.to_vec()),
        ValueRef::Text(t) => Some(t.to_vec()),
        ValueRef::Integer(i) => Some(i.to_be_bytes().to_vec()),
        ValueRef::Real(f) => Some(f.to_be_bytes().to_vec()),
    })
}

fn bytes_or_empty(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Vec<u8>> {
    Ok(bytes_at(row, idx)?.unwrap_or_default())
}

/// The open SQLite file.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Creates a new diary file with `header`. Refuses to overwrite anything.
    pub fn create(path: &Path, header: &Header) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.display().to_string()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        schema::configure(&conn)?;
        let tx = conn.unchecked_transaction()?;
        schema::create(&tx)?;
        tx.execute(
            "INSERT INTO header (id, diary_id, kdf_params, kdf_salt, wrapped_key,
                 sealed_signing_seed, public_key, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                header.diary_id,
                header.kdf_params,
                header.kdf_salt,
                header.wrapped_key,
                header.sealed_signing_seed,
                header.public_key,
                header.created_at
            ],
        )?;
        tx.commit()?;
        Ok(Store { conn })
    }

    /// Opens an existing diary file, migrating an older schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NotFound(path.display().to_string()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let not_a_diary = || StoreError::NotADiary(path.display().to_string());
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|_| not_a_diary())?;
        if app_id != APPLICATION_ID {
            return Err(not_a_diary());
        }
        schema::configure(&conn)?;
        schema::migrate(&conn)?;
        Ok(Store { conn })
    }

    /// The header.
    pub fn header(&self) -> Result<Header, StoreError> {
        self.conn
            .query_row(
                "SELECT diary_id, kdf_params, kdf_salt, wrapped_key, sealed_signing_seed,
                        public_key, created_at FROM header WHERE id = 1",
                [],
                |r| {
                    Ok(Header {
                        diary_id: bytes_or_empty(r, 0)?,
                        kdf_params: String::from_utf8_lossy(&bytes_or_empty(r, 1)?).into_owned(),
                        kdf_salt: bytes_or_empty(r, 2)?,
                        wrapped_key: bytes_or_empty(r, 3)?,
                        sealed_signing_seed: bytes_or_empty(r, 4)?,
                        public_key: bytes_or_empty(r, 5)?,
                        created_at: String::from_utf8_lossy(&bytes_or_empty(r, 6)?).into_owned(),
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::BadHeader("the header row is missing"))
    }

    /// Replaces the wrapped data key and KDF settings (a passphrase change), atomically.
    pub fn set_wrapped_key(
        &self,
        kdf_params: &str,
        kdf_salt: &[u8],
        wrapped_key: &[u8],
    ) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE header SET kdf_params = ?1, kdf_salt = ?2, wrapped_key = ?3 WHERE id = 1",
            params![kdf_params, kdf_salt, wrapped_key],
        )?;
        if n == 1 {
            Ok(())
        } else {
            Err(StoreError::BadHeader("the header row is missing"))
        }
    }

    /// Every leaf hash, in entry order, with its entry number.
    pub fn leaves(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, leaf FROM entries ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)? as u64, bytes_or_empty(r, 1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One entry row.
    pub fn entry(&self, seq: u64) -> Result<Option<EntryRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, leaf, sealed FROM entries WHERE seq = ?1")?;
        Ok(stmt
            .query_row([seq as i64], |r| {
                Ok(EntryRow {
                    seq: r.get::<_, i64>(0)? as u64,
                    leaf: bytes_or_empty(r, 1)?,
                    sealed: bytes_at(r, 2)?,
                })
            })
            .optional()?)
    }

    /// Calls `f` on every entry row in order (streaming; rows are not collected).
    pub fn for_each_entry<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(EntryRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, leaf, sealed FROM entries ORDER BY seq")
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let row = EntryRow {
                seq: r.get::<_, i64>(0).map_err(StoreError::from)? as u64,
                leaf: bytes_or_empty(r, 1).map_err(StoreError::from)?,
                sealed: bytes_at(r, 2).map_err(StoreError::from)?,
            };
            f(row)?;
        }
        Ok(())
    }

    /// Appends one entry and its tree head, and performs any erasure, in one transaction.
    /// Refuses if another process appended since this one read the log (the new entry
    /// would not follow the head it was signed against).
    pub fn append(&self, a: &Append<'_>) -> Result<(), StoreError> {
        // IMMEDIATE: take the write lock before reading the last entry number, so two
        // programs appending at once are serialised instead of racing.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let last: i64 = tx
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM entries")?
            .query_row([], |r| r.get(0))?;
        if last as u64 + 1 != a.seq {
            return Err(StoreError::ChangedElsewhere);
        }
        tx.prepare_cached("INSERT INTO entries (seq, leaf, sealed) VALUES (?1, ?2, ?3)")?
            .execute(params![a.seq as i64, a.leaf, a.sealed])?;
        tx.prepare_cached("INSERT INTO tree_heads (size, sealed) VALUES (?1, ?2)")?
            .execute(params![a.seq as i64, a.sealed_head])?;
        for &seq in a.erase {
            tx.execute(
                "UPDATE entries SET sealed = NULL WHERE seq = ?1",
                [seq as i64],
            )?;
        }
        for id in a.drop_blobs {
            tx.execute("DELETE FROM blob_chunks WHERE blob_id = ?1", [id])?;
            tx.execute("DELETE FROM blobs WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        if !a.erase.is_empty() {
            // Push the emptied pages out of the WAL so the erased ciphertext is gone from
            // the file now, not at some later checkpoint (secure_delete zeroes them).
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// Every stored tree head (size, sealed head), in order of size.
    pub fn heads(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT size, sealed FROM tree_heads ORDER BY size")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)? as u64, bytes_or_empty(r, 1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The tree head of the largest size.
    pub fn latest_head(&self) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT size, sealed FROM tree_heads ORDER BY size DESC LIMIT 1")?
            .query_row([], |r| {
                Ok((r.get::<_, i64>(0)? as u64, bytes_or_empty(r, 1)?))
            })
            .optional()?)
    }

    /// Starts storing a blob: chunks go in one transaction, which [`BlobWriter::finish`]
    /// commits, so a blob is either complete or absent.
    pub fn begin_blob<'a>(&'a self, id: &'a [u8]) -> Result<BlobWriter<'a>, StoreError> {
        Ok(BlobWriter {
            tx: self.conn.unchecked_transaction()?,
            conn: &self.conn,
            id,
            chunks: std::cell::Cell::new(0),
        })
    }

    /// The blob whose lookup value is `lookup`.
    pub fn blob_by_lookup(&self, lookup: &[u8]) -> Result<Option<BlobRow>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, lookup, sealed_meta FROM blobs WHERE lookup = ?1")?
            .query_row([lookup], |r| {
                Ok(BlobRow {
                    id: bytes_or_empty(r, 0)?,
                    lookup: bytes_or_empty(r, 1)?,
                    sealed_meta: bytes_or_empty(r, 2)?,
                })
            })
            .optional()?)
    }

    /// Every blob row.
    pub fn blobs(&self) -> Result<Vec<BlobRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, lookup, sealed_meta FROM blobs ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| {
            Ok(BlobRow {
                id: bytes_or_empty(r, 0)?,
                lookup: bytes_or_empty(r, 1)?,
                sealed_meta: bytes_or_empty(r, 2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The chunk indexes stored for a blob, in order.
    pub fn chunk_indexes(&self, id: &[u8]) -> Result<Vec<u64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT idx FROM blob_chunks WHERE blob_id = ?1 ORDER BY idx")?;
        let rows = stmt.query_map([id], |r| Ok(r.get::<_, i64>(0)? as u64))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One sealed chunk.
    pub fn chunk(&self, id: &[u8], idx: u64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT sealed FROM blob_chunks WHERE blob_id = ?1 AND idx = ?2")?
            .query_row(params![id, idx as i64], |r| bytes_or_empty(r, 0))
            .optional()?)
    }

    /// Deletes blobs that no entry refers to (left by an attach that never sealed its entry).
    pub fn delete_blob(&self, id: &[u8]) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM blob_chunks WHERE blob_id = ?1", [id])?;
        tx.execute("DELETE FROM blobs WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` inside one transaction (many reads see one consistent state).
    pub fn read_snapshot<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(StoreError::from)?;
        let out = f(self)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
}

/// A blob being written; dropped without [`BlobWriter::finish`], nothing of it remains.
pub struct BlobWriter<'a> {
    tx: rusqlite::Transaction<'a>,
    conn: &'a Connection,
    id: &'a [u8],
    chunks: std::cell::Cell<u64>,
}

impl BlobWriter<'_> {
    /// Stores one sealed chunk.
    pub fn chunk(&self, idx: u64, sealed: &[u8]) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("INSERT INTO blob_chunks (blob_id, idx, sealed) VALUES (?1, ?2, ?3)")?
            .execute(params![self.id, idx as i64, sealed])?;
        self.chunks.set(self.chunks.get() + 1);
        Ok(())
    }

    /// Stores the metadata row and commits. Returns `false` (and stores nothing) when a
    /// blob with the same lookup value, so the same content, is already there.
    pub fn finish(self, lookup: &[u8], sealed_meta: &[u8]) -> Result<bool, StoreError> {
        let exists: bool = self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM blobs WHERE lookup = ?1)")?
            .query_row([lookup], |r| r.get(0))?;
        if exists {
            return Ok(false);
        }
        self.tx.execute(
            "INSERT INTO blobs (id, lookup, sealed_meta) VALUES (?1, ?2, ?3)",
            params![self.id, lookup, sealed_meta],
        )?;
        self.tx.commit()?;
        if self.chunks.get() > 8 {
            // A large blob sits in the WAL after commit; folding it into the main file now
            // makes reading it back (exporting a pack) sequential instead of a WAL lookup
            // per page. Best effort: a reader holding an old snapshot only delays it.
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
        Ok(true)
    }
}
