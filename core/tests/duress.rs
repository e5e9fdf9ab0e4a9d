//! The duress passphrase: made to unlock in front of him, she types it and he sees a diary
//! that works — and holds nothing of the real one. Nothing done under it shows, counts,
//! changes or destroys a real entry; under the real passphrase the decoy never shows.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;

use common::*;
use rusqlite::Connection;
use tally_core::Error;
use tally_core::diary::{AttachOptions, Diary, NoProgress};
use tally_core::model::Category;

const DURESS: &str = "tea at four on sunday";
const REAL_CANARY: &str = "CANARY-real-entry-7f3a";
const DECOY_CANARY: &str = "CANARY-decoy-entry-19bc";

/// A real diary holding canary text in an entry, a person and an attachment, with a
/// duress passphrase set; closed. Returns its path and the real diary's check root.
fn with_duress(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let (path, mut diary) = new_diary(dir);
    let p = diary.add_person(person(REAL_CANARY)).unwrap();
    let att = diary
        .attach_bytes(
            format!("%PDF-1.4 {REAL_CANARY}").as_bytes(),
            AttachOptions {
                file_name: Some(format!("{REAL_CANARY}.pdf")),
                media_type: None,
            },
        )
        .unwrap();
    let mut inc = incident("2024-03-01T21:30:00Z", Category::Threat, REAL_CANARY);
    inc.people.push(p);
    inc.attachments.push(att);
    diary.add_incident(inc).unwrap();
    diary.set_duress_passphrase(DURESS).unwrap();
    let root = diary.check().unwrap().root;
    (path, root)
}

/// Every byte of every member of a zip, inflated.
fn unzipped(path: &std::path::Path) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = Vec::new();
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).unwrap();
        all.extend_from_slice(member.name().unwrap().as_bytes());
        member.read_to_end(&mut all).unwrap();
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn duress_passphrase_never_shows_the_real_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_duress(dir.path());
    let real = Diary::unlock(&path, PASS).unwrap();
    let (real_fingerprint, real_len) = (real.fingerprint(), real.len());
    drop(real);

    let mut decoy = Diary::unlock(&path, DURESS).unwrap();
    assert_eq!(decoy.len(), 0);
    assert!(decoy.views().unwrap().is_empty());
    assert_ne!(decoy.fingerprint(), real_fingerprint);
    let report = decoy.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!((report.entries, report.heads, report.blobs), (0, 0, 0));
    assert!(report.notes.is_empty());
    assert!(decoy.tree_heads().unwrap().is_empty());
    // It works as a diary of its own.
    let p = decoy.add_person(person("Sam")).unwrap();
    assert_eq!(p, 1, "the decoy numbers its own entries");
    let mut inc = incident("2024-03-03T12:00:00Z", Category::Call, DECOY_CANARY);
    inc.people.push(p);
    decoy.add_incident(inc).unwrap();
    let mut outputs: Vec<u8> = Vec::new();
    for view in decoy.views().unwrap() {
        outputs.extend(format!("{view:?}").as_bytes());
    }
    outputs.extend(decoy.checkpoint().unwrap().as_bytes());
    outputs.extend(format!("{:?}", decoy.check().unwrap()).as_bytes());
    for seq in 0..=real_len + 2 {
        for result in [
            decoy.get(seq).map(|v| format!("{v:?}")),
            decoy.entry(seq).map(|e| format!("{e:?}")),
        ] {
            match result {
                Ok(text) => outputs.extend(text.as_bytes()),
                Err(e) => outputs.extend(e.to_string().as_bytes()),
            }
        }
        if let Err(e) = decoy.history(seq) {
            outputs.extend(e.to_string().as_bytes());
        }
    }
    let pack = dir.path().join("decoy-pack.zip");
    let summary = decoy
        .export_pack(&pack, &Default::default(), &NoProgress)
        .unwrap();
    assert_eq!(
        summary.withheld, 0,
        "the pack counts entries of another diary"
    );
    outputs.extend(unzipped(&pack));
    let backup = dir.path().join("decoy-backup.tally");
    let b = decoy.backup(&backup, &NoProgress).unwrap();
    assert_eq!(b.entries, 2);
    outputs.extend(b.checkpoint.unwrap().as_bytes());
    assert!(contains(&outputs, DECOY_CANARY));
    assert!(
        !contains(&outputs, REAL_CANARY),
        "the real diary showed under duress"
    );
    // The raw key a keystore would keep for the decoy opens the decoy.
    let raw = decoy.raw_key();
    drop(decoy);
    assert_eq!(
        Diary::unlock_with_key(&path, raw.as_ref()).unwrap().len(),
        2
    );
}

#[test]
fn real_passphrase_never_shows_the_decoy() {
    let dir = tempfile::tempdir().unwrap();
    let (path, root) = with_duress(dir.path());
    let mut decoy = Diary::unlock(&path, DURESS).unwrap();
    decoy
        .add_incident(incident(
            "2024-03-03T12:00:00Z",
            Category::Call,
            DECOY_CANARY,
        ))
        .unwrap();
    drop(decoy);
    let real = Diary::unlock(&path, PASS).unwrap();
    assert_eq!(real.len(), 2);
    let report = real.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.root, root);
    let pack = dir.path().join("pack.zip");
    let summary = real
        .export_pack(&pack, &Default::default(), &NoProgress)
        .unwrap();
    assert_eq!(summary.disclosed + summary.withheld, 2);
    let mut outputs = unzipped(&pack);
    for view in real.views().unwrap() {
        outputs.extend(format!("{view:?}").as_bytes());
    }
    assert!(contains(&outputs, REAL_CANARY));
    assert!(
        !contains(&outputs, DECOY_CANARY),
        "the decoy showed under the real passphrase"
    );
}

