//! Tampering with the SQLite file directly is caught by `check`, which names the entry,
//! blob or head; opening a tampered diary never panics.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use rusqlite::Connection;
use tally_core::diary::{AttachOptions, Diary};
use tally_core::model::Category;

/// A diary with five incidents, one with a three-chunk attachment; closed.
fn sample(dir: &std::path::Path) -> std::path::PathBuf {
    let (path, mut diary) = new_diary(dir);
    let data = vec![7u8; 2 * tally_core::diary::CHUNK_SIZE + 10];
    let att = diary.attach_bytes(&data, AttachOptions::default()).unwrap();
    for n in 1..=5 {
        let mut inc = incident(
            &format!("2024-03-0{n}T10:00:00Z"),
            Category::Message,
            "texted",
        );
        if n == 3 {
            inc.attachments.push(att.clone());
        }
        diary.add_incident(inc).unwrap();
    }
    path
}

fn tamper(path: &std::path::Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

/// Flips one bit of a blob column in place (the column keeps its type).
fn flip(path: &std::path::Path, table: &str, column: &str, filter: &str, at: usize) {
    let conn = Connection::open(path).unwrap();
    let sql = format!("SELECT {column} FROM {table} WHERE {filter}");
    let mut bytes: Vec<u8> = conn.query_row(&sql, [], |r| r.get(0)).unwrap();
    bytes[at] ^= 0x01;
    conn.execute(
        &format!("UPDATE {table} SET {column} = ?1 WHERE {filter}"),
        [bytes],
    )
    .unwrap();
}

fn problems(path: &std::path::Path) -> Vec<String> {
    let diary = Diary::unlock(path, PASS).unwrap();
    let report = diary.check().unwrap();
    report.problems.iter().map(|p| p.to_string()).collect()
}

fn assert_named(problems: &[String], needle: &str) {
    assert!(
        problems.iter().any(|p| p.contains(needle)),
        "no problem names {needle:?}: {problems:#?}"
    );
}

#[test]
fn untouched_diary_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    assert!(problems(&path).is_empty());
}

#[test]
fn flipped_byte_in_an_entry_ciphertext_names_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(
        &path,
        "UPDATE entries SET sealed = substr(sealed, 1, 20) || X'00' || substr(sealed, 22) WHERE seq = 2",
    );
    assert_named(&problems(&path), "entry 2: cannot be decrypted");
}

#[test]
fn flipped_bit_in_an_entry_ciphertext_names_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    flip(&path, "entries", "sealed", "seq = 4", 30);
    assert_named(&problems(&path), "entry 4: cannot be decrypted");
}

#[test]
fn flipped_bit_in_a_blob_chunk_names_the_attachment() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    flip(&path, "blob_chunks", "sealed", "idx = 0", 1000);
    assert_named(&problems(&path), "chunk 0 cannot be decrypted");
}

#[test]
fn swapped_entry_rows_name_both_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(
        &path,
        "UPDATE entries SET seq = -1 WHERE seq = 2;
         UPDATE entries SET seq = 2 WHERE seq = 4;
         UPDATE entries SET seq = 4 WHERE seq = -1;",
    );
    let found = problems(&path);
    assert_named(&found, "entry 2: cannot be decrypted");
    assert_named(&found, "entry 4: cannot be decrypted");
    let diary = Diary::unlock(&path, PASS).unwrap();
    assert!(
        diary.damage().is_some(),
        "a tampered log must be noticed on opening"
    );
}

#[test]
fn deleted_entry_row_is_named_and_appends_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(&path, "DELETE FROM entries WHERE seq = 3");
    assert_named(&problems(&path), "entry 3: missing");
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    let err = diary.add_person(person("x")).unwrap_err();
    assert!(err.to_string().contains("integrity check"), "{err}");
}

#[test]
fn deleted_content_without_an_erasure_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(&path, "UPDATE entries SET sealed = NULL WHERE seq = 5");
    assert_named(
        &problems(&path),
        "entry 5: its content is missing, and no erasure",
    );
}

#[test]
fn truncated_blob_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(&path, "DELETE FROM blob_chunks WHERE idx = 2");
    let found = problems(&path);
    assert_named(&found, "has 2 of its 3 chunks");
    assert_named(&found, "entry 3, attachment");
}

#[test]
fn altered_blob_chunk_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(
        &path,
        "UPDATE blob_chunks SET sealed = substr(sealed, 1, 40) || X'FF' || substr(sealed, 42) WHERE idx = 1",
    );
    assert_named(&problems(&path), "chunk 1 cannot be decrypted");
}

#[test]
fn replaced_tree_head_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(
        &path,
        "UPDATE tree_heads SET sealed = (SELECT sealed FROM tree_heads WHERE size = 2) WHERE size = 4",
    );
    assert_named(&problems(&path), "tree head 4: cannot be decrypted");
    tamper(&path, "DELETE FROM tree_heads WHERE size = 3");
    assert_named(&problems(&path), "tree head 3: missing");
}

#[test]
fn rewritten_leaf_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(
        &path,
        "UPDATE entries SET leaf = zeroblob(32) WHERE seq = 1",
    );
    let found = problems(&path);
    assert_named(&found, "entry 1: its content does not match its leaf hash");
    assert_named(
        &found,
        "tree head 1: the entries do not hash to its signed root",
    );
}

#[test]
fn damaged_header_fails_to_open_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(
        &path,
        "UPDATE key_slots SET sealed_signing_seed = X'0102' WHERE slot = 0",
    );
    assert!(Diary::unlock(&path, PASS).is_err());
    tamper(&path, "UPDATE header SET kdf_params = 'nonsense'");
    assert!(Diary::unlock(&path, PASS).is_err());
    tamper(&path, "DELETE FROM header");
    assert!(Diary::unlock(&path, PASS).is_err());
}

#[test]
fn garbage_file_is_not_a_diary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk");
    std::fs::write(&path, vec![0x42u8; 10_000]).unwrap();
    let err = Diary::unlock(&path, PASS).unwrap_err();
    assert!(
        err.to_string().contains("not a Tally diary") || err.to_string().contains("database"),
        "{err}"
    );
}

#[test]
fn wild_entry_numbers_are_named_without_exhausting_memory() {
    for wild in ["4000000000000", "-1", "0"] {
        let dir = tempfile::tempdir().unwrap();
        let path = sample(dir.path());
        tamper(
            &path,
            &format!("UPDATE entries SET seq = {wild} WHERE seq = 2"),
        );
        let diary = Diary::unlock(&path, PASS).unwrap();
        assert!(diary.damage().is_some());
        let report = diary.check().unwrap();
        assert!(!report.is_ok());
        assert!(report.problems.len() < 20, "{:?}", report.problems);
    }
}

#[test]
fn damaged_entry_is_reported_as_damaged_not_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    flip(&path, "entries", "sealed", "seq = 2", 30);
    let diary = Diary::unlock(&path, PASS).unwrap();
    let err = diary.get(2).unwrap_err().to_string();
    assert!(err.contains("cannot be decrypted"), "{err}");
}
