//! The SQLite file: schema, append, read, blobs, and the copies backup and restore make.
//!
//! One file is the whole diary. It holds only ciphertext (entries, blob chunks, blob
//! metadata, tree heads), the leaf hashes of the Merkle log, and a header with what is
//! needed to unlock: the diary id, the Argon2id parameters and salt, and two key slots
//! (see [`crate::crypto::slots`]). WAL with `synchronous=FULL` makes every committed append
//! durable and atomic: an append that returned is on disk; one interrupted left no trace.
//!
//! A [`Store`] works in one *space*: 0 for the diary, 1 for the decoy a duress passphrase
//! opens. Every row it reads or writes is in its space, so nothing done in the decoy can
//! show, count or change a row of the diary.
//!
//! Opening happens in two steps, so that a wrong passphrase writes nothing:
//! [`Store::open_read_only`] reads the header without changing a byte of the file or of its
//! `-wal`/`-shm` (SQLite's `readonly_shm`, or `immutable` when no WAL is pending), and only
//! once a key is proven does [`Store::open`] open it for writing (which may fold the WAL).
//!
//! Every column is outside data: lengths are checked in SQL before a value is fetched, so
//! a tampered row cannot make a read allocate more than its bound.

mod blobs;
mod schema;
mod snapshot;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use blobs::{BlobRow, BlobWriter, ChunkRef, MAX_SEALED_CHUNK};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

use crate::crypto::slots::{SLOT_COUNT, SlotRow};