#[test]
fn real_diary_checks_clean_after_any_use_of_the_decoy() {
    let dir = tempfile::tempdir().unwrap();
    let (path, root) = with_duress(dir.path());
    let real = Diary::unlock(&path, PASS).unwrap();
    let seen = real.device_head();
    drop(real);
    let mut decoy = Diary::unlock(&path, DURESS).unwrap();
    // The device's head goes in and comes out untouched.
    decoy.remember(seen.clone()).unwrap();
    assert!(decoy.rollback().is_none());
    let att = decoy
        .attach_bytes(
            &vec![9u8; tally_core::diary::CHUNK_SIZE + 5],
            AttachOptions::default(),
        )
        .unwrap();
    let mut inc = incident("2024-03-03T12:00:00Z", Category::Call, DECOY_CANARY);
    inc.attachments.push(att);
    let n = decoy.add_incident(inc).unwrap();
    let mut replacement = incident("2024-03-03T12:00:00Z", Category::Call, "corrected");
    replacement.attachments.clear();
    decoy
        .amend(n, tally_core::model::Body::Incident(replacement), None)
        .unwrap();
    decoy.erase(n, None).unwrap();
    decoy
        .change_passphrase(DURESS, "another duress passphrase")
        .unwrap();
    assert_eq!(decoy.device_head(), seen);
    drop(decoy);
    assert!(Diary::unlock(&path, "another duress passphrase").is_ok());
    let real = Diary::unlock(&path, PASS).unwrap();
    let report = real.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.root, root);
    assert_eq!((report.entries, report.blobs), (2, 1));
}

#[test]
fn duress_is_set_and_removed_only_with_the_diarys_own_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (path, root) = with_duress(dir.path());
    let mut decoy = Diary::unlock(&path, DURESS).unwrap();
    decoy.add_person(person(DECOY_CANARY)).unwrap();
    assert!(matches!(
        decoy.set_duress_passphrase("yet another one here"),
        Err(Error::OwnPassphraseNeeded)
    ));
    assert!(matches!(
        decoy.remove_duress_passphrase(),
        Err(Error::OwnPassphraseNeeded)
    ));
    drop(decoy);
    let mut real = Diary::unlock(&path, PASS).unwrap();
    real.remove_duress_passphrase().unwrap();
    drop(real);
    assert!(matches!(
        Diary::unlock(&path, DURESS),
        Err(Error::WrongPassphrase)
    ));
    let conn = Connection::open(&path).unwrap();
    let decoy_rows: i64 = conn
        .query_row("SELECT count(*) FROM entries WHERE space = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(decoy_rows, 0, "the decoy's entries outlived its removal");
    drop(conn);
    assert_eq!(
        Diary::unlock(&path, PASS).unwrap().check().unwrap().root,
        root
    );
}

#[test]
fn the_two_passphrases_can_never_be_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_duress(dir.path());
    let mut real = Diary::unlock(&path, PASS).unwrap();
    assert!(matches!(
        real.set_duress_passphrase(PASS),
        Err(Error::PassphraseInUse)
    ));
    assert!(matches!(
        real.change_passphrase(PASS, DURESS),
        Err(Error::PassphraseInUse)
    ));
    drop(real);
    let mut decoy = Diary::unlock(&path, DURESS).unwrap();
    assert!(matches!(
        decoy.change_passphrase(DURESS, PASS),
        Err(Error::PassphraseInUse)
    ));
    drop(decoy);
    // Both still open what they opened.
    assert_eq!(Diary::unlock(&path, PASS).unwrap().len(), 2);
    assert_eq!(Diary::unlock(&path, DURESS).unwrap().len(), 0);
}

/// The type and length of every column of the header and key slots.
fn header_shape(path: &std::path::Path) -> Vec<(String, i64)> {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT typeof(diary_id), length(diary_id), typeof(kdf_params), length(kdf_params),
                typeof(kdf_salt), length(kdf_salt) FROM header",
        "SELECT typeof(wrapped_key), length(wrapped_key), typeof(sealed_signing_seed),
                length(sealed_signing_seed), typeof(public_key), length(public_key)
         FROM key_slots ORDER BY slot",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in (0..6).step_by(2) {
                out.push((
                    r.get::<_, String>(i).unwrap(),
                    r.get::<_, i64>(i + 1).unwrap(),
                ));
            }
        }
    }
    out
}

#[test]
fn the_header_says_nothing_about_a_duress_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    diary.add_person(person("Ben")).unwrap();
    let without = header_shape(&path);
    diary.set_duress_passphrase(DURESS).unwrap();
    assert_eq!(header_shape(&path), without);
    diary.remove_duress_passphrase().unwrap();
    assert_eq!(header_shape(&path), without);
}
