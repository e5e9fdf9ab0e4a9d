//! Safe to lose: a backup is the same diary in one encrypted file, and a restore on
//! another device continues the same log under the same key — after checking everything,
//! and never at the cost of entries the owner had.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use rusqlite::Connection;
use tally_core::Error;
use tally_core::diary::restore::restore;
use tally_core::diary::{AttachOptions, Diary, NoProgress, Progress, RestoreOptions};
use tally_core::log::{Frontier, SignedHead, to_hex};
use tally_core::model::Category;

/// A diary with a person, two incidents (one with a photo-sized attachment), closed.
fn kept(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let (path, mut diary) = new_diary(dir);
    let p = diary.add_person(person("Ben")).unwrap();
    let att = diary
        .attach_bytes(
            &vec![3u8; 3 * tally_core::diary::CHUNK_SIZE / 2],
            AttachOptions::default(),
        )
        .unwrap();
    let mut first = incident("2024-03-01T21:30:00Z", Category::VisitHome, "At the door");
    first.people.push(p);
    first.attachments.push(att);
    diary.add_incident(first).unwrap();
    diary
        .add_incident(incident(
            "2024-03-02T08:00:00Z",
            Category::Call,
            "Twelve calls",
        ))
        .unwrap();
    let checkpoint = diary.checkpoint().unwrap();
    (path, checkpoint)
}

/// A kept diary and a backup of it beside it.
fn backed_up() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = kept(dir.path());
    let out = dir.path().join("backup.tally");
    Diary::unlock(&path, PASS)
        .unwrap()
        .backup(&out, &NoProgress)
        .unwrap();
    (dir, path, out)
}

fn restore_to(
    backup: &std::path::Path,
    target: &std::path::Path,
    options: &RestoreOptions,
) -> tally_core::Result<tally_core::diary::RestoreSummary> {
    restore(backup, target, PASS, options, &NoProgress)
}

#[test]
fn backup_restores_on_another_device_as_the_same_diary() {
    let phone = tempfile::tempdir().unwrap();
    let (path, checkpoint) = kept(phone.path());
    let diary = Diary::unlock(&path, PASS).unwrap();
    let out = phone.path().join("backup.tally");
    let summary = diary.backup(&out, &NoProgress).unwrap();
    assert_eq!(summary.path, out);
    assert_eq!(summary.entries, 3);
    assert_eq!(summary.checkpoint.as_deref(), Some(checkpoint.as_str()));
    let fingerprint = diary.fingerprint();
    let views = diary.views().unwrap();
    drop(diary);
    // The phone is lost; the backup reaches a new phone (another path, no device state).
    let new_phone = tempfile::tempdir().unwrap();
    let target = new_phone.path().join("restored.tally");
    let restored = restore_to(&out, &target, &RestoreOptions::default()).unwrap();
    assert_eq!(restored.path, target);
    assert!(!restored.replaced);
    assert_eq!(restored.fingerprint, fingerprint);
    assert_eq!(restored.device_head.as_ref().unwrap().size, 3);
    let mut diary = Diary::unlock(&target, PASS).unwrap();
    assert_eq!(diary.fingerprint(), fingerprint);
    assert_eq!(diary.views().unwrap(), views);
    assert!(diary.check().unwrap().is_ok());
    // The same log goes on: new entries append, and the head extends the checkpoint the
    // owner had sent before the loss.
    diary
        .add_incident(incident(
            "2024-03-05T10:00:00Z",
            Category::SightingOrFollowing,
            "Outside work",
        ))
        .unwrap();
    assert!(diary.check().unwrap().is_ok());
    let earlier = SignedHead::from_checkpoint(&checkpoint, Some(&diary.public_key())).unwrap();
    let mut prefix = Frontier::new();
    for leaf in diary
        .leaves()
        .unwrap()
        .into_iter()
        .take(earlier.head.size as usize)
    {
        prefix.push(leaf);
    }
    assert_eq!(to_hex(&prefix.root()), earlier.head.root);
    let pack = new_phone.path().join("pack.zip");
    diary
        .export_pack(&pack, &Default::default(), &NoProgress)
        .unwrap();
    let options = tally_core::pack::VerifyOptions {
        checkpoint: Some(checkpoint),
        key: None,
    };
    let verdict = tally_core::pack::verify_pack(&pack, &options).unwrap();
    assert!(verdict.extends_checkpoint.is_some(), "{verdict:?}");
    assert!(verdict.is_confirmed(), "{verdict:?}");
}

#[test]
fn a_backup_is_one_file_that_opens_read_only_anywhere() {
    let (dir, _path, out) = backed_up();
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = out.as_os_str().to_owned();
        side.push(suffix);
        assert!(
            !std::path::PathBuf::from(side).exists(),
            "{suffix} beside the backup"
        );
    }
    let before = std::fs::read(&out).unwrap();
    // Checking a backup before restoring it writes nothing to it.
    let target = dir.path().join("elsewhere.tally");
    restore_to(&out, &target, &RestoreOptions::default()).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), before);
    // Nothing readable: no entry text in the backup's bytes.
    assert!(!before.windows(11).any(|w| w == b"At the door"));
}

