//! The evidence pack end to end (issue 3, "What must be true"): packs the tests make pass
//! the independent `check-pack` (ssh-keygen, bagit.py, an RFC 9162 root written apart from
//! Tally); every kind of tampering, re-signing and replay makes `verify_pack` and
//! `tally verify` fail with a line naming what is wrong; hostile zips are refused without
//! writing outside a temporary folder; selective disclosure withholds what it should and
//! carries what disclosed entries depend on; large attachments round-trip byte-identical.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pack_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use pack_common::*;
use ring::signature::Ed25519KeyPair;
use tally_core::crypto::sshsig::{self, SshPublicKey};
use tally_core::diary::{AttachOptions, Diary, ListFilter, NoProgress};
use tally_core::model::{Body, Category, Condition, Order, OrderType, PoliceContact};
use tally_core::pack::{ExportOptions, ExportSummary, PackVerdict, verify_pack};

// ---------------------------------------------------------------------------------------
// Fixtures

/// A small diary with a person, an order binding him, incidents (one with an image and a
/// text attachment, one amended) and a police contact: every kind of file a pack holds.
struct Fixture {
    dir: tempfile::TempDir,
    diary: Diary,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let mut diary = new_diary(dir.path());
        let ben = diary.add_person(person("Ben Carter")).unwrap();
        let order = Order {
            order_type: OrderType::Bail,
            person: ben,
            start: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            end: None,
            conditions: vec![Condition::NoContact],
            reference: Some("BAIL-TEST-1".into()),
            issued_by: None,
        };
        diary.add_order(order).unwrap();
        let png = diary
            .attach_bytes(
                &tiny_png(),
                AttachOptions {
                    file_name: Some("screenshot.png".into()),
                    media_type: None,
                },
            )
            .unwrap();
        let note = diary
            .attach_bytes(
                b"voicemail transcript: call me back",
                AttachOptions {
                    file_name: Some("voicemail.txt".into()),
                    media_type: Some("text/plain".into()),
                },
            )
            .unwrap();
        let mut i = incident(
            "2024-03-05T21:10:00+00:00",
            Category::Message,
            "Sent 14 messages in an hour",
        );
        i.people.push(ben);
        i.attachments = vec![png, note];
        let messages = diary.add_incident(i).unwrap();
        let mut j = incident(
            "2024-03-07T08:30:00+00:00",
            Category::VisitWork,
            "Waited outside the office",
        );
        j.people.push(ben);
        let visit = diary.add_incident(j.clone()).unwrap();
        j.summary = "Waited outside the office entrance for 40 minutes".into();
        diary
            .amend(visit, Body::Incident(j), Some("added how long".into()))
            .unwrap();
        let mut c = PoliceContact::at(at("2024-03-07T12:00:00+00:00"));
        c.reference = Some("REF-1234".into());
        c.reported = vec![messages, visit];
        diary.add_police_contact(c).unwrap();
        Fixture { dir, diary }
    }

    fn export(&self, name: &str, options: &ExportOptions) -> (PathBuf, ExportSummary) {
        let out = self.dir.path().join(name);
        let summary = self.diary.export_pack(&out, options, &NoProgress).unwrap();
        (out, summary)
    }

    /// A full pack unzipped into a fresh folder; returns (holder, bag folder).
    fn unzipped(&self) -> (tempfile::TempDir, PathBuf) {
        let (zip, _) = self.export("full.zip", &ExportOptions::default());
        let holder = tempfile::tempdir().unwrap();
        let bag = unzip(&zip, holder.path());
        (holder, bag)
    }
}

fn tiny_png() -> Vec<u8> {
    // A valid 4x3 PNG (attachments that claim to be images are decoded before they are kept).
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/import/tiny-4x3.png"
    ))
    .unwrap()
}

fn verdict(pack: &Path, checkpoint: Option<&str>) -> PackVerdict {
    verify_pack(pack, checkpoint).unwrap()
}

