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

#[test]
fn rollback_of_newest_entries_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let older = dir.path().join("older copy");
    std::fs::copy(&path, &older).unwrap();
    // The device remembers the head after two more entries.
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary.remember(None).unwrap();
    diary.add_person(person("one")).unwrap();
    diary.add_person(person("two")).unwrap();
    let seen = diary.device_head().unwrap();
    assert_eq!(seen.size, 7);
    drop(diary);
    // The older copy is put back in place.
    std::fs::copy(&older, &path).unwrap();
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary.remember(Some(seen.clone())).unwrap();
    let report = diary.check().unwrap();
    assert!(!report.is_ok());
    assert_named(
        &report
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>(),
        "log: 2 entries are missing",
    );
    let err = diary.add_person(person("three")).unwrap_err();
    assert!(matches!(err, tally_core::Error::RolledBack(_)), "{err}");
    // What the device keeps is still the later head, not the older copy's.
    assert_eq!(diary.device_head(), Some(seen));
    // The copy still lists: read-only, not unreadable.
    assert_eq!(diary.views().unwrap().len(), 5);
}

#[test]
fn a_rewritten_log_of_the_same_length_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    // A copy of the diary taken now goes its own way: it records another entry 6.
    let fork = dir.path().join("fork.tally");
    std::fs::copy(&path, &fork).unwrap();
    let mut diary = Diary::unlock(&fork, PASS).unwrap();
    diary
        .add_incident(incident(
            "2024-03-09T10:00:00Z",
            Category::GiftOrItem,
            "flowers",
        ))
        .unwrap();
    drop(diary);
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary
        .add_incident(incident(
            "2024-03-09T10:00:00Z",
            Category::Message,
            "texted",
        ))
        .unwrap();
    diary.remember(None).unwrap();
    let seen = diary.device_head().unwrap();
    drop(diary);
    // The copy put in place has as many entries as this device saw, but not the same.
    std::fs::copy(&fork, &path).unwrap();
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary.remember(Some(seen)).unwrap();
    assert!(diary.rollback().is_some());
    let problems: Vec<String> = diary
        .check()
        .unwrap()
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_named(&problems, "no longer hash to the root this device last saw");
}

#[test]
fn deleting_the_newest_rows_names_the_attachments_they_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    // Entries 3 to 5 and their heads deleted together: the log that remains is
    // consistent, but entry 3's attachment says it was saved with entry 3.
    tamper(
        &path,
        "DELETE FROM entries WHERE seq >= 3; DELETE FROM tree_heads WHERE size >= 3;",
    );
    let diary = Diary::unlock(&path, PASS).unwrap();
    assert!(diary.damage().is_none());
    assert_named(
        &problems(&path),
        "was saved with entry 3, but the diary holds 2 entries: entries were removed",
    );
}

#[test]
fn an_attachment_whose_entry_was_never_saved_is_a_note_not_damage() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    let att = diary
        .attach_bytes(b"%PDF-1.4 a draft", AttachOptions::default())
        .unwrap();
    let report = diary.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.to_string().contains("its entry was never saved")),
        "{:?}",
        report.notes
    );
    // The abandoned draft's file can be discarded; a claimed one cannot.
    assert!(diary.discard_attachment(&att.sha256).unwrap());
    assert!(diary.check().unwrap().notes.is_empty());
    let att = diary
        .attach_bytes(b"%PDF-1.4 kept", AttachOptions::default())
        .unwrap();
    let mut inc = incident("2024-03-01T10:00:00Z", Category::Message, "texted");
    inc.attachments.push(att.clone());
    diary.add_incident(inc).unwrap();
    assert!(!diary.discard_attachment(&att.sha256).unwrap());
    assert!(diary.has_attachment(&att.sha256).unwrap());
    drop(path);
}

