//! The evidence pack end to end: packs the tests make pass the independent `check-pack`
//! (ssh-keygen, bagit.py, an RFC 9162 root written apart from Tally); every kind of
//! tampering, re-signing and replay makes `verify_pack` and `tally verify` fail with a line
//! naming what is wrong, in an unzipped pack and in the zip read in place; a pack re-signed
//! with another key fails when the recipient pins the key, and the verdict says so when she
//! does not; selective disclosure withholds what it should; large attachments round-trip
//! byte-identical. Hostile zips are in `pack_zip.rs`, the disclosure plan in `pack_plan.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pack_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use pack_common::*;
use ring::signature::Ed25519KeyPair;
use tally_core::crypto::sshsig::{self, SshPublicKey};
use tally_core::diary::{AttachOptions, NoProgress};
use tally_core::model::{Body, Category, Condition, Order, OrderType, PoliceContact};
use tally_core::pack::{
    DisclosureChoices, ExportOptions, KeyConfirmation, KeyFingerprint, VerifyOptions, verify_pack,
};
use tally_core::zip_forge::{Forge, Forged};

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
    // A careful forger also makes Payload-Oxum right.
    let files = files_under(&bag.join("data"));
    let octets: u64 = files
        .iter()
        .map(|rel| std::fs::metadata(bag.join("data").join(rel)).unwrap().len())
        .sum();
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    let info: String = info
        .lines()
        .map(|l| {
            if l.starts_with("Payload-Oxum:") {
                format!("Payload-Oxum: {octets}.{}\n", files.len())
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(bag.join("bag-info.txt"), info).unwrap();
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

/// Re-signs everything in an unzipped pack — tree head included — with a key of the
/// forger's own: the mathematics holds; only the key differs.
fn forge_whole_with_another_key(bag: &Path) -> SshPublicKey {
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
    reseal(bag, &key);
    public
}

#[test]
fn pack_forged_whole_with_another_key_names_that_key_and_fails_the_real_checkpoint() {
    let f = Fixture::new();
    let real_checkpoint = f.diary.checkpoint().unwrap();
    let (_h, bag) = f.unzipped();
    let public = forge_whole_with_another_key(&bag);

    let v = verdict(&bag, None);
    assert_ne!(
        v.fingerprint.as_deref(),
        Some(f.diary.fingerprint().as_str()),
        "a forged pack must never be reported as signed by the diary's key"
    );
    if v.is_ok() {
        assert_eq!(v.fingerprint, Some(public.fingerprint()));
        assert_eq!(v.key, KeyConfirmation::NotConfirmed);
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
fn pack_resigned_with_another_key_is_refused_when_key_is_pinned() {
    // The whole pack forged with another key passes every mathematical check; the
    // recipient who pins the diary's fingerprint sees it fail, in the folder and the zip.
    let f = Fixture::new();
    let real = f.diary.fingerprint();
    let (holder, bag) = f.unzipped();
    let forger = forge_whole_with_another_key(&bag);
    let zip = forged(holder.path(), "forged.zip", &forge_from_folder(&bag));
    for pack in [bag.as_path(), zip.as_path()] {
        let unpinned = verdict(pack, None);
        assert!(unpinned.is_ok(), "{:?}", unpinned.problems);
        assert_eq!(unpinned.key, KeyConfirmation::NotConfirmed);
        let pinned = verify_pack(
            pack,
            &VerifyOptions {
                checkpoint: None,
                key: Some(KeyFingerprint::parse(&real).unwrap()),
            },
        )
        .unwrap();
        assert!(
            !pinned.is_ok(),
            "a forged pack passed a pinned key: {pinned:?}"
        );
        let named = format!(
            "signed by {}, not by the key you expected ({real})",
            forger.fingerprint()
        );
        assert!(
            pinned.problems.iter().any(|p| p.contains(&named)),
            "{:#?}",
            pinned.problems
        );
        let out = tally(None, &["verify", pack.to_str().unwrap(), "--key", &real]);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        assert!(stdout(&out).starts_with("FAILED"), "{}", stdout(&out));
        assert!(stdout(&out).contains(&named), "{}", stdout(&out));
    }
}

#[test]
fn without_a_pinned_key_the_verdict_says_nothing_confirms_it() {
    let f = Fixture::new();
    let (zip, _) = f.export("full.zip", &ExportOptions::default());
    let fingerprint = f.diary.fingerprint();

    let v = verdict(&zip, None);
    assert!(v.is_ok() && !v.is_confirmed(), "{v:?}");
    let out = tally(None, &["verify", zip.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("NOTHING CONFIRMS WHOSE KEY SIGNED IT"),
        "{text}"
    );
    assert!(text.contains("Key:         NOT CONFIRMED"), "{text}");
    assert!(text.contains("--key SHA256:"), "{text}");

    // Pinned by the fingerprint, or confirmed by a checkpoint: plainly VERIFIED.
    let out = tally(
        None,
        &["verify", zip.to_str().unwrap(), "--key", &fingerprint],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out).lines().next().unwrap(),
        format!("VERIFIED {}", zip.display())
    );
    assert!(
        stdout(&out).contains("the key you expected"),
        "{}",
        stdout(&out)
    );
    let cp = f.dir.path().join("cp.txt");
    std::fs::write(&cp, f.diary.checkpoint().unwrap()).unwrap();
    let v = verdict(&zip, Some(&std::fs::read_to_string(&cp).unwrap()));
    assert_eq!(v.key, KeyConfirmation::Checkpoint);
    let out = tally(
        None,
        &[
            "verify",
            zip.to_str().unwrap(),
            "--checkpoint",
            cp.to_str().unwrap(),
        ],
    );
    assert!(
        stdout(&out).contains("the key of the checkpoint you gave"),
        "{}",
        stdout(&out)
    );

    // A malformed fingerprint is an input error, not a verdict.
    let out = tally(
        None,
        &["verify", zip.to_str().unwrap(), "--key", "SHA256:nonsense"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a key fingerprint"));

    // VERIFY.txt says the same to someone without Tally.
    let (_h, bag) = f.unzipped();
    let text = std::fs::read_to_string(bag.join("VERIFY.txt")).unwrap();
    assert!(
        text.contains("NOTHING IN THIS PACK CAN PROVE WHOSE KEY THAT IS"),
        "{text}"
    );
    assert!(
        text.contains("tally verify PACK.zip --key SHA256:"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------
// Every path covered

#[test]
fn unsigned_file_in_pack_is_named() {
    // A file whose name looks like a tag manifest is still a file no signature covers,
    // whether it sits in the zip or in the unzipped folder.
    let f = Fixture::new();
    let (zip, _) = f.export("full.zip", &ExportOptions::default());
    let mut forge = Forge::from_pack(&zip).unwrap();
    let root = forge.root();
    for name in [
        "tagmanifest-READ-ME-FIRST.html",
        "tagmanifest-md5.txt",
        "NOTES.txt",
    ] {
        let mut planted = forge.clone();
        planted.members.push(Forged::file(
            &format!("{root}{name}"),
            b"<p>Trust me: call 0800 000 000",
        ));
        let pack = forged(f.dir.path(), "planted.zip", &planted);
        assert_fails_naming(&pack, &format!("{name}: not in the tag manifest"));
    }
    forge
        .members
        .push(Forged::file(&format!("{root}data/READ-ME.html"), b"<p>x"));
    let pack = forged(f.dir.path(), "planted-data.zip", &forge);
    assert_fails_naming(&pack, "data/READ-ME.html: not in the manifest");

    let (_h, bag) = f.unzipped();
    std::fs::write(
        bag.join("tagmanifest-READ-ME-FIRST.html"),
        b"<p>false instructions",
    )
    .unwrap();
    assert_fails_naming(
        &bag,
        "tagmanifest-READ-ME-FIRST.html: not in the tag manifest",
    );
}

#[test]
fn unlisted_empty_folder_in_pack_is_named() {
    let f = Fixture::new();
    let (zip, _) = f.export("full.zip", &ExportOptions::default());
    let mut forge = Forge::from_pack(&zip).unwrap();
    let root = forge.root();
    forge
        .members
        .push(Forged::dir(&format!("{root}data/extra/")));
    forge.members.push(Forged::dir(&format!("{root}evidence/")));
    let pack = forged(f.dir.path(), "folders.zip", &forge);
    assert_fails_naming(
        &pack,
        "data/extra/: a folder that holds nothing a manifest lists",
    );
    assert_fails_naming(
        &pack,
        "evidence/: a folder that holds nothing a manifest lists",
    );

    let (_h, bag) = f.unzipped();
    std::fs::create_dir(bag.join("data/extra")).unwrap();
    assert_fails_naming(
        &bag,
        "data/extra/: a folder that holds nothing a manifest lists",
    );
}

#[test]
fn changed_bytes_in_the_zip_are_named_without_unpacking() {
    // The zip form, read in place: an altered attachment (its CRC made right again) and an
    // altered entry are named just as in the unzipped folder.
    let f = Fixture::new();
    let (zip, _) = f.export("full.zip", &ExportOptions::default());
    let mut forge = Forge::from_pack(&zip).unwrap();
    let att = text_attachment(&mut forge);
    att.data[0] ^= 1;
    let att_name = String::from_utf8(att.name.clone()).unwrap();
    let rel = att_name.split_once('/').unwrap().1.to_owned();
    let pack = forged(f.dir.path(), "altered.zip", &forge);
    assert_fails_naming(
        &pack,
        &format!("{rel}: its SHA-256 does not match the manifest"),
    );

    let mut forge = Forge::from_pack(&zip).unwrap();
    let entry = forge.member("entries/3.json").unwrap();
    let at = entry.data.len() / 2;
    entry.data[at] = if entry.data[at] == b'0' { b'1' } else { b'0' };
    let pack = forged(f.dir.path(), "altered-entry.zip", &forge);
    assert_fails_naming(
        &pack,
        "data/entries/3.json: its SHA-256 does not match the manifest",
    );
}

#[test]
fn an_attachment_member_of_another_size_than_its_entry_records_is_never_inflated() {
    let f = Fixture::new();
    let (zip, _) = f.export("full.zip", &ExportOptions::default());
    let mut forge = Forge::from_pack(&zip).unwrap();
    let att = text_attachment(&mut forge);
    att.data = vec![b'x'; 5000];
    let pack = forged(f.dir.path(), "resized.zip", &forge);
    assert_fails_naming(&pack, "holds 5000 bytes, but entry");
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
        choices: DisclosureChoices {
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
fn people_named_and_versions_travel_and_withheld_text_appears_nowhere() {
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
        choices: DisclosureChoices {
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
    for seq in [ben, named, amended, amendment] {
        assert!(
            entries.contains(&format!("{seq}.json")),
            "entry {seq} should travel with the disclosed ones; got {entries:?}"
        );
    }
    // The bail order binds Ben, but it was not chosen: it stays behind.
    assert!(!entries.contains(&format!("{order}.json")), "{entries:?}");
    assert_eq!(entries.len(), 4, "{entries:?}");
    assert_eq!((s.disclosed, s.withheld), (4, 4));
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