/// `verify_pack` and `tally verify` both fail, and some problem line names `needle`.
fn assert_fails_naming(pack: &Path, needle: &str) {
    let v = verdict(pack, None);
    assert!(!v.is_ok(), "tampered pack verified: {v:?}");
    assert!(
        v.problems.iter().any(|p| p.contains(needle)),
        "no problem names {needle:?}; problems: {:#?}",
        v.problems
    );
    let out = tally(None, &["verify", pack.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "tally verify: {}", stdout(&out));
    let text = stdout(&out);
    assert!(text.starts_with("FAILED"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("PROBLEM") && l.contains(needle)),
        "tally verify names no problem with {needle:?}:\n{text}"
    );
}

fn flip_byte(path: &Path, at: impl Fn(&[u8]) -> usize) {
    let mut bytes = std::fs::read(path).unwrap();
    let i = at(&bytes);
    // Keep text files text: swap one hex/ASCII character for another.
    bytes[i] = if bytes[i] == b'0' { b'1' } else { b'0' };
    std::fs::write(path, bytes).unwrap();
}

fn one_file(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_file())
        .unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, bytes))
}

fn other_key() -> Ed25519KeyPair {
    let rng = ring::rand::SystemRandom::new();
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
    Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap()
}

/// Rewrites both manifests for the current bytes and signs the tag manifest with `key`:
/// what someone holding a different key (not the diary's) can do to any pack.
fn reseal(bag: &Path, key: &Ed25519KeyPair) {
    let mut manifest = String::new();
    for rel in files_under(&bag.join("data")) {
        let bytes = std::fs::read(bag.join("data").join(&rel)).unwrap();
        manifest.push_str(&format!("{}  data/{rel}\n", sha256_hex(&bytes)));
    }
    std::fs::write(bag.join("manifest-sha256.txt"), &manifest).unwrap();
    let public = SshPublicKey::from_key_pair(key);
    std::fs::write(
        bag.join("allowed_signers"),
        sshsig::allowed_signers_line("tally-diary", &public),
    )
    .unwrap();
    let mut tags = String::new();
    for name in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "allowed_signers",
        "VERIFY.txt",
    ] {
        let bytes = std::fs::read(bag.join(name)).unwrap();
        tags.push_str(&format!("{}  {name}\n", sha256_hex(&bytes)));
    }
    std::fs::write(bag.join("tagmanifest-sha256.txt"), &tags).unwrap();
    std::fs::write(
        bag.join("tagmanifest-sha256.txt.sig"),
        sshsig::sign(key, "tally-evidence-v1", tags.as_bytes()),
    )
    .unwrap();
}

// ---------------------------------------------------------------------------------------
// The independent judge

#[test]
fn packs_pass_check_pack_and_the_tree_head_verifies_with_ssh_keygen() {
    let f = Fixture::new();
    let (zip, summary) = f.export("full.zip", &ExportOptions::default());
    assert_eq!(summary.withheld, 0);
    assert_check_pack_passes(&zip);
    let v = verdict(&zip, None);
    assert!(v.is_ok(), "{:?}", v.problems);
    assert_eq!(
        v.fingerprint.as_deref(),
        Some(f.diary.fingerprint().as_str())
    );
    assert_eq!(v.attachments, 2);

    // The unzipped folder passes too, and the tree head's own signature holds for
    // ssh-keygen under its namespace, by the key in allowed_signers.
    let (_holder, bag) = f.unzipped();
    assert_check_pack_passes(&bag);
    let head = std::fs::File::open(bag.join("data/log/tree-head.json")).unwrap();
    let out = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f", "allowed_signers", "-I", "tally-diary"])
        .args([
            "-n",
            "tally-tree-head-v1",
            "-s",
            "data/log/tree-head.json.sig",
        ])
        .current_dir(&bag)
        .stdin(head)
        .output()
        .expect("ssh-keygen must be installed");
    assert!(
        out.status.success(),
        "ssh-keygen rejected the tree head: {}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    // The wrong namespace must not pass (the check can fail).
    let head = std::fs::File::open(bag.join("data/log/tree-head.json")).unwrap();
    let out = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f", "allowed_signers", "-I", "tally-diary"])
        .args([
            "-n",
            "tally-evidence-v1",
            "-s",
            "data/log/tree-head.json.sig",
        ])
        .current_dir(&bag)
        .stdin(head)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn check_pack_rejects_a_tampered_pack() {
    // The judge itself can fail: one changed entry byte is caught by bagit.py.
    let f = Fixture::new();
    let (_holder, bag) = f.unzipped();
    flip_byte(&bag.join("data/entries/3.json"), |b| b.len() / 2);
    assert!(!check_pack(&bag).status.success());
}

// ---------------------------------------------------------------------------------------
// Tampering: one byte

#[test]
fn changed_entry_byte_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    flip_byte(&bag.join("data/entries/3.json"), |b| b.len() / 2);
    assert_fails_naming(&bag, "data/entries/3.json");
}

#[test]
fn changed_attachment_byte_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    let png = std::fs::read_dir(bag.join("data/attachments"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .unwrap();
    let name = png.file_name().unwrap().to_string_lossy().into_owned();
    flip_byte(&png, |b| b.len() - 20);
    assert_fails_naming(&bag, &format!("data/attachments/{name}"));
}

#[test]
fn changed_manifest_byte_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    flip_byte(&bag.join("manifest-sha256.txt"), |_| 0);
    assert_fails_naming(&bag, "manifest-sha256.txt");
}

#[test]
fn changed_tagmanifest_byte_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    flip_byte(&bag.join("tagmanifest-sha256.txt"), |_| 0);
    assert_fails_naming(&bag, "tagmanifest-sha256.txt");
}