#[test]
fn swapped_blob_lookups_are_named_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    let a = diary
        .attach_bytes(b"%PDF-1.4 first", AttachOptions::default())
        .unwrap();
    let b = diary
        .attach_bytes(b"%PDF-1.4 second", AttachOptions::default())
        .unwrap();
    let mut inc = incident("2024-03-01T10:00:00Z", Category::Message, "texted");
    inc.attachments = vec![a.clone(), b.clone()];
    diary.add_incident(inc).unwrap();
    drop(diary);
    let conn = Connection::open(&path).unwrap();
    let rows: Vec<(Vec<u8>, Vec<u8>)> = conn
        .prepare("SELECT id, lookup FROM blobs")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let [(id_a, lookup_a), (id_b, lookup_b)] = &rows[..] else {
        panic!("two blobs expected")
    };
    let set = "UPDATE blobs SET lookup = ?1 WHERE id = ?2";
    conn.execute(set, rusqlite::params![b"temporary".to_vec(), id_a])
        .unwrap();
    conn.execute(set, rusqlite::params![lookup_a, id_b])
        .unwrap();
    conn.execute(set, rusqlite::params![lookup_b, id_a])
        .unwrap();
    drop(conn);
    let found = problems(&path);
    assert_named(&found, "its lookup does not belong to attachment");
    let diary = Diary::unlock(&path, PASS).unwrap();
    // A read by SHA-256 never serves the other attachment's bytes.
    let mut out = Vec::new();
    let err = diary.read_attachment(&a.sha256, &mut out).unwrap_err();
    assert!(
        err.to_string().contains("lookup names another attachment"),
        "{err}"
    );
    assert!(out.is_empty());
}

#[test]
fn header_key_that_is_not_the_signing_key_fails_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    tamper(
        &path,
        "UPDATE key_slots SET public_key = randomblob(32) WHERE slot = 0",
    );
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    assert!(diary.damage().is_some());
    assert!(diary.add_person(person("x")).is_err());
    assert_named(
        &problems(&path),
        "header: its public key is not the diary's signing key",
    );
}

#[test]
fn erased_content_put_back_is_named_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    let seq = diary
        .add_incident(incident(
            "2024-03-01T10:00:00Z",
            Category::Threat,
            "said he would come back",
        ))
        .unwrap();
    let conn = Connection::open(&path).unwrap();
    let old: Vec<u8> = conn
        .query_row(
            "SELECT sealed FROM entries WHERE seq = ?1",
            [seq as i64],
            |r| r.get(0),
        )
        .unwrap();
    diary.erase(seq, None).unwrap();
    drop(diary);
    conn.execute(
        "UPDATE entries SET sealed = ?1 WHERE seq = ?2",
        rusqlite::params![old, seq as i64],
    )
    .unwrap();
    drop(conn);
    assert_named(
        &problems(&path),
        "entry 1: it was erased by entry 2, but its row holds content again",
    );
    let diary = Diary::unlock(&path, PASS).unwrap();
    assert!(matches!(
        diary.entry(seq),
        Err(tally_core::Error::Erased(1))
    ));
    assert!(matches!(
        diary.entry_bytes(seq),
        Err(tally_core::Error::Erased(1))
    ));
    let view = diary.get(seq).unwrap();
    assert!(view.current.is_none() && view.recorded_at.is_none());
    let listed = diary.views().unwrap();
    let shown = listed.iter().find(|v| v.seq == seq).unwrap();
    assert!(shown.current.is_none() && shown.recorded_at.is_none());
    assert!(diary.history(seq).unwrap()[0].1.is_none());
}

#[test]
fn one_damaged_entry_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    flip(&path, "entries", "sealed", "seq = 2", 30);
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    assert_eq!(diary.damage(), None);
    // Listing shows the others and names the damaged one where it stood.
    let reading = diary.read_all().unwrap();
    assert_eq!(
        reading.views.iter().map(|v| v.seq).collect::<Vec<_>>(),
        [1, 3, 4, 5]
    );
    assert_eq!(reading.damaged.len(), 1);
    assert_eq!(reading.damaged[0].seq, 2);
    assert!(reading.damaged[0].what.contains("cannot be decrypted"));
    // Reading, adding and erasing others go on; the log stays whole.
    assert!(diary.entry(3).is_ok());
    let added = diary.add_person(person("after the damage")).unwrap();
    assert_eq!(added, 6);
    diary.erase(4, None).unwrap();
    // A pack of other entries is still possible.
    let out = dir.path().join("pack.zip");
    let options = tally_core::pack::ExportOptions {
        choices: tally_core::pack::DisclosureChoices {
            entries: vec![1, 3],
            ..Default::default()
        },
        ..Default::default()
    };
    diary
        .export_pack(&out, &options, &tally_core::diary::NoProgress)
        .unwrap();
    // And a backup of what remains.
    let backup = dir.path().join("backup.tally");
    diary
        .backup(&backup, &tally_core::diary::NoProgress)
        .unwrap();
    let copy = Diary::unlock(&backup, PASS).unwrap();
    assert_eq!(copy.len(), 7);
    let report = copy.check().unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_named(
        &[report.problems[0].to_string()],
        "entry 2: cannot be decrypted",
    );
}