#[test]
fn backup_refuses_to_overwrite_and_cancelled_leaves_nothing() {
    struct CancelAfter(std::cell::Cell<u32>);
    impl Progress for CancelAfter {
        fn update(&self, _: u64, _: Option<u64>) {
            self.0.set(self.0.get() + 1);
        }
        fn cancelled(&self) -> bool {
            self.0.get() >= 1
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = kept(dir.path());
    let diary = Diary::unlock(&path, PASS).unwrap();
    let out = dir.path().join("backup.tally");
    let err = diary
        .backup(&out, &CancelAfter(std::cell::Cell::new(0)))
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("diary.tally"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    std::fs::write(&out, b"precious").unwrap();
    assert!(diary.backup(&out, &NoProgress).is_err());
    assert_eq!(std::fs::read(&out).unwrap(), b"precious");
}

#[test]
fn restore_over_a_later_diary_is_refused_saying_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = kept(dir.path());
    let out = dir.path().join("backup.tally");
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary.backup(&out, &NoProgress).unwrap();
    diary.add_person(person("later one")).unwrap();
    diary.add_person(person("later two")).unwrap();
    drop(diary);
    let before = std::fs::read(&path).unwrap();
    let err = restore_to(&out, &path, &RestoreOptions::default()).unwrap_err();
    assert!(
        matches!(err, Error::WouldLoseEntries { lost: 2, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("holds 2 entries the backup does not"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the later diary was touched"
    );
    // Told to keep both, the backup goes beside it and the later diary stays.
    let both = restore_to(
        &out,
        &path,
        &RestoreOptions {
            keep_both: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_ne!(both.path, path);
    assert!(
        both.path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains("restored")
    );
    assert_eq!(Diary::unlock(&both.path, PASS).unwrap().len(), 3);
    assert_eq!(Diary::unlock(&path, PASS).unwrap().len(), 5);
}

#[test]
fn restore_over_an_older_copy_of_the_same_diary_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = kept(dir.path());
    let older = dir.path().join("older.tally");
    std::fs::copy(&path, &older).unwrap();
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary.add_person(person("later")).unwrap();
    let out = dir.path().join("backup.tally");
    diary.backup(&out, &NoProgress).unwrap();
    drop(diary);
    let summary = restore_to(&out, &older, &RestoreOptions::default()).unwrap();
    assert!(summary.replaced);
    assert_eq!(summary.path, older);
    let restored = Diary::unlock(&older, PASS).unwrap();
    assert_eq!(restored.len(), 4);
    assert!(restored.check().unwrap().is_ok());
}

#[test]
fn restore_onto_a_device_that_saw_later_entries_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = kept(dir.path());
    let out = dir.path().join("backup.tally");
    let mut diary = Diary::unlock(&path, PASS).unwrap();
    diary.backup(&out, &NoProgress).unwrap();
    diary.add_person(person("seen by this phone")).unwrap();
    let seen = diary.device_head();
    drop(diary);
    std::fs::remove_file(&path).unwrap();
    let options = RestoreOptions {
        keep_both: false,
        seen: seen.clone(),
    };
    let err = restore_to(&out, &path, &options).unwrap_err();
    assert!(
        matches!(err, Error::WouldLoseEntries { lost: 1, .. }),
        "{err}"
    );
    assert!(!path.exists());
    let kept = restore_to(
        &out,
        &path,
        &RestoreOptions {
            keep_both: true,
            seen: seen.clone(),
        },
    )
    .unwrap();
    assert_eq!(kept.superseded, seen);
    assert_eq!(kept.device_head.unwrap().size, 3);
}

#[test]
fn a_damaged_backup_is_refused_before_anything_is_written() {
    let (dir, _path, out) = backed_up();
    let conn = Connection::open(&out).unwrap();
    conn.execute_batch("PRAGMA journal_mode=DELETE; UPDATE tree_heads SET sealed = substr(sealed, 1, 30) || X'00' || substr(sealed, 32) WHERE size = 2")
        .unwrap();
    drop(conn);
    let target = dir.path().join("new.tally");
    let err = restore_to(&out, &target, &RestoreOptions::default()).unwrap_err();
    assert!(matches!(err, Error::BackupDamaged { .. }), "{err}");
    assert!(err.to_string().contains("tree head 2"), "{err}");
    assert!(!target.exists());
    assert!(matches!(
        restore(
            &out,
            &target,
            "not the passphrase",
            &RestoreOptions::default(),
            &NoProgress
        ),
        Err(Error::WrongPassphrase)
    ));
    assert!(!target.exists());
}