#[test]
fn changed_leaf_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    // The second leaf's first hex digit.
    flip_byte(&bag.join("data/log/leaves.txt"), |_| 65);
    assert_fails_naming(&bag, "data/log/leaves.txt");
}

#[test]
fn changed_tree_head_byte_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    let path = bag.join("data/log/tree-head.json");
    // A digit of the tree size or root, not a structural byte.
    flip_byte(&path, |b| {
        b.iter().position(|c| c.is_ascii_digit()).unwrap()
    });
    assert_fails_naming(&bag, "data/log/tree-head.json");
}

#[test]
fn changed_pack_signature_byte_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    let path = bag.join("tagmanifest-sha256.txt.sig");
    // A base64 character in the last line of the body: the Ed25519 signature itself.
    let text = std::fs::read_to_string(&path).unwrap();
    let end = text.find("-----END").unwrap();
    let mut bytes = text.into_bytes();
    let i = end - 10;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    std::fs::write(&path, bytes).unwrap();
    assert_fails_naming(&bag, "tagmanifest-sha256.txt.sig");
}

#[test]
fn changed_tree_head_signature_byte_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    let path = bag.join("data/log/tree-head.json.sig");
    let text = std::fs::read_to_string(&path).unwrap();
    let end = text.find("-----END").unwrap();
    let mut bytes = text.into_bytes();
    let i = end - 10;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    std::fs::write(&path, bytes).unwrap();
    assert_fails_naming(&bag, "data/log/tree-head.json.sig");
}

// ---------------------------------------------------------------------------------------
// Tampering: files added, removed, renamed

#[test]
fn file_added_in_data_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    std::fs::write(bag.join("data/entries/99.json"), b"{}").unwrap();
    assert_fails_naming(&bag, "data/entries/99.json");
    std::fs::remove_file(bag.join("data/entries/99.json")).unwrap();
    std::fs::write(bag.join("data/extra-statement.txt"), b"I confess").unwrap();
    assert_fails_naming(&bag, "data/extra-statement.txt");
}

#[test]
fn file_added_at_top_level_is_named() {
    // BagIt lets unlisted tag files sit at the top; in an evidence pack a planted file
    // (new "instructions", a fake statement) beside the signed ones must not pass silently.
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    std::fs::write(bag.join("READ-ME-FIRST.txt"), b"Ignore VERIFY.txt").unwrap();
    assert_fails_naming(&bag, "READ-ME-FIRST.txt");
}

#[test]
fn file_removed_from_data_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    std::fs::remove_file(bag.join("data/entries/4.json")).unwrap();
    assert_fails_naming(&bag, "data/entries/4.json");
    let (_h2, bag2) = f.unzipped();
    let att = one_file(&bag2.join("data/attachments"));
    let name = att.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::remove_file(&att).unwrap();
    assert_fails_naming(&bag2, &format!("data/attachments/{name}"));
}

#[test]
fn file_removed_at_top_level_is_named() {
    let f = Fixture::new();
    for name in ["VERIFY.txt", "bag-info.txt", "allowed_signers"] {
        let (_h, bag) = f.unzipped();
        std::fs::remove_file(bag.join(name)).unwrap();
        assert_fails_naming(&bag, name);
    }
}

