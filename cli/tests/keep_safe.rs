//! Safe to keep, safe to lose, from the command line: backup and restore, a rolled-back
//! copy noticed by `check`, the duress passphrase, wrong passphrases slowing down, and a
//! passphrase change that re-keys. Each test has its own device state folder.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

const PASS: &str = "correct horse battery staple";
const DURESS: &str = "tea at four on sunday";

/// A device: its own state folder, and the passphrase it types.
struct Device {
    state: tempfile::TempDir,
}

impl Device {
    fn new() -> Device {
        Device {
            state: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, diary: &Path, pass: &str, args: &[&str], extra: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tally"));
        cmd.args(args)
            .env("TALLY_DIARY", diary)
            .env("TALLY_PASSPHRASE", pass)
            .env("XDG_STATE_HOME", self.state.path())
            .env_remove("TALLY_NEW_PASSPHRASE")
            .env_remove("TALLY_DURESS_PASSPHRASE");
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn ok(&self, diary: &Path, pass: &str, args: &[&str]) -> String {
        self.ok_with(diary, pass, args, &[])
    }

    fn ok_with(&self, diary: &Path, pass: &str, args: &[&str], extra: &[(&str, &str)]) -> String {
        let out = self.run(diary, pass, args, extra);
        assert!(
            out.status.success(),
            "tally {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn fails(&self, diary: &Path, pass: &str, args: &[&str]) -> (String, String) {
        let out = self.run(diary, pass, args, &[]);
        assert!(!out.status.success(), "tally {args:?} should have failed");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!err.contains("panicked"), "{err}");
        (String::from_utf8(out.stdout).unwrap(), err)
    }
}

fn add(device: &Device, diary: &Path, pass: &str, summary: &str) -> String {
    device
        .ok(
            diary,
            pass,
            &[
                "add",
                "incident",
                "--category",
                "visit-home",
                "--at",
                "2024-03-12T17:40:00+00:00",
                "--summary",
                summary,
            ],
        )
        .trim()
        .to_owned()
}

fn fingerprint(out: &str) -> String {
    out.lines()
        .find_map(|l| l.split_once("SHA256:").map(|(_, f)| f.trim().to_owned()))
        .unwrap()
}

#[test]
fn the_new_commands_have_help() {
    let device = Device::new();
    for cmd in [
        vec!["backup", "--help"],
        vec!["restore", "--help"],
        vec!["duress", "--help"],
        vec!["duress", "set", "--help"],
        vec!["duress", "remove", "--help"],
    ] {
        assert!(
            device
                .ok(Path::new("/nonexistent"), PASS, &cmd)
                .contains("Usage:")
        );
    }
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let phone = Device::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    let fp = fingerprint(&phone.ok(&d, PASS, &["init"]));
    add(&phone, &d, PASS, "Waiting by my car");
    let backup = dir.path().join("backup.tally");
    let out = phone.ok(&d, PASS, &["backup", "--out", backup.to_str().unwrap()]);
    assert!(
        out.contains(&format!("Backup written to {}", backup.display())),
        "{out}"
    );
    assert!(out.contains("tally-checkpoint-v1"), "{out}");
    let checkpoint: String = out
        .lines()
        .skip_while(|l| !l.starts_with("tally-checkpoint-v1"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("checkpoint.txt"), &checkpoint).unwrap();
    // A new phone: another path, another state folder.
    let new_phone = Device::new();
    let other = tempfile::tempdir().unwrap();
    let restored = other.path().join("restored.tally");
    let out = new_phone.ok(&restored, PASS, &["restore", backup.to_str().unwrap()]);
    assert!(out.contains("Restored to"), "{out}");
    assert_eq!(fingerprint(&out), fp);
    assert!(
        new_phone
            .ok(&restored, PASS, &["list"])
            .contains("Waiting by my car")
    );
    assert!(new_phone.ok(&restored, PASS, &["check"]).contains("OK"));
    assert_eq!(add(&new_phone, &restored, PASS, "Outside work again"), "2");
    // A pack from the restored diary extends the checkpoint taken before the loss.
    let pack = other.path().join("pack.zip");
    new_phone.ok(
        &restored,
        PASS,
        &["export", "--out", pack.to_str().unwrap()],
    );
    let verified = new_phone.ok(
        &restored,
        PASS,
        &[
            "verify",
            pack.to_str().unwrap(),
            "--checkpoint",
            dir.path().join("checkpoint.txt").to_str().unwrap(),
        ],
    );
    assert!(verified.contains("VERIFIED"), "{verified}");
}

#[test]
fn rollback_is_noticed_by_check_on_the_same_device() {
    let device = Device::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    device.ok(&d, PASS, &["init"]);
    add(&device, &d, PASS, "first");
    let older = dir.path().join("older.tally");
    std::fs::copy(&d, &older).unwrap();
    add(&device, &d, PASS, "second");
    add(&device, &d, PASS, "third");
    std::fs::copy(&older, &d).unwrap();
    let (out, err) = device.fails(&d, PASS, &["check"]);
    assert!(out.contains("2 entries are missing"), "{out}");
    assert!(err.contains("failed its check"), "{err}");
    let (_, err) = device.fails(
        &d,
        PASS,
        &["add", "person", "--name", "X", "--relationship", "other"],
    );
    assert!(
        err.contains("older than the one this device last saw"),
        "{err}"
    );
    // The device's record holds no diary content.
    let records: Vec<_> = std::fs::read_dir(device.state.path().join("tally"))
        .unwrap()
        .collect();
    assert_eq!(records.len(), 1);
    let text = std::fs::read_to_string(records[0].as_ref().unwrap().path()).unwrap();
    assert!(
        !text.contains("second") && !text.contains("third"),
        "{text}"
    );
    assert!(text.contains("\"size\":3"), "{text}");
    // Another device, which never saw the later entries, finds nothing wrong.
    let other = Device::new();
    assert!(other.ok(&d, PASS, &["check"]).contains("OK"));
}

#[test]
fn restore_refuses_to_lose_entries_unless_keeping_both() {
    let device = Device::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    device.ok(&d, PASS, &["init"]);
    add(&device, &d, PASS, "first");
    let backup = dir.path().join("backup.tally");
    device.ok(&d, PASS, &["backup", "--out", backup.to_str().unwrap()]);
    add(&device, &d, PASS, "second");
    let before = std::fs::read(&d).unwrap();
    let (_, err) = device.fails(&d, PASS, &["restore", backup.to_str().unwrap()]);
    assert!(err.contains("would lose 1 entries"), "{err}");
    assert_eq!(std::fs::read(&d).unwrap(), before);
    let out = device.ok(
        &d,
        PASS,
        &["restore", backup.to_str().unwrap(), "--keep-both"],
    );
    assert!(out.contains("was kept as it was"), "{out}");
    assert!(dir.path().join("d-restored.tally").exists());
    assert!(device.ok(&d, PASS, &["list"]).contains("second"));
}

#[test]
fn duress_from_the_command_line() {
    let device = Device::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    let real_fp = fingerprint(&device.ok(&d, PASS, &["init"]));
    add(&device, &d, PASS, "CANARY real entry");
    let out = device.ok_with(
        &d,
        PASS,
        &["duress", "set"],
        &[("TALLY_DURESS_PASSPHRASE", DURESS)],
    );
    assert!(out.contains("Duress passphrase set"), "{out}");
    // Under the duress passphrase: a diary of its own.
    let mut seen = String::new();
    seen += &device.ok(&d, DURESS, &["list"]);
    assert_eq!(add(&device, &d, DURESS, "picked up milk"), "1");
    seen += &device.ok(&d, DURESS, &["list", "--json"]);
    seen += &device.ok(&d, DURESS, &["check"]);
    seen += &device.ok(&d, DURESS, &["checkpoint"]);
    seen += &device.ok(&d, DURESS, &["summary"]);
    let (out, err) = device.fails(&d, DURESS, &["show", "2"]);
    seen += &out;
    seen += &err;
    let pack = dir.path().join("decoy.zip");
    seen += &device.ok(&d, DURESS, &["export", "--out", pack.to_str().unwrap()]);
    seen += &device.ok(&d, DURESS, &["verify", pack.to_str().unwrap()]);
    let (_, err) = device.fails(&d, DURESS, &["duress", "remove"]);
    seen += &err;
    assert!(seen.contains("picked up milk"));
    assert!(
        !seen.contains("CANARY"),
        "the real diary showed under duress:\n{seen}"
    );
    assert!(
        !seen.contains(&real_fp),
        "the real fingerprint showed under duress"
    );
    // Under the real passphrase: the real diary, whole, and nothing of the decoy.
    let real = device.ok(&d, PASS, &["list"]);
    assert!(
        real.contains("CANARY real entry") && !real.contains("picked up milk"),
        "{real}"
    );
    assert!(device.ok(&d, PASS, &["check"]).contains("OK"));
    device.ok(&d, PASS, &["duress", "remove"]);
    let (_, err) = device.fails(&d, DURESS, &["list"]);
    assert!(err.contains("wrong passphrase"), "{err}");
}

#[test]
fn wrong_passphrases_slow_down_and_never_wipe() {
    let device = Device::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    device.ok(&d, PASS, &["init"]);
    add(&device, &d, PASS, "kept safe");
    for _ in 0..4 {
        let (_, err) = device.fails(&d, "not the passphrase", &["list"]);
        assert!(err.contains("wrong passphrase"), "{err}");
    }
    let before = std::fs::read(&d).unwrap();
    // Now even the right passphrase waits, and is not tried.
    let (_, err) = device.fails(&d, PASS, &["list"]);
    assert!(err.contains("Too many attempts. Try again in"), "{err}");
    assert_eq!(std::fs::read(&d).unwrap(), before);
    // The wait is kept across runs; once it has passed, the right passphrase opens the
    // diary, whole, and the count starts again.
    let attempts = std::fs::read_dir(device.state.path().join("tally"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".attempts"))
        .unwrap();
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&attempts).unwrap()).unwrap();
    assert_eq!(record["failures"], 4);
    assert!(record["retry_after"].as_u64().unwrap() > 0);
    std::fs::write(&attempts, r#"{"failures":4,"retry_after":0}"#).unwrap();
    assert!(device.ok(&d, PASS, &["list"]).contains("kept safe"));
    assert!(!attempts.exists());
}

#[test]
fn passwd_re_keys_from_the_command_line() {
    let device = Device::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    let fp = fingerprint(&device.ok(&d, PASS, &["init"]));
    add(&device, &d, PASS, "before the change");
    let out = device.ok_with(
        &d,
        PASS,
        &["passwd"],
        &[("TALLY_NEW_PASSPHRASE", "another long passphrase")],
    );
    assert!(out.contains("sealed under a new key"), "{out}");
    let (_, err) = device.fails(&d, PASS, &["list"]);
    assert!(err.contains("wrong passphrase"), "{err}");
    let out = device.ok(&d, "another long passphrase", &["check"]);
    assert!(out.contains("OK") && out.contains(&fp), "{out}");
}