/// Largest sealed entry read back (a message log at the import limit fits well within).
pub const MAX_SEALED_ENTRY: usize = 64 << 20;
/// Largest sealed tree head read back.
const MAX_SEALED_HEAD: usize = 64 << 10;

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
    /// The file was written by a development version before the first release.
    #[error(
        "the diary's format (version {0}) was written by a development version of Tally and is not read by this one"
    )]
    TooOld(i64),
    /// The header row is missing or malformed.
    #[error("the diary header is damaged: {0}")]
    BadHeader(&'static str),
    /// Another process appended to the diary after this one opened it.
    #[error("the diary was changed by another program since it was opened; open it again")]
    ChangedElsewhere,
    /// The file can only be read (permissions, read-only media, or an older copy).
    #[error("the diary file can only be read here: {0}")]
    ReadOnly(String),
    /// A stored value is longer than anything Tally writes there (damage, not read).
    #[error("{0} is larger than anything Tally stores there")]
    Oversized(&'static str),
    /// The caller stopped a long copy; nothing was left behind.
    #[error("cancelled; nothing was written")]
    Cancelled,
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Reading or writing the file failed.
    #[error("input/output error on the diary file: {0}")]
    Io(#[from] std::io::Error),
}

/// The header: what every slot shares. Nothing in it is secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// 16 random bytes naming this diary file; salts HKDF and binds the key slots to it.
    pub diary_id: Vec<u8>,
    /// KDF parameters (JSON of [`crate::crypto::kdf::KdfParams`]).
    pub kdf_params: String,
    /// KDF salt, shared by both slots (one derivation per attempt serves both).
    pub kdf_salt: Vec<u8>,
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
    /// The sealed entry, or `None` once erased. A value over its bound reads as empty
    /// (it then fails to open, and is named as damaged).
    pub sealed: Option<Vec<u8>>,
}

/// An append: the entry row, the tree head it produces, any rows an erasure empties, and
/// the attachments it claims.
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
    /// Blobs this entry is the first to refer to: (id, metadata re-sealed naming it).
    pub claims: &'a [(Vec<u8>, Vec<u8>)],
    /// The key slot this diary was unlocked with: the append is refused if another
    /// program replaced it since (a passphrase change re-sealed every row under a new key).
    pub slot: &'a SlotRow,
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

/// An integer column of a tampered file may hold anything: a number out of range or of
/// the wrong type reads as `u64::MAX`, which no real row has and every check names.
fn number_at(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    use rusqlite::types::ValueRef;
    Ok(match row.get_ref(idx)? {
        ValueRef::Integer(i) => u64::try_from(i).unwrap_or(u64::MAX),
        _ => u64::MAX,
    })
}

/// SQL for column `col` fetched only when it holds at most `max` bytes; a longer value
/// reads as an empty blob, NULL stays NULL.
fn bounded(col: &str, max: usize) -> String {
    format!(
        "CASE WHEN {col} IS NULL THEN NULL WHEN octet_length({col}) <= {max} THEN {col} ELSE X'' END"
    )
}

/// A `file:` URI for `path` with query `params`, every byte outside the unreserved set
/// percent-encoded (SQLite URIs, <https://sqlite.org/uri.html>).
fn file_uri(path: &Path, params: &str) -> Result<String, StoreError> {
    let absolute = std::path::absolute(path).map_err(|_| StoreError::NotFound(shown(path)))?;
    let text = absolute
        .to_str()
        .ok_or_else(|| StoreError::NotFound(shown(path)))?;
    let mut uri = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push('?');
    uri.push_str(params);
    Ok(uri)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// A file beside `path` with `suffix` appended to its name (`-wal`, `-shm`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The open SQLite file, working in one space.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    space: u8,
    writable: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("writable", &self.writable)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Creates a new diary file with `header` and its two key slots. Refuses to overwrite
    /// anything.
    pub fn create(path: &Path, header: &Header, slots: &[SlotRow]) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(shown(path)));
        }
        if slots.len() != usize::from(SLOT_COUNT) {
            return Err(StoreError::BadHeader("a diary has two key slots"));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        blobs::set_page_size(&conn)?;
        schema::configure(&conn)?;
        let tx = conn.unchecked_transaction()?;
        schema::create(&tx)?;
        tx.execute(
            "INSERT INTO header (id, diary_id, kdf_params, kdf_salt, created_at)
             VALUES (1, ?1, ?2, ?3, ?4)",
            params![
                header.diary_id,
                header.kdf_params,
                header.kdf_salt,
                header.created_at
            ],
        )?;
        for (slot, row) in (0u8..).zip(slots) {
            tx.execute(
                "INSERT INTO key_slots (slot, wrapped_key, sealed_signing_seed, public_key)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    slot,
                    row.wrapped_key,
                    row.sealed_signing_seed,
                    row.public_key
                ],
            )?;
        }
        tx.commit()?;
        Ok(Store::over(conn, path, true))
    }

    /// Opens an existing diary for reading and writing, in space 0. Call only once a key
    /// has been proven with [`Store::open_read_only`]: opening for writing may fold a
    /// pending WAL into the file. A file that cannot be written opens read-only.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NotFound(shown(path)));
        }
        let conn = match Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) {
            Ok(conn) => conn,
            Err(_) => return Self::open_read_only(path),
        };
        schema::check_format(&conn, &shown(path))?;
        if schema::configure(&conn).is_err() {
            // Read-only media or permissions: the WAL cannot be set up, so read instead.
            drop(conn);
            return Self::open_read_only(path);
        }
        Ok(Store::over(conn, path, true))
    }

    /// Opens a diary to read without changing a byte of it: not the file, not its `-wal`,
    /// not its `-shm` (so a wrong passphrase leaves everything exactly as it was, and a
    /// backup being checked is not touched). With a WAL pending, SQLite reads it through a
    /// private copy of its index (`readonly_shm`); with none, the file is read as
    /// `immutable`. The one case that writes is a `-wal` left without its `-shm`: SQLite
    /// must then create the `-shm`; the file and the WAL stay as they are.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NotFound(shown(path)));
        }
        let wal = sibling(path, "-wal");
        let shm = sibling(path, "-shm");
        // In order of preference; the first that reads the header is used.
        let modes: &[&str] = if shm.exists() {
            // A writer killed mid-transaction can leave an index that must be rebuilt,
            // which a read-only index cannot: then SQLite rebuilds the -shm (the file and
            // the WAL stay as they are).
            &["mode=ro&readonly_shm=1", "mode=ro"]
        } else if wal.exists() {
            &["mode=ro"]
        } else {
            &["immutable=1"]
        };
        let mut last = None;
        let mut opened = None;
        for query in modes {
            match Self::reader(path, query) {
                Ok(conn) => {
                    opened = Some(conn);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let conn = match (opened, last) {
            (Some(conn), _) => conn,
            (None, Some(e)) => return Err(e),
            (None, None) => return Err(StoreError::NotADiary(shown(path))),
        };
        Ok(Store::over(conn, path, false))
    }

    /// A store over an open connection, in space 0.
    fn over(conn: Connection, path: &Path, writable: bool) -> Store {
        Store {
            conn,
            path: path.to_owned(),
            space: 0,
            writable,
        }
    }

    /// A read-only connection with URI parameters `query` that has read the format.
    fn reader(path: &Path, query: &str) -> Result<Connection, StoreError> {
        let conn = Connection::open_with_flags(
            file_uri(path, query)?,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        schema::check_format(&conn, &shown(path))?;
        schema::configure_reader(&conn)?;
        Ok(conn)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Works in `space` from now on (the slot a key opened).
    pub fn set_space(&mut self, space: u8) {
        self.space = space;
    }

    /// The space this store works in.
    pub fn space(&self) -> u8 {
        self.space
    }

    /// Whether this store can write.
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.writable {
            Ok(())
        } else {
            Err(StoreError::ReadOnly(shown(&self.path)))
        }
    }

    /// The header.
    pub fn header(&self) -> Result<Header, StoreError> {
        let sql = format!(
            "SELECT {}, {}, {}, {} FROM header WHERE id = 1",
            bounded("diary_id", 64),
            bounded("kdf_params", 256),
            bounded("kdf_salt", 64),
            bounded("created_at", 64),
        );
        let header = self
            .conn
            .query_row(&sql, [], |r| {
                Ok(Header {
                    diary_id: bytes_or_empty(r, 0)?,
                    kdf_params: String::from_utf8_lossy(&bytes_or_empty(r, 1)?).into_owned(),
                    kdf_salt: bytes_or_empty(r, 2)?,
                    created_at: String::from_utf8_lossy(&bytes_or_empty(r, 3)?).into_owned(),
                })
            })
            .optional()?
            .ok_or(StoreError::BadHeader("the header row is missing"))?;
        if header.diary_id.len() != 16 {
            return Err(StoreError::BadHeader("the diary id is malformed"));
        }
        if !(16..=64).contains(&header.kdf_salt.len()) {
            return Err(StoreError::BadHeader("the KDF salt is malformed"));
        }
        Ok(header)
    }

    /// Both key slots, in order. A slot whose values are malformed reads as given (it
    /// then opens nothing); a missing slot is a damaged header.
    pub fn slots(&self) -> Result<Vec<SlotRow>, StoreError> {
        let sql = format!(
            "SELECT slot, {}, {}, {} FROM key_slots ORDER BY slot",
            bounded("wrapped_key", 256),
            bounded("sealed_signing_seed", 256),
            bounded("public_key", 256),
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                number_at(r, 0)?,
                SlotRow {
                    wrapped_key: bytes_or_empty(r, 1)?,
                    sealed_signing_seed: bytes_or_empty(r, 2)?,
                    public_key: bytes_or_empty(r, 3)?,
                },
            ))
        })?;
        let mut slots = Vec::with_capacity(usize::from(SLOT_COUNT));
        for (expected, row) in (0u64..).zip(rows) {
            let (slot, row) = row?;
            if slot != expected || expected >= u64::from(SLOT_COUNT) {
                return Err(StoreError::BadHeader("the key slots are damaged"));
            }
            slots.push(row);
        }
        if slots.len() != usize::from(SLOT_COUNT) {
            return Err(StoreError::BadHeader("a key slot is missing"));
        }
        Ok(slots)
    }

    /// Replaces key slot `slot` (a passphrase change, or setting or removing a duress
    /// passphrase). Runs inside the caller's transaction when there is one.
    pub fn set_slot(&self, slot: u8, row: &SlotRow) -> Result<(), StoreError> {
        self.writable()?;
        let n = self.conn.execute(
            "UPDATE key_slots SET wrapped_key = ?2, sealed_signing_seed = ?3, public_key = ?4
             WHERE slot = ?1",
            params![
                slot,
                row.wrapped_key,
                row.sealed_signing_seed,
                row.public_key
            ],
        )?;
        if n == 1 {
            Ok(())
        } else {
            Err(StoreError::BadHeader("a key slot is missing"))
        }
    }

    /// Calls `f(space, seq, leaf)` on every leaf of every space, in order. Unlocking reads
    /// them all whichever slot opened, so the work does not depend on which it was.
    pub fn for_each_leaf(&self, mut f: impl FnMut(u64, u64, &[u8])) -> Result<(), StoreError> {
        let sql = format!(
            "SELECT space, seq, {} FROM entries ORDER BY space, seq",
            bounded("leaf", 64)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let leaf = bytes_or_empty(r, 2)?;
            f(number_at(r, 0)?, number_at(r, 1)?, &leaf);
        }
        Ok(())
    }

    /// Every leaf hash of `space`, in entry order, with its entry number. No key is
    /// needed: restore compares two copies' logs by their leaves.
    pub fn leaves_of(&self, space: u8) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let sql = format!(
            "SELECT seq, {} FROM entries WHERE space = ?1 ORDER BY seq",
            bounded("leaf", 64)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([space], |r| Ok((number_at(r, 0)?, bytes_or_empty(r, 1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every leaf hash of this space, in entry order, with its entry number.
    pub fn leaves(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        self.leaves_of(self.space)
    }

    /// Rows of spaces that no slot opens (only a tampered file has them).
    pub fn rows_outside_spaces(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM entries WHERE space NOT IN (0, 1))
                  + (SELECT count(*) FROM tree_heads WHERE space NOT IN (0, 1))
                  + (SELECT count(*) FROM blobs WHERE space NOT IN (0, 1))
                  + (SELECT count(*) FROM blob_chunks WHERE space NOT IN (0, 1))",
            [],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn entry_select(filter: &str) -> String {
        format!(
            "SELECT seq, {}, {} FROM entries WHERE space = ?1 {filter}",
            bounded("leaf", 64),
            bounded("sealed", MAX_SEALED_ENTRY)
        )
    }

    fn entry_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntryRow> {
        Ok(EntryRow {
            seq: number_at(r, 0)?,
            leaf: bytes_or_empty(r, 1)?,
            sealed: bytes_at(r, 2)?,
        })
    }

    /// One entry row.
    pub fn entry(&self, seq: u64) -> Result<Option<EntryRow>, StoreError> {
        let Ok(seq) = i64::try_from(seq) else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare_cached(&Self::entry_select("AND seq = ?2"))?;
        Ok(stmt
            .query_row(params![self.space, seq], Self::entry_row)
            .optional()?)
    }

    /// Calls `f` on every entry row in order (streaming; rows are not collected).
    pub fn for_each_entry<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(EntryRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(&Self::entry_select("ORDER BY seq"))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([self.space]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            f(Self::entry_row(r).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// The entry rows after entry `after`, in order, as many as fit in about `budget`
    /// bytes (at least one). Re-keying walks the log in such pages, so memory stays
    /// bounded and no statement reads a table while it is being rewritten.
    pub fn entries_after(&self, after: u64, budget: usize) -> Result<Vec<EntryRow>, StoreError> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let mut stmt = self
            .conn
            .prepare_cached(&Self::entry_select("AND seq > ?2 ORDER BY seq"))?;
        let mut rows = stmt.query(params![self.space, after])?;
        let mut page = Vec::new();
        let mut bytes = 0usize;
        while let Some(r) = rows.next()? {
            let row = Self::entry_row(r)?;
            bytes += row.sealed.as_ref().map_or(0, Vec::len) + row.leaf.len();
            page.push(row);
            if bytes >= budget {
                break;
            }
        }
        Ok(page)
    }

    /// Up to `limit` stored tree heads after size `after`, in order.
    pub fn heads_after(&self, after: u64, limit: u32) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let mut stmt = self
            .conn
            .prepare_cached(&Self::head_select("AND size > ?2 ORDER BY size LIMIT ?3"))?;
        let rows = stmt.query_map(params![self.space, after, limit], |r| {
            Ok((number_at(r, 0)?, bytes_or_empty(r, 1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many rows of this space a re-key rewrites (entries, heads, blobs, chunks).
    pub fn row_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM entries WHERE space = ?1)
                  + (SELECT count(*) FROM tree_heads WHERE space = ?1)
                  + (SELECT count(*) FROM blobs WHERE space = ?1)
                  + (SELECT count(*) FROM blob_chunks WHERE space = ?1)",
            [self.space],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Replaces an entry's ciphertext (re-keying; the leaf stays).
    pub fn reseal_entry(&self, seq: u64, sealed: &[u8]) -> Result<(), StoreError> {
        self.writable()?;
        self.conn
            .prepare_cached("UPDATE entries SET sealed = ?3 WHERE space = ?1 AND seq = ?2")?
            .execute(params![
                self.space,
                i64::try_from(seq).unwrap_or(-1),
                sealed
            ])?;
        Ok(())
    }

    /// Appends one entry and its tree head, performs any erasure and claims, in one
    /// transaction. Refuses if another process appended since this one read the log (the
    /// new entry would not follow the head it was signed against), or replaced the key
    /// slot this diary was unlocked with (the rows are now sealed under another key).
    pub fn append(&self, a: &Append<'_>) -> Result<(), StoreError> {
        self.writable()?;
        // IMMEDIATE: take the write lock before reading the last entry number, so two
        // programs appending at once are serialised instead of racing.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let last: i64 = tx
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM entries WHERE space = ?1")?
            .query_row([self.space], |r| r.get(0))?;
        if u64::try_from(last).ok().and_then(|l| l.checked_add(1)) != Some(a.seq) {
            return Err(StoreError::ChangedElsewhere);
        }
        self.same_slot(a.slot)?;
        let seq = i64::try_from(a.seq).map_err(|_| StoreError::ChangedElsewhere)?;
        tx.prepare_cached(
            "INSERT INTO entries (space, seq, leaf, sealed) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![self.space, seq, a.leaf, a.sealed])?;
        tx.prepare_cached("INSERT INTO tree_heads (space, size, sealed) VALUES (?1, ?2, ?3)")?
            .execute(params![self.space, seq, a.sealed_head])?;
        for &erased in a.erase {
            tx.execute(
                "UPDATE entries SET sealed = NULL WHERE space = ?1 AND seq = ?2",
                params![self.space, i64::try_from(erased).unwrap_or(-1)],
            )?;
        }
        for id in a.drop_blobs {
            self.delete_blob_rows(id)?;
        }
        for (id, sealed_meta) in a.claims {
            tx.prepare_cached("UPDATE blobs SET sealed_meta = ?3 WHERE space = ?1 AND id = ?2")?
                .execute(params![self.space, id, sealed_meta])?;
        }
        tx.commit()?;
        if !a.erase.is_empty() {
            // Push the emptied pages out of the WAL so the erased ciphertext is gone from
            // the file now, not at some later checkpoint (secure_delete zeroes them).
            self.fold_wal();
        }
        Ok(())
    }

    /// Refuses with [`StoreError::ChangedElsewhere`] when this space's key slot is no
    /// longer `expected` (another program changed the passphrase since this one opened).
    pub fn same_slot(&self, expected: &SlotRow) -> Result<(), StoreError> {
        let current = self
            .conn
            .prepare_cached(
                "SELECT wrapped_key, sealed_signing_seed FROM key_slots WHERE slot = ?1",
            )?
            .query_row([self.space], |r| {
                Ok((bytes_or_empty(r, 0)?, bytes_or_empty(r, 1)?))
            })
            .optional()?;
        match current {
            Some((wrapped, seed))
                if wrapped == expected.wrapped_key && seed == expected.sealed_signing_seed =>
            {
                Ok(())
            }
            _ => Err(StoreError::ChangedElsewhere),
        }
    }

    /// Folds the WAL into the file and truncates it (best effort: a reader holding an
    /// old snapshot only delays it).
    pub fn fold_wal(&self) {
        self.checkpoint("TRUNCATE");
    }

    /// Folds the WAL into the file and leaves it its length: the next transaction writes
    /// its frames over the old ones from the start, in space the file system already
    /// holds. After each large attachment, truncating the WAL freed a blob's worth of
    /// blocks and the next one allocated them again (four 128 MiB attachments took
    /// 2.8–3.0 s that way, 1.9–2.2 s folding in place; see BENCHMARKS.md). Closing the
    /// diary still removes the WAL, and an erasure still truncates it
    /// ([`Store::fold_wal`]), so old frames do not outlive what they held.
    fn fold_wal_in_place(&self) {
        self.checkpoint("PASSIVE");
    }

    /// Runs `PRAGMA wal_checkpoint(mode)` on a writable store (best effort: a reader
    /// holding an old snapshot only delays it).
    fn checkpoint(&self, mode: &str) {
        if self.writable {
            let _ = self
                .conn
                .query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |_| Ok(()));
        }
    }

    fn head_select(filter: &str) -> String {
        format!(
            "SELECT size, {} FROM tree_heads WHERE space = ?1 {filter}",
            bounded("sealed", MAX_SEALED_HEAD)
        )
    }

    /// Every stored tree head (size, sealed head), in order of size.
    pub fn heads(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&Self::head_select("ORDER BY size"))?;
        let rows = stmt.query_map([self.space], |r| {
            Ok((number_at(r, 0)?, bytes_or_empty(r, 1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The tree head of the largest size.
    pub fn latest_head(&self) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&Self::head_select("ORDER BY size DESC LIMIT 1"))?
            .query_row([self.space], |r| {
                Ok((number_at(r, 0)?, bytes_or_empty(r, 1)?))
            })
            .optional()?)
    }

    /// Replaces a tree head's ciphertext (re-keying).
    pub fn reseal_head(&self, size: u64, sealed: &[u8]) -> Result<(), StoreError> {
        self.writable()?;
        self.conn
            .prepare_cached("UPDATE tree_heads SET sealed = ?3 WHERE space = ?1 AND size = ?2")?
            .execute(params![
                self.space,
                i64::try_from(size).unwrap_or(-1),
                sealed
            ])?;
        Ok(())
    }

    /// Deletes every row of `space` (removing a duress passphrase takes its decoy away).
    pub fn clear_space(&self, space: u8) -> Result<(), StoreError> {
        self.writable()?;
        for table in ["entries", "tree_heads", "blobs", "blob_chunks"] {
            self.conn
                .execute(&format!("DELETE FROM {table} WHERE space = ?1"), [space])?;
        }
        Ok(())
    }

    /// Starts a write transaction (IMMEDIATE: the write lock is taken now). Everything
    /// done through this store until [`WriteTx::commit`] is one atomic change; dropping
    /// the guard rolls it all back.
    pub fn begin_write(&self) -> Result<WriteTx<'_>, StoreError> {
        self.writable()?;
        Ok(WriteTx(rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?))
    }

    /// Runs `f` inside one read transaction (many reads see one consistent state).
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

/// A write transaction on a [`Store`]; rolled back unless committed.
pub struct WriteTx<'a>(rusqlite::Transaction<'a>);

impl WriteTx<'_> {
    /// Commits everything done since [`Store::begin_write`], atomically and durably.
    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.0.commit()?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_sqlite_would_read_as_syntax() {
        let uri = file_uri(Path::new("/tmp/a b?c#d%e.tally"), "mode=ro").unwrap();
        assert_eq!(uri, "file:///tmp/a%20b%3Fc%23d%25e.tally?mode=ro");
    }
}