#[test]
fn file_renamed_in_data_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    // Entry 6 (the police contact) presented as entry 9.
    std::fs::rename(
        bag.join("data/entries/6.json"),
        bag.join("data/entries/9.json"),
    )
    .unwrap();
    assert_fails_naming(&bag, "data/entries/9.json");
    assert_fails_naming(&bag, "data/entries/6.json");
}

#[test]
fn file_renamed_at_top_level_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    std::fs::rename(bag.join("VERIFY.txt"), bag.join("VERIFY-old.txt")).unwrap();
    assert_fails_naming(&bag, "VERIFY.txt");
}

// ---------------------------------------------------------------------------------------
// Another key, an older head

#[test]
fn pack_resigned_with_another_key_fails() {
    // Only the tag manifest re-signed (with a matching allowed_signers): the tree head is
    // still the diary's, so the pack contradicts itself.
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    let key = other_key();
    reseal(&bag, &key);
    let v = verdict(&bag, None);
    assert!(!v.is_ok(), "re-signed pack verified: {v:?}");
    assert!(
        v.problems
            .iter()
            .any(|p| p.contains("data/log/tree-head.json")),
        "{:#?}",
        v.problems
    );
    let out = tally(None, &["verify", bag.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn pack_forged_whole_with_another_key_names_that_key_and_fails_the_real_checkpoint() {
    // Someone re-signs everything — tree head included — with a key of their own. The
    // mathematics holds, so the verdict must at least name the other key, and the
    // checkpoint the recipient holds from the real diary must fail.
    let f = Fixture::new();
    let real_checkpoint = f.diary.checkpoint().unwrap();
    let (_h, bag) = f.unzipped();
    let key = other_key();
    let public = SshPublicKey::from_key_pair(&key);
    let head_path = bag.join("data/log/tree-head.json");
    let head_text = std::fs::read_to_string(&head_path).unwrap();
    let mut head: serde_json::Value = serde_json::from_str(head_text.trim_end()).unwrap();
    head["key"] = serde_json::Value::String(public.to_openssh());
    let head_bytes = format!("{}\n", serde_json::to_string(&head).unwrap());
    std::fs::write(&head_path, &head_bytes).unwrap();
    std::fs::write(
        bag.join("data/log/tree-head.json.sig"),
        sshsig::sign(&key, "tally-tree-head-v1", head_bytes.as_bytes()),
    )
    .unwrap();
    std::fs::write(bag.join("data/log/checkpoints.json"), b"[]\n").unwrap();
    reseal(&bag, &key);

    let v = verdict(&bag, None);
    assert_ne!(
        v.fingerprint.as_deref(),
        Some(f.diary.fingerprint().as_str()),
        "a forged pack must never be reported as signed by the diary's key"
    );
    if v.is_ok() {
        assert_eq!(v.fingerprint, Some(public.fingerprint()));
    }
    let v = verdict(&bag, Some(&real_checkpoint));
    assert!(!v.is_ok(), "forged pack extends the real checkpoint: {v:?}");
    assert!(
        v.problems.iter().any(|p| p.contains("checkpoint")),
        "{:#?}",
        v.problems
    );
    let cp = f.dir.path().join("real.checkpoint");
    std::fs::write(&cp, &real_checkpoint).unwrap();
    let out = tally(
        None,
        &[
            "verify",
            bag.to_str().unwrap(),
            "--checkpoint",
            cp.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("PROBLEM checkpoint"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn replayed_older_head_is_named() {
    let f = Fixture::new();
    let (_h, bag) = f.unzipped();
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(bag.join("data/log/checkpoints.json")).unwrap())
            .unwrap();
    let older = list.first().expect("the pack lists earlier heads");
    let head = format!("{}\n", older["head"].as_str().unwrap());
    std::fs::write(bag.join("data/log/tree-head.json"), head).unwrap();
    std::fs::write(
        bag.join("data/log/tree-head.json.sig"),
        older["signature"].as_str().unwrap(),
    )
    .unwrap();
    assert_fails_naming(&bag, "data/log/tree-head.json");
}

#[test]
fn an_older_pack_fails_against_a_later_checkpoint() {
    // Replaying a whole earlier pack as if current: the recipient's newer checkpoint
    // exposes it.
    let mut f = Fixture::new();
    let (old_pack, _) = f.export("old.zip", &ExportOptions::default());
    f.diary
        .add_incident(incident(
            "2024-03-09T22:00:00+00:00",
            Category::Threat,
            "Said I would regret it",
        ))
        .unwrap();
    let later = f.diary.checkpoint().unwrap();
    let v = verdict(&old_pack, Some(&later));
    assert!(!v.is_ok());
    assert!(
        v.problems.iter().any(|p| p.starts_with("checkpoint")),
        "{:#?}",
        v.problems
    );
}

// ---------------------------------------------------------------------------------------
// Selective disclosure and what travels with it

#[test]
fn three_of_fifty_verify_with_47_withheld_and_a_later_pack_extends_the_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = new_diary(dir.path());
    for n in 1..=50u32 {
        let day = 1 + n % 28;
        diary
            .add_incident(incident(
                &format!("2024-04-{day:02}T10:{:02}:00+00:00", n % 60),
                Category::Online,
                &format!("Posted about me online, number {n}"),
            ))
            .unwrap();
    }
    let options = ExportOptions {
        selection: ListFilter {
            entries: vec![7, 21, 40],
            ..Default::default()
        },
        checkpoints: Vec::new(),
    };
    let three = dir.path().join("three.zip");
    let s = diary.export_pack(&three, &options, &NoProgress).unwrap();
    assert_eq!((s.disclosed, s.withheld), (3, 47));
    assert_check_pack_passes(&three);
    let v = verdict(&three, None);
    assert!(v.is_ok(), "{:?}", v.problems);
    assert_eq!((v.disclosed, v.withheld, v.tree_size), (3, 47, 50));
    let holder = tempfile::tempdir().unwrap();
    let bag = unzip(&three, holder.path());
    let entries = files_under(&bag.join("data/entries"));
    assert_eq!(entries, vec!["21.json", "40.json", "7.json"]);
    let leaves = std::fs::read_to_string(bag.join("data/log/leaves.txt")).unwrap();
    assert_eq!(leaves.lines().count(), 50);

    // The CLI says the same.
    let out = tally(None, &["verify", three.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("3 disclosed, 47 withheld"),
        "{}",
        stdout(&out)
    );

    // Later: more entries, a full pack, checked against the checkpoint taken at 50.
    let checkpoint = diary.checkpoint().unwrap();
    for n in 51..=60u32 {
        diary
            .add_incident(incident(
                &format!("2024-05-{:02}T10:00:00+00:00", n - 50),
                Category::Message,
                &format!("Message {n}"),
            ))
            .unwrap();
    }
    let full = dir.path().join("full.zip");
    diary
        .export_pack(&full, &ExportOptions::default(), &NoProgress)
        .unwrap();
    assert_check_pack_passes(&full);
    let v = verdict(&full, Some(&checkpoint));
    assert!(v.is_ok(), "{:?}", v.problems);
    assert_eq!(v.extends_checkpoint.as_ref().map(|c| c.0), Some(50));
    let cp = dir.path().join("cp.txt");
    std::fs::write(&cp, &checkpoint).unwrap();
    let out = tally(
        None,
        &[
            "verify",
            full.to_str().unwrap(),
            "--checkpoint",
            cp.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("extends the checkpoint"),
        "{}",
        stdout(&out)
    );

    // A checkpoint from another diary fails.
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = new_diary(other_dir.path());
    other
        .add_incident(incident("2024-04-01T10:00:00+00:00", Category::Online, "x"))
        .unwrap();
    let foreign = other.checkpoint().unwrap();
    let v = verdict(&full, Some(&foreign));
    assert!(!v.is_ok());
    assert!(
        v.problems.iter().any(|p| p.starts_with("checkpoint")),
        "{:#?}",
        v.problems
    );
    std::fs::write(&cp, &foreign).unwrap();
    let out = tally(
        None,
        &[
            "verify",
            full.to_str().unwrap(),
            "--checkpoint",
            cp.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn cli_export_of_chosen_entries_withholds_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = {
        let mut diary = new_diary(dir.path());
        for n in 1..=10u32 {
            diary
                .add_incident(incident(
                    &format!("2024-04-{n:02}T10:00:00+00:00"),
                    Category::Call,
                    &format!("Withheld number called {n} times"),
                ))
                .unwrap();
        }
        diary.path().to_owned()
    };
    let zip = dir.path().join("cli.zip");
    let out = tally(
        Some(&path),
        &["export", "--out", zip.to_str().unwrap(), "--entries", "2,5"],
    );
    assert!(
        out.status.success(),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_check_pack_passes(&zip);
    let v = verdict(&zip, None);
    assert!(v.is_ok(), "{:?}", v.problems);
    assert_eq!((v.disclosed, v.withheld), (2, 8));
}

const CANARY: &str = "CANARY-withheld-7f3a9c";

#[test]
fn dependencies_travel_and_withheld_text_appears_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = new_diary(dir.path());
    let ben = diary.add_person(person("Ben Carter")).unwrap(); // 1
    let order = diary
        .add_order(Order {
            order_type: OrderType::Bail,
            person: ben,
            start: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            end: None,
            conditions: vec![Condition::NoContact],
            reference: None,
            issued_by: None,
        })
        .unwrap(); // 2
    let mut named = incident("2024-03-05T21:00:00+00:00", Category::Message, "Texted me");
    named.people.push(ben);
    let named = diary.add_incident(named).unwrap(); // 3
    let plain = incident(
        "2024-03-06T09:00:00+00:00",
        Category::Loitering,
        "Car outside",
    );
    let amended = diary.add_incident(plain.clone()).unwrap(); // 4
    let mut fixed = plain;
    fixed.summary = "Car outside the house, engine running".into();
    let amendment = diary
        .amend(amended, Body::Incident(fixed), Some("more detail".into()))
        .unwrap(); // 5
    // Withheld: text that must not leak, in every field a report might show.
    let mut secret = incident(
        "2024-03-08T23:00:00+00:00",
        Category::Threat,
        &format!("{CANARY} summary"),
    );
    secret.people.push(ben);
    secret.details = Some(format!("{CANARY} details"));
    secret.impact.notes = Some(format!("{CANARY} impact"));
    let secret_att = diary
        .attach_bytes(
            format!("{CANARY} attachment").as_bytes(),
            AttachOptions {
                file_name: Some("secret.txt".into()),
                media_type: Some("text/plain".into()),
            },
        )
        .unwrap();
    secret.attachments.push(secret_att.clone());
    let secret = diary.add_incident(secret).unwrap(); // 6
    let mut contact = PoliceContact::at(at("2024-03-09T10:00:00+00:00"));
    contact.advice = Some(format!("{CANARY} advice"));
    contact.reported = vec![secret];
    diary.add_police_contact(contact).unwrap(); // 7
    let other = diary
        .add_person(person(&format!("{CANARY} person")))
        .unwrap(); // 8
    let _ = other;

    let options = ExportOptions {
        selection: ListFilter {
            entries: vec![named, amended],
            ..Default::default()
        },
        checkpoints: Vec::new(),
    };
    let zip = dir.path().join("deps.zip");
    let s = diary.export_pack(&zip, &options, &NoProgress).unwrap();
    assert_check_pack_passes(&zip);
    let v = verdict(&zip, None);
    assert!(v.is_ok(), "{:?}", v.problems);
    let holder = tempfile::tempdir().unwrap();
    let bag = unzip(&zip, holder.path());
    let entries = files_under(&bag.join("data/entries"));
    for seq in [ben, order, named, amended, amendment] {
        assert!(
            entries.contains(&format!("{seq}.json")),
            "entry {seq} should travel with the disclosed ones; got {entries:?}"
        );
    }
    assert_eq!(entries.len(), 5, "{entries:?}");
    assert_eq!((s.disclosed, s.withheld), (5, 3));
    assert!(
        !bag.join(format!("data/attachments/{}.txt", secret_att.sha256))
            .exists()
    );

    // Not a byte of withheld text anywhere: entries, report, summary, bag-info, log.
    for rel in files_under(&bag) {
        let bytes = std::fs::read(bag.join(&rel)).unwrap();
        assert!(
            !bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()),
            "withheld text leaked into {rel}"
        );
    }
    // The report shows the amended version of the disclosed incident.
    let report = std::fs::read_to_string(bag.join("data/report.html")).unwrap();
    assert!(report.contains("Car outside the house, engine running"));
    assert!(report.contains("Texted me"));
}

// ---------------------------------------------------------------------------------------
// Streaming

#[test]
fn a_multi_chunk_attachment_round_trips_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = new_diary(dir.path());
    let mut bytes = vec![0u8; (5 << 20) + 12_345];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).unwrap();
    let source = dir.path().join("clip.mp4");
    std::fs::write(&source, &bytes).unwrap();
    let att = diary.attach_file(&source).unwrap();
    assert_eq!(att.size, bytes.len() as u64);
    let mut i = incident(
        "2024-03-10T18:00:00+00:00",
        Category::SightingOrFollowing,
        "Filmed him following me",
    );
    i.attachments.push(att.clone());
    diary.add_incident(i).unwrap();
    let zip = dir.path().join("big.zip");
    diary
        .export_pack(&zip, &ExportOptions::default(), &NoProgress)
        .unwrap();
    assert_check_pack_passes(&zip);
    let v = verdict(&zip, None);
    assert!(v.is_ok(), "{:?}", v.problems);
    let holder = tempfile::tempdir().unwrap();
    let bag = unzip(&zip, holder.path());
    let out = std::fs::read(one_file(&bag.join("data/attachments"))).unwrap();
    assert_eq!(out.len(), bytes.len());
    assert!(
        out == bytes,
        "the attachment changed on its way through the pack"
    );
    assert_eq!(sha256_hex(&out), att.sha256);
}

// ---------------------------------------------------------------------------------------
// Hostile zips

/// CRC-32 (IEEE), bit by bit: hostile zips are written by hand so that every header field
/// can lie.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One member of a hand-made zip.
struct Member {
    name: String,
    data: Vec<u8>,
    /// Unix mode in the external attributes (0o100644 a file, 0o120777 a symlink).
    mode: u32,
    /// The uncompressed size the headers declare (the real one unless it should lie).
    declared_size: Option<u32>,
    /// Deflate the data (else stored).
    deflate: bool,
}

fn member(name: &str, data: &[u8]) -> Member {
    Member {
        name: name.into(),
        data: data.to_vec(),
        mode: 0o100644,
        declared_size: None,
        deflate: false,
    }
}

/// Writes a zip (APPNOTE 4.3) with exactly these members, duplicates and all.
fn raw_zip(path: &Path, members: &[Member]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for m in members {
        let (method, body) = if m.deflate {
            use std::io::Write;
            let mut w = zip::write::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            // Borrow the zip crate's deflater through a throwaway archive, then lift the
            // compressed bytes out of it.
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(false);
            w.start_file("x", opts).unwrap();
            w.write_all(&m.data).unwrap();
            let bytes = w.finish().unwrap().into_inner();
            let csize = u32::from_le_bytes(bytes[18..22].try_into().unwrap()) as usize;
            let name_len = u16::from_le_bytes(bytes[26..28].try_into().unwrap()) as usize;
            let extra_len = u16::from_le_bytes(bytes[28..30].try_into().unwrap()) as usize;
            let start = 30 + name_len + extra_len;
            (8u16, bytes[start..start + csize].to_vec())
        } else {
            (0u16, m.data.clone())
        };
        let crc = crc32(&m.data);
        let usize_ = m.declared_size.unwrap_or(m.data.len() as u32);
        let offset = out.len() as u32;
        let name = m.name.as_bytes();
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&usize_.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(&body);
        // Central directory header: made by Unix (3) so the mode counts.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&((3u16 << 8) | 20).to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&method.to_le_bytes());
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&(body.len() as u32).to_le_bytes());
        central.extend_from_slice(&usize_.to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
        central.extend_from_slice(&(m.mode << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(members.len() as u16).to_le_bytes());
    out.extend_from_slice(&(members.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

/// A listing of a folder (names and sizes, recursively), to show nothing was written.
fn snapshot(dir: &Path) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = files_under(dir)
        .into_iter()
        .map(|f| {
            let len = std::fs::symlink_metadata(dir.join(&f)).map_or(0, |m| m.len());
            (f, len)
        })
        .collect();
    out.sort();
    out
}

/// Gives a hostile zip to `verify_pack` and to `tally verify` (with its own TMPDIR and
/// working folder): both refuse it, and nothing appears anywhere but in their temporary
/// folders, which are gone afterwards. `reason`: what the refusal must say (alternatives
/// separated by `|`).
fn assert_refused(name: &str, members: &[Member], reason: &str) {
    let outer = tempfile::tempdir().unwrap();
    let work = outer.path().join("work");
    let tmp = outer.path().join("tmp");
    let cwd = outer.path().join("cwd");
    for d in [&work, &tmp, &cwd] {
        std::fs::create_dir(d).unwrap();
    }
    let zip = work.join(name);
    raw_zip(&zip, members);
    let before = snapshot(outer.path());
    let cwd_before = snapshot(&std::env::current_dir().unwrap());

    match verify_pack(&zip, None) {
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("refused"), "{name}: {msg}");
            assert!(
                reason.split('|').any(|r| msg.to_lowercase().contains(r)),
                "{name}: the refusal should say {reason:?}: {msg}"
            );
        }
        Ok(v) => panic!("{name}: a hostile zip was read as a pack: {v:?}"),
    }
    let out = Command::new(tally_bin())
        .args(["verify", zip.to_str().unwrap()])
        .env("TMPDIR", &tmp)
        .current_dir(&cwd)
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(0),
        "{name}: tally verify accepted it"
    );
    let said = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("refused"), "{name}: {said}");

    assert_eq!(snapshot(outer.path()), before, "{name}: files appeared");
    assert_eq!(
        snapshot(&std::env::current_dir().unwrap()),
        cwd_before,
        "{name}: files appeared in the working folder"
    );
    assert!(
        !Path::new("/tmp/tally-escaped.txt").exists(),
        "{name}: escaped to /tmp"
    );
}

#[test]
fn path_traversal_zip_is_refused() {
    assert_refused(
        "traversal.zip",
        &[
            member("bag/bagit.txt", b"BagIt-Version: 1.0\n"),
            member("bag/../../escaped.txt", b"owned"),
        ],
        "unsafe name",
    );
    assert_refused(
        "absolute.zip",
        &[
            member("bag/bagit.txt", b"BagIt-Version: 1.0\n"),
            member("/tmp/tally-escaped.txt", b"owned"),
        ],
        "unsafe name",
    );
}

#[test]
fn symlink_zip_is_refused() {
    let mut link = member("bag/data/link", b"/etc/passwd");
    link.mode = 0o120777;
    assert_refused(
        "symlink.zip",
        &[member("bag/bagit.txt", b"BagIt-Version: 1.0\n"), link],
        "symbolic link",
    );
}

#[test]
fn duplicate_names_zip_is_refused() {
    assert_refused(
        "duplicate.zip",
        &[
            member("bag/data/entries/1.json", b"{\"first\":1}"),
            member("bag/data/entries/1.json", b"{\"second\":2}"),
        ],
        "more than once",
    );
    // Names that collide on a case-insensitive disk (Windows, macOS).
    assert_refused(
        "case.zip",
        &[
            member("bag/VERIFY.txt", b"real"),
            member("bag/verify.TXT", b"planted"),
        ],
        "more than once",
    );
}

#[test]
fn zip_bomb_is_refused() {
    // 64 MiB of zeros deflates about a thousandfold.
    let mut bomb = member("bag/data/attachments/bomb.bin", &vec![0u8; 64 << 20]);
    bomb.deflate = true;
    assert_refused(
        "bomb.zip",
        &[member("bag/bagit.txt", b"BagIt-Version: 1.0\n"), bomb],
        "inflates too much",
    );
    // A member that inflates to far more than its headers declare.
    let mut liar = member("bag/data/attachments/liar.bin", &vec![0u8; 4 << 20]);
    liar.deflate = true;
    liar.declared_size = Some(1000);
    assert_refused(
        "liar.zip",
        &[member("bag/bagit.txt", b"BagIt-Version: 1.0\n"), liar],
        "liar.bin",
    );
}

#[test]
fn huge_declared_size_zip_is_refused() {
    // Five members each declaring 4 GiB: 20 GiB in all, over any sane limit.
    let mut members = vec![member("bag/bagit.txt", b"BagIt-Version: 1.0\n")];
    for n in 0..5 {
        let mut huge = member(&format!("bag/data/attachments/huge{n}.bin"), b"tiny");
        huge.declared_size = Some(u32::MAX);
        huge.deflate = true;
        members.push(huge);
    }
    assert_refused("huge.zip", &members, "larger than|inflates too much");
}