#[test]
fn old_header_opens_nothing_after_passwd() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let conn = Connection::open(&path).unwrap();
    let old_slot: (Vec<u8>, Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT wrapped_key, sealed_signing_seed, public_key FROM key_slots WHERE slot = 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let old_header: (Vec<u8>, String) = conn
        .query_row("SELECT kdf_salt, kdf_params FROM header", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    drop(conn);
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary
        .change_passphrase(PASS, "a brand new passphrase")
        .unwrap();
    let after = diary
        .add_incident(incident(
            "2024-03-09T10:00:00Z",
            Category::SightingOrFollowing,
            "written after the change",
        ))
        .unwrap();
    drop(diary);
    // Every header column of the old copy written back.
    let conn = Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE key_slots SET wrapped_key = ?1, sealed_signing_seed = ?2, public_key = ?3 WHERE slot = 0",
        rusqlite::params![old_slot.0, old_slot.1, old_slot.2],
    )
    .unwrap();
    conn.execute(
        "UPDATE header SET kdf_salt = ?1, kdf_params = ?2",
        rusqlite::params![old_header.0, old_header.1],
    )
    .unwrap();
    drop(conn);
    // The old passphrase opens the old key, which opens no row at all.
    let diary = Diary::unlock(&path, PASS).unwrap();
    assert!(diary.damage().is_some());
    for seq in 1..=after {
        assert!(
            diary.entry(seq).is_err(),
            "entry {seq} opened under the old key"
        );
    }
    let reading = diary.read_all().unwrap();
    assert!(reading.views.is_empty(), "{:?}", reading.views.len());
    assert!(!diary.has_attachment(&"0".repeat(64)).unwrap());
    assert!(
        diary.tree_heads().unwrap().is_empty(),
        "no head opens under the old key"
    );
}

#[test]
fn hostile_kdf_parameters_are_refused_before_any_work() {
    for params in [
        r#"{"algorithm":"argon2id","memory_kib":4194304,"iterations":64,"parallelism":1}"#,
        r#"{"algorithm":"argon2id","memory_kib":8,"iterations":1,"parallelism":1}"#,
        r#"{"algorithm":"argon2id","memory_kib":65536,"iterations":4000000000,"parallelism":1}"#,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = sample(dir.path());
        tamper(&path, &format!("UPDATE header SET kdf_params = '{params}'"));
        let started = std::time::Instant::now();
        let err = Diary::unlock(&path, PASS).unwrap_err();
        assert!(
            started.elapsed() < std::time::Duration::from_millis(500),
            "{params}"
        );
        assert!(
            err.to_string()
                .contains("key-derivation parameters out of range"),
            "{err}"
        );
    }
    // Nor can a diary be created weaker than the floor.
    let dir = tempfile::tempdir().unwrap();
    let weak = tally_core::crypto::kdf::KdfParams {
        memory_kib: 8,
        iterations: 1,
        ..Default::default()
    };
    let err = Diary::create(
        &dir.path().join("weak.tally"),
        PASS,
        tally_core::diary::CreateOptions { kdf: weak },
    )
    .unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
    assert!(!dir.path().join("weak.tally").exists());
}

/// The diary file and its `-wal` and `-shm`, byte for byte.
fn files_of(path: &std::path::Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            (
                suffix.to_string(),
                std::fs::read(std::path::PathBuf::from(p)).ok(),
            )
        })
        .collect()
}

