//! The schema, its version, the pragmas every connection sets, and migrations.
//!
//! Format 2 (this one) keeps every diary's rows in one of two *spaces*: space 0 is the
//! diary, space 1 the decoy that a duress passphrase opens (empty unless one was set).
//! Each key slot opens the space with its number. Entries and tree heads are keyed by
//! (space, number); blob chunks have a rowid so they can be read and re-sealed in place
//! with SQLite's incremental blob I/O.

use rusqlite::Connection;

use super::StoreError;

/// `PRAGMA application_id`: "TALY", so `file` and Tally itself recognise a diary.
pub const APPLICATION_ID: i64 = 0x5441_4c59;

/// The schema this code writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 2;

/// Pragmas set on every writable connection: WAL with `synchronous=FULL` (an append that
/// returned survives power loss), `secure_delete` (erased ciphertext is overwritten, not
/// left in free pages), and a busy timeout for a second process.
pub(super) fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    // No mmap: mapped pages of a 500 MB attachment count as the app's resident memory,
    // and a phone's low-memory killer counts them too (the memory test caught this).
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Pragmas for a connection that only reads: it waits for writers, and changes nothing.
pub(super) fn configure_reader(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

pub(super) fn create(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID};
         CREATE TABLE header (
             id INTEGER PRIMARY KEY CHECK (id = 1),
             diary_id BLOB NOT NULL,
             kdf_params TEXT NOT NULL,
             kdf_salt BLOB NOT NULL,
             created_at TEXT NOT NULL
         );
         CREATE TABLE key_slots (
             slot INTEGER PRIMARY KEY CHECK (slot IN (0, 1)),
             wrapped_key BLOB NOT NULL,
             sealed_signing_seed BLOB NOT NULL,
             public_key BLOB NOT NULL
         );
         CREATE TABLE entries (
             space INTEGER NOT NULL,
             seq INTEGER NOT NULL,
             leaf BLOB NOT NULL,
             sealed BLOB,
             PRIMARY KEY (space, seq)
         ) WITHOUT ROWID;
         CREATE TABLE tree_heads (
             space INTEGER NOT NULL,
             size INTEGER NOT NULL,
             sealed BLOB NOT NULL,
             PRIMARY KEY (space, size)
         ) WITHOUT ROWID;
         CREATE TABLE blobs (
             space INTEGER NOT NULL,
             id BLOB NOT NULL,
             lookup BLOB NOT NULL,
             sealed_meta BLOB NOT NULL,
             PRIMARY KEY (space, id),
             UNIQUE (space, lookup)
         ) WITHOUT ROWID;
         CREATE TABLE blob_chunks (
             n INTEGER PRIMARY KEY,
             space INTEGER NOT NULL,
             blob_id BLOB NOT NULL,
             idx INTEGER NOT NULL,
             sealed BLOB NOT NULL,
             UNIQUE (blob_id, idx)
         );
         PRAGMA user_version = {SCHEMA_VERSION};"
    ))?;
    Ok(())
}

/// Checks that the file is a diary of a format this code reads; refuses anything else
/// with a clear reason. Writes nothing (it also runs on read-only connections).
pub(super) fn check_format(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let not_a_diary = || StoreError::NotADiary(path.to_owned());
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) | None => not_a_diary(),
            Some(_) => StoreError::Sqlite(e),
        })?;
    if app_id != APPLICATION_ID {
        return Err(not_a_diary());
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| not_a_diary())?;
    match version {
        SCHEMA_VERSION => Ok(()),
        v if v > SCHEMA_VERSION => Err(StoreError::TooNew(v)),
        // Format 1 was written only by development builds before the first release (one
        // key slot, no spaces); its diaries are not converted.
        1 => Err(StoreError::TooOld(1)),
        _ => Err(StoreError::BadHeader("unknown schema version")),
    }
}
