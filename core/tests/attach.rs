//! Storing a large attachment: its bytes go into the diary file once (not through the WAL
//! and again by a checkpoint), another program with the diary open never stops it from
//! being stored, and a cancelled attachment leaves nothing behind — the file back in WAL
//! mode, ready for the next append.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use tally_core::Error;
use tally_core::diary::{AttachOptions, CHUNK_SIZE, Diary, NoProgress, Progress};
use tally_core::model::Category;

/// Five chunks of bytes that do not compress.
fn video() -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..5 * CHUNK_SIZE)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn len_of(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// SQLite's file header says WAL mode (bytes 18 and 19 are 2; 1 is rollback mode).
fn in_wal_mode(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes[18..20] == [2, 2]
}

fn options() -> AttachOptions {
    AttachOptions {
        file_name: Some("street.mp4".into()),
        media_type: Some("video/mp4".into()),
    }
}

#[test]
fn a_large_attachment_is_written_into_the_file_once_not_through_the_wal() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    diary.add_person(person("Ben")).unwrap();
    let data = video();
    let before = len_of(&path);
    let att = diary.attach_bytes(&data, options()).unwrap();
    // Every byte is in the file itself; the WAL was not used for them.
    assert!(len_of(&path) >= before + data.len() as u64);
    let wal = len_of(&beside(&path, "-wal"));
    assert!(
        wal < CHUNK_SIZE as u64,
        "{wal} bytes of the attachment went through the WAL"
    );
    assert!(!beside(&path, "-journal").exists());
    assert!(in_wal_mode(&path), "the diary was left out of WAL mode");
    let mut inc = incident(
        "2024-03-12T21:06:00Z",
        Category::SightingOrFollowing,
        "filmed",
    );
    inc.attachments.push(att.clone());
    let seq = diary.add_incident(inc).unwrap();
    drop(diary);
    let diary = Diary::unlock(&path, PASS).unwrap();
    assert_eq!(diary.len(), seq);
    let mut out = Vec::new();
    diary.read_attachment(&att.sha256, &mut out).unwrap();
    assert!(out == data, "the attachment did not read back as stored");
    assert!(diary.check().unwrap().is_ok());
}

#[test]
fn another_program_with_the_diary_open_does_not_stop_an_attachment() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    diary.add_person(person("Ben")).unwrap();
    let other = Diary::unlock(&path, PASS).unwrap();
    let data = video();
    let att = diary.attach_bytes(&data, options()).unwrap();
    let mut inc = incident(
        "2024-03-12T21:06:00Z",
        Category::SightingOrFollowing,
        "filmed",
    );
    inc.attachments.push(att.clone());
    diary.add_incident(inc).unwrap();
    assert!(in_wal_mode(&path));
    // The other program reads it, through the WAL it shares.
    let mut out = Vec::new();
    other.read_attachment(&att.sha256, &mut out).unwrap();
    assert!(out == data);
    assert!(other.check().unwrap().is_ok());
}

/// Cancels once `after` bytes have gone in.
struct CancelAfter(u64, std::cell::Cell<u64>);

impl Progress for CancelAfter {
    fn update(&self, done: u64, _total: Option<u64>) {
        self.1.set(done);
    }
    fn cancelled(&self) -> bool {
        self.1.get() >= self.0
    }
}

#[test]
fn a_cancelled_attachment_leaves_nothing_and_the_diary_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    diary.add_person(person("Ben")).unwrap();
    let data = video();
    let cancel = CancelAfter(3 * CHUNK_SIZE as u64, Default::default());
    let err = diary
        .attach_reader(data.as_slice(), options(), &cancel)
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    assert!(!beside(&path, "-journal").exists());
    assert!(in_wal_mode(&path), "the diary was left out of WAL mode");
    let sha = hex::encode(ring::digest::digest(&ring::digest::SHA256, &data));
    assert!(!diary.has_attachment(&sha).unwrap());
    // The next append works and goes through the WAL, as appends do.
    diary.add_person(person("Ann")).unwrap();
    assert!(len_of(&beside(&path, "-wal")) > 0);
    let report = diary.check().unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems);
    // And the same file can still be stored whole.
    let att = diary
        .attach_reader(data.as_slice(), options(), &NoProgress)
        .unwrap();
    assert_eq!(att.sha256, sha);
}

/// Copies the diary and its `-journal` aside once `after` bytes have gone in: what a kill
/// at that moment would leave (a kill loses no write already made).
struct CopyAfter {
    after: u64,
    from: PathBuf,
    to: PathBuf,
    copied: std::cell::Cell<bool>,
}

impl Progress for CopyAfter {
    fn update(&self, done: u64, _total: Option<u64>) {
        if done >= self.after && !self.copied.get() {
            std::fs::copy(&self.from, &self.to).unwrap();
            std::fs::copy(beside(&self.from, "-journal"), beside(&self.to, "-journal")).unwrap();
            self.copied.set(true);
        }
    }
}

fn files_of(path: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|s| std::fs::read(beside(path, s)).ok())
        .collect()
}

#[test]
fn after_a_kill_mid_attachment_a_wrong_passphrase_changes_nothing_and_the_right_one_rolls_it_back()
{
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    diary.add_person(person("Ben")).unwrap();
    let before_attach = diary.len();
    let killed = dir.path().join("killed.tally");
    let copy = CopyAfter {
        after: 4 * CHUNK_SIZE as u64,
        from: path.clone(),
        to: killed.clone(),
        copied: Default::default(),
    };
    diary
        .attach_reader(video().as_slice(), options(), &copy)
        .unwrap();
    assert!(copy.copied.get());
    let journal = std::fs::read(beside(&killed, "-journal")).unwrap();
    assert_ne!(
        journal[0], 0,
        "the kill left no journal that must be rolled back"
    );

    let before = files_of(&killed);
    let err = Diary::unlock(&killed, "not the passphrase").unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err}");
    let err = Diary::unlock_with_key(&killed, &[7u8; 32]).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err}");
    assert!(
        files_of(&killed) == before,
        "a wrong passphrase changed the diary or its journal"
    );

    let diary = Diary::unlock(&killed, PASS).unwrap();
    assert!(!beside(&killed, "-journal").exists());
    assert_eq!(diary.len(), before_attach);
    let sha = hex::encode(ring::digest::digest(&ring::digest::SHA256, &video()));
    assert!(!diary.has_attachment(&sha).unwrap());
    let report = diary.check().unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems);
}