#[test]
fn wrong_passphrase_leaves_pending_wal_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    // A diary left by a program that was killed: committed frames still in the WAL.
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary.add_person(person("pending")).unwrap();
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("diary.tally");
    for (suffix, bytes) in files_of(&path) {
        let mut p = copy.as_os_str().to_owned();
        p.push(&suffix);
        std::fs::write(std::path::PathBuf::from(p), bytes.unwrap()).unwrap();
    }
    drop(diary);
    let before = files_of(&copy);
    assert!(
        before[1].1.as_ref().is_some_and(|w| !w.is_empty()),
        "no pending WAL"
    );
    for _ in 0..3 {
        let err = Diary::unlock(&copy, "not the passphrase").unwrap_err();
        assert!(matches!(err, tally_core::Error::WrongPassphrase));
        assert!(Diary::unlock_with_key(&copy, &[7u8; 32]).is_err());
        assert!(Diary::file_id(&copy).is_ok());
    }
    assert_eq!(
        files_of(&copy),
        before,
        "a wrong passphrase changed the files"
    );
    // The right passphrase still sees the pending entry.
    assert_eq!(Diary::unlock(&copy, PASS).unwrap().len(), 6);
}

/// After damage to one row of the log's own bookkeeping (a tree head, a leaf hash), the
/// diary still takes new entries, and a pack of the entries it holds verifies against a
/// checkpoint taken before the damage.
fn still_records_and_exports(path: &std::path::Path, before: &str) {
    use tally_core::diary::NoProgress;
    use tally_core::pack::{DisclosureChoices, ExportOptions, VerifyOptions, verify_pack};
    let mut diary = Diary::unlock(path, PASS).unwrap();
    assert_eq!(diary.damage(), None, "one damaged row costs only itself");
    let seq = diary
        .add_incident(incident(
            "2024-03-09T10:00:00Z",
            Category::Message,
            "texted again",
        ))
        .unwrap();
    assert_eq!(seq, 6);
    let pack = path.with_file_name("pack.zip");
    let options = ExportOptions {
        choices: DisclosureChoices {
            entries: vec![1, 6],
            ..Default::default()
        },
        checkpoints: Vec::new(),
    };
    diary.export_pack(&pack, &options, &NoProgress).unwrap();
    let verdict = verify_pack(
        &pack,
        &VerifyOptions {
            checkpoint: Some(before.to_owned()),
            key: None,
        },
    )
    .unwrap();
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    drop(diary);
    // And again after the next unlock, now that a newer head vouches for the log.
    assert_eq!(Diary::unlock(path, PASS).unwrap().damage(), None);
}

#[test]
fn a_damaged_latest_tree_head_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let before = Diary::unlock(&path, PASS).unwrap().tree_heads().unwrap()[3].to_checkpoint();
    flip(&path, "tree_heads", "sealed", "size = 5", 40);
    assert_named(&problems(&path), "tree head 5: cannot be decrypted");
    still_records_and_exports(&path, &before);
    assert_named(&problems(&path), "tree head 5: cannot be decrypted");
}

#[test]
fn a_damaged_leaf_hash_is_proven_again_by_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let before = Diary::unlock(&path, PASS).unwrap().checkpoint().unwrap();
    flip(&path, "entries", "leaf", "seq = 2", 7);
    still_records_and_exports(&path, &before);
    // `check` goes on naming the damaged row.
    assert_named(
        &problems(&path),
        "entry 2: its content does not match its leaf hash",
    );
}

#[test]
fn a_newest_entry_that_nothing_vouches_for_keeps_the_diary_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    // Its head and its ciphertext both damaged: no head and no entry proves its leaf.
    flip(&path, "tree_heads", "sealed", "size = 5", 40);
    flip(&path, "entries", "sealed", "seq = 5", 30);
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    assert!(diary.damage().is_some());
    let err = diary
        .add_incident(incident("2024-03-09T10:00:00Z", Category::Message, "x"))
        .unwrap_err();
    assert!(err.to_string().contains("nothing was added"), "{err}");
}
