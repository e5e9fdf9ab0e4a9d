//! The schema, its version, the pragmas every connection sets, and migrations.

use rusqlite::Connection;

use super::StoreError;

/// `PRAGMA application_id`: "TALY", so `file` and Tally itself recognise a diary.
pub const APPLICATION_ID: i64 = 0x5441_4c59;

/// The schema this code writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

/// Pragmas set on every connection: WAL with `synchronous=FULL` (an append that returned
/// survives power loss), `secure_delete` (erased ciphertext is overwritten, not left in
/// free pages), foreign keys, and a busy timeout for a second process.
pub(super) fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // No mmap: mapped pages of a 500 MB attachment count as the app's resident memory,
    // and a phone's low-memory killer counts them too (the memory test caught this).
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
             wrapped_key BLOB NOT NULL,
             sealed_signing_seed BLOB NOT NULL,
             public_key BLOB NOT NULL,
             created_at TEXT NOT NULL
         );
         CREATE TABLE entries (
             seq INTEGER PRIMARY KEY,
             leaf BLOB NOT NULL,
             sealed BLOB
         );
         CREATE TABLE tree_heads (
             size INTEGER PRIMARY KEY,
             sealed BLOB NOT NULL
         );
         CREATE TABLE blobs (
             id BLOB PRIMARY KEY,
             lookup BLOB NOT NULL UNIQUE,
             sealed_meta BLOB NOT NULL
         );
         CREATE TABLE blob_chunks (
             blob_id BLOB NOT NULL,
             idx INTEGER NOT NULL,
             sealed BLOB NOT NULL,
             PRIMARY KEY (blob_id, idx)
         ) WITHOUT ROWID;
         PRAGMA user_version = {SCHEMA_VERSION};"
    ))?;
    Ok(())
}

/// Brings an older schema up to [`SCHEMA_VERSION`]; refuses a newer one.
pub(super) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    match version {
        SCHEMA_VERSION => Ok(()),
        v if v > SCHEMA_VERSION => Err(StoreError::TooNew(v)),
        // Version 1 is the first; later versions add a step per version here, each in
        // its own transaction that also bumps user_version.
        _ => Err(StoreError::BadHeader("unknown schema version")),
    }
}
