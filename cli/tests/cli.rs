//! The `tally` command as a user meets it: every command has help, every `add` prints the
//! new entry's number, errors are one clear line on stderr with a non-zero exit.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

const PASS: &str = "correct horse battery staple";

/// The CLI for `diary`, with this device's state (remembered heads, failed attempts) kept
/// beside it, so the tests never touch the state of whoever runs them.
fn tally_for(diary: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tally"));
    let state = diary
        .parent()
        .unwrap_or(Path::new("."))
        .join("device-state");
    cmd.env("TALLY_DIARY", diary).env("XDG_STATE_HOME", state);
    cmd
}

fn tally(diary: &Path, args: &[&str]) -> Output {
    tally_for(diary)
        .args(args)
        .env("TALLY_PASSPHRASE", PASS)
        .env_remove("TALLY_NEW_PASSPHRASE")
        .output()
        .unwrap()
}

fn ok(diary: &Path, args: &[&str]) -> String {
    let out = tally(diary, args);
    assert!(
        out.status.success(),
        "tally {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(diary: &Path, args: &[&str]) -> String {
    let out = tally(diary, args);
    assert!(!out.status.success(), "tally {args:?} should have failed");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn every_command_has_help() {
    let d = Path::new("/nonexistent");
    for cmd in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["add", "--help"],
        vec!["add", "person", "--help"],
        vec!["add", "incident", "--help"],
        vec!["add", "order", "--help"],
        vec!["add", "police-contact", "--help"],
        vec!["list", "--help"],
        vec!["show", "--help"],
        vec!["amend", "--help"],
        vec!["erase", "--help"],
        vec!["history", "--help"],
        vec!["check", "--help"],
        vec!["checkpoint", "--help"],
        vec!["passwd", "--help"],
        vec!["export", "--help"],
        vec!["verify", "--help"],
        vec!["summary", "--help"],
        vec!["demo", "--help"],
        vec!["import", "--help"],
        vec!["import", "telegram", "--help"],
        vec!["import", "inspect", "--help"],
    ] {
        let out = ok(d, &cmd);
        assert!(out.contains("Usage:"), "{cmd:?}");
    }
}

#[test]
fn a_diary_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    assert!(ok(&d, &["init"]).contains("SHA256:"));
    assert_eq!(
        ok(
            &d,
            &[
                "add",
                "person",
                "--name",
                "Ben Carter",
                "--relationship",
                "ex-partner"
            ]
        ),
        "1\n"
    );
    assert_eq!(
        ok(
            &d,
            &[
                "add",
                "incident",
                "--category",
                "visit-work",
                "--at",
                "2024-03-12T17:40:00+00:00",
                "--summary",
                "Waiting by my car",
                "--person",
                "Ben",
                "--fear",
                "7",
                "--witness",
                "Aisha Khan, via reception",
                "--place",
                "Work car park",
            ]
        ),
        "2\n"
    );
    assert_eq!(
        ok(
            &d,
            &[
                "add",
                "order",
                "--type",
                "bail",
                "--person",
                "Ben Carter",
                "--from",
                "2024-03-03",
                "--until",
                "2024-04-03",
                "--condition",
                "no-contact",
                "--condition",
                "stay-away:Work car park",
                "--reference",
                "B/1",
            ]
        ),
        "3\n"
    );
    assert_eq!(
        ok(
            &d,
            &[
                "add",
                "police-contact",
                "--at",
                "2024-03-13T09:00:00+00:00",
                "--reference",
                "WS-1",
                "--reported",
                "2",
                "--advice",
                "block him",
            ]
        ),
        "4\n"
    );
    // show --json prints the entry exactly as sealed: its leaf hash is in the checkpoint's tree.
    let sealed = ok(&d, &["show", "2", "--json"]);
    let entry: serde_json::Value = serde_json::from_str(&sealed).unwrap();
    assert_eq!(entry["seq"], 2);
    assert_eq!(entry["kind"], "incident");
    assert_eq!(entry["body"]["summary"], "Waiting by my car");
    assert_eq!(
        ok(
            &d,
            &[
                "amend",
                "2",
                "--summary",
                "Waiting by my car, then followed me",
                "--reason",
                "remembered"
            ]
        ),
        "5\n"
    );
    let list: serde_json::Value = serde_json::from_str(&ok(&d, &["list", "--json"])).unwrap();
    let incident = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["seq"] == 2)
        .unwrap();
    assert_eq!(incident["status"], "amended");
    assert_eq!(
        incident["body"]["summary"],
        "Waiting by my car, then followed me"
    );
    assert_eq!(
        ok(&d, &["show", "2", "--json"]),
        sealed,
        "the original stays as sealed"
    );
    assert!(ok(&d, &["history", "2"]).contains("entry 5"));
    let summary: serde_json::Value = serde_json::from_str(&ok(&d, &["summary", "--json"])).unwrap();
    assert_eq!(summary["incidents_total"], 1);
    assert_eq!(summary["order_breaches"].as_array().unwrap().len(), 1);
    assert_eq!(summary["police_contacts"][0]["reference"], "WS-1");
    assert!(ok(&d, &["check"]).contains("OK"));
    assert!(ok(&d, &["checkpoint"]).starts_with("tally-checkpoint-v1\n"));
    assert_eq!(ok(&d, &["erase", "4"]), "6\n");
    assert!(ok(&d, &["list"]).contains("(Removed on "));
    let pack = dir.path().join("pack.zip");
    ok(&d, &["export", "--out", pack.to_str().unwrap()]);
    assert!(ok(&d, &["verify", pack.to_str().unwrap()]).starts_with("VERIFIED"));
}

#[test]
fn errors_are_one_clear_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    let err = fails(&d, &["list"]);
    assert!(err.contains("no diary at"), "{err}");
    ok(&d, &["init"]);
    let err = fails(&d, &["init"]);
    assert!(err.contains("already exists"), "{err}");
    ok(&d, &["add", "person", "--name", "Ben"]);
    let before = std::fs::read(&d).unwrap();
    let out = tally_for(&d)
        .args(["add", "person", "--name", "Ann"])
        .env("TALLY_PASSPHRASE", "not the passphrase")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("wrong passphrase"), "{err}");
    assert_eq!(std::fs::read(&d).unwrap(), before);
    for (args, needle) in [
        (
            vec![
                "add",
                "incident",
                "--category",
                "call",
                "--at",
                "2024-03-12T21:06:00Z",
                "--summary",
                " ",
            ],
            "What happened is needed.",
        ),
        (
            vec![
                "add",
                "incident",
                "--category",
                "call",
                "--at",
                "yesterday",
                "--summary",
                "x",
            ],
            "is not a time",
        ),
        (
            vec![
                "add",
                "incident",
                "--category",
                "call",
                "--at",
                "2024-03-12T21:06:00Z",
                "--until",
                "2024-03-12T20:00:00Z",
                "--summary",
                "x",
            ],
            "End time is before the start.",
        ),
        (
            vec![
                "add",
                "incident",
                "--category",
                "call",
                "--at",
                "2024-03-12T21:06:00Z",
                "--summary",
                "x",
                "--person",
                "Nobody",
            ],
            "no person of that name",
        ),
        (
            vec![
                "add",
                "incident",
                "--category",
                "call",
                "--at",
                "2024-03-12T21:06:00Z",
                "--summary",
                "x",
                "--fear",
                "11",
            ],
            "11",
        ),
        (
            vec![
                "add",
                "incident",
                "--category",
                "bogus",
                "--at",
                "2024-03-12T21:06:00Z",
                "--summary",
                "x",
            ],
            "one of:",
        ),
        (
            vec![
                "add",
                "incident",
                "--category",
                "call",
                "--at",
                "2024-03-12T21:06:00Z",
                "--summary",
                "x",
                "--attach",
                "/no/such/file",
            ],
            "/no/such/file",
        ),
        (vec!["show", "99"], "there is no entry 99"),
        (
            vec!["amend", "1", "--summary", "x"],
            "the entry is a person",
        ),
    ] {
        let err = fails(&d, &args);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert_eq!(
        ok(&d, &["list", "--json"]).matches("\"seq\"").count(),
        1,
        "a refused entry was written"
    );
}

#[test]
fn passwd_changes_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    ok(&d, &["init"]);
    let out = tally_for(&d)
        .arg("passwd")
        .env("TALLY_PASSPHRASE", PASS)
        .env("TALLY_NEW_PASSPHRASE", "another long passphrase")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(fails(&d, &["list"]).contains("wrong passphrase"));
}

fn fixture(name: &str) -> String {
    format!("{}/../tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn imports_print_the_entry_number_then_a_summary_and_refusals_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    ok(&d, &["init"]);
    let out = ok(
        &d,
        &[
            "import",
            "whatsapp",
            &fixture("android-24h-dmy.txt"),
            "--tz",
            "Europe/London",
        ],
    );
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("1"));
    assert!(lines.next().unwrap().contains("messages"), "{out}");
    let shown: serde_json::Value = serde_json::from_str(&ok(&d, &["show", "1", "--json"])).unwrap();
    assert_eq!(shown["kind"], "message-log");
    assert_eq!(shown["body"]["source"], "whatsapp");
    let out = ok(&d, &["import", "sms", &fixture("sms-backup.xml")]);
    assert_eq!(out.lines().next(), Some("2"));
    ok(&d, &["check"]);
    let before = ok(&d, &["list", "--json"]);
    for (args, needle) in [
        (
            vec!["import", "whatsapp", &fixture("ambiguous.txt") as &str],
            "date-order",
        ),
        (vec!["import", "whatsapp", &fixture("garbage.bin")], ""),
        (vec!["import", "whatsapp", &fixture("empty.bin")], ""),
        (vec!["import", "sms", &fixture("billion-laughs.xml")], ""),
        (
            vec![
                "add",
                "incident",
                "--category",
                "message",
                "--at",
                "2024-03-12T21:06:00Z",
                "--summary",
                "x",
                "--attach",
                &fixture("truncated.png"),
            ],
            "truncated",
        ),
        (
            vec![
                "add",
                "incident",
                "--category",
                "message",
                "--at",
                "2024-03-12T21:06:00Z",
                "--summary",
                "x",
                "--attach",
                &fixture("ihdr-30000x30000.png"),
            ],
            "",
        ),
    ] {
        let err = fails(&d, &args);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert_eq!(
        ok(&d, &["list", "--json"]),
        before,
        "a refused import wrote something"
    );
}

#[test]
fn chat_exports_from_telegram_instagram_and_messenger_import_by_their_sender() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    ok(&d, &["init"]);
    for (i, (kind, file, sender)) in [
        ("telegram", "telegram-chat.json", "Sam Stalker"),
        ("instagram", "instagram-inbox.json", "Zoë Stalker"),
        ("messenger", "messenger-inbox.json", "Sam Stalker"),
    ]
    .into_iter()
    .enumerate()
    {
        let out = ok(
            &d,
            &[
                "import",
                kind,
                &fixture(file),
                "--sender",
                sender,
                "--tz",
                "UTC",
            ],
        );
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some((i + 1).to_string().as_str()), "{out}");
        assert!(lines.next().unwrap().contains("messages"), "{out}");
        let shown: serde_json::Value =
            serde_json::from_str(&ok(&d, &["show", &(i + 1).to_string(), "--json"])).unwrap();
        assert_eq!(shown["body"]["source"], kind);
        assert_eq!(shown["body"]["chosen_senders"], serde_json::json!([sender]));
    }
    let before = ok(&d, &["list", "--json"]);
    let err = fails(&d, &["import", "telegram", &fixture("telegram-data.json")]);
    assert!(err.contains("--chat NAME"), "{err}");
    let err = fails(
        &d,
        &[
            "import",
            "instagram",
            &fixture("instagram-inbox.json"),
            "--sender",
            "Jordan",
        ],
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("Jordan"), "{err}");
    let out = ok(
        &d,
        &[
            "import",
            "telegram",
            &fixture("telegram-data.json"),
            "--chat",
            "Mum",
        ],
    );
    assert_eq!(out.lines().next(), Some("4"));
    assert_ne!(ok(&d, &["list", "--json"]), before);
}

#[test]
fn inspecting_an_export_says_what_it_holds_and_needs_no_diary() {
    let nowhere = Path::new("/nonexistent/d.tally");
    let out = ok(nowhere, &["import", "inspect", &fixture("ambiguous.txt")]);
    assert!(out.starts_with("WhatsApp chat export\n"), "{out}");
    assert!(out.contains("layout: Android"), "{out}");
    assert!(out.contains("--date-order dmy or mdy"), "{out}");
    let out = ok(
        nowhere,
        &["import", "inspect", &fixture("android-24h-dmy.txt")],
    );
    assert!(out.contains("senders:\n  Sam Stalker ("), "{out}");
    assert!(out.contains("date order: day/month/year"), "{out}");
    let out = ok(
        nowhere,
        &["import", "inspect", &fixture("telegram-data.json")],
    );
    assert!(
        out.contains("2 chats; choose one with --chat NAME:"),
        "{out}"
    );
    assert!(out.contains("  Sam Stalker ("), "{out}");
    let out = ok(
        nowhere,
        &["import", "inspect", &fixture("instagram-inbox.json")],
    );
    assert!(
        out.starts_with("Instagram messages or Messenger messages\n"),
        "{out}"
    );
    assert!(out.contains("Zoë Stalker (4)"), "{out}");
    let err = fails(nowhere, &["import", "inspect", &fixture("garbage.bin")]);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!nowhere.exists());
}

/// tests/data/view/words.properties: the shared case and the words every front end gives.
fn words() -> std::collections::HashMap<String, String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/view/words.properties"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn the_shared_case_prints_the_same_headline_sentence_and_field_error() {
    let w = words();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    ok(&d, &["init"]);
    ok(
        &d,
        &[
            "add",
            "person",
            "--name",
            &w["person.name"],
            "--relationship",
            "ex-partner",
        ],
    );
    let incident = |summary: &str| {
        vec![
            "add".to_owned(),
            "incident".into(),
            "--date".into(),
            w["incident.date"].clone(),
            "--time".into(),
            w["incident.time"].clone(),
            "--tz".into(),
            w["incident.time_zone"].clone(),
            "--category".into(),
            w["incident.category"].clone(),
            "--person".into(),
            w["person.name"].clone(),
            "--summary".into(),
            summary.to_owned(),
        ]
    };
    let empty = incident("");
    let err = fails(&d, &empty.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains(&w["field_error.summary"]), "{err}");
    let full = incident(&w["incident.summary"]);
    assert_eq!(
        ok(&d, &full.iter().map(String::as_str).collect::<Vec<_>>()),
        "2\n"
    );
    let list = ok(&d, &["list"]);
    assert!(list.contains(&w["headline"]), "{list}");
    assert!(list.contains(&w["person.headline"]), "{list}");
    let shown: serde_json::Value = serde_json::from_str(&ok(&d, &["show", "2", "--json"])).unwrap();
    let sealed =
        chrono::DateTime::parse_from_rfc3339(shown["body"]["occurred"]["start"].as_str().unwrap());
    let expected = chrono::DateTime::parse_from_rfc3339(&w["incident.at"]);
    assert_eq!(
        sealed.map(|t| (t, *t.offset())),
        expected.map(|t| (t, *t.offset()))
    );
    let summary = ok(&d, &["summary"]);
    assert!(summary.contains(&w["sentence"]), "{summary}");
}

#[test]
fn a_photo_attached_from_the_command_line_is_the_same_evidence() {
    let w = words();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    ok(&d, &["init"]);
    let photo = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/view/phone-photo.jpg"
    );
    ok(
        &d,
        &[
            "add",
            "incident",
            "--at",
            "2024-03-12T21:06:00+00:00",
            "--category",
            "visit-home",
            "--summary",
            "x",
            "--attach",
            photo,
        ],
    );
    let shown: serde_json::Value = serde_json::from_str(&ok(&d, &["show", "1", "--json"])).unwrap();
    let a = &shown["body"]["attachments"][0];
    assert_eq!(a["sha256"], w["photo.sha256"]);
    assert_eq!(a["size"].to_string(), w["photo.size"]);
    assert_eq!(a["media_type"], w["photo.media_type"]);
    assert_eq!(a["dimensions"][0].to_string(), w["photo.width"]);
    assert_eq!(a["dimensions"][1].to_string(), w["photo.height"]);
    assert_eq!(a["captured_at"], w["photo.captured_at"]);
    assert_eq!(a["camera"], w["photo.camera"]);
    let lat: f64 = w["photo.lat"].parse().unwrap();
    assert!((a["gps"]["lat"].as_f64().unwrap() - lat).abs() < 1e-6);
}

#[test]
fn a_sender_named_with_escape_sequences_is_printed_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    ok(&d, &["init"]);
    let chat = dir.path().join("chat.txt");
    std::fs::write(
        &chat,
        "12/03/2024, 21:06 - Sam\u{1b}]0;pwned\u{7}\u{1b}[2J: hello\r\n13/03/2024, 07:15 - Sam: again\u{9b}31m\n",
    )
    .unwrap();
    let out = ok(
        &d,
        &[
            "import",
            "whatsapp",
            chat.to_str().unwrap(),
            "--tz",
            "Europe/London",
        ],
    );
    let shown = ok(&d, &["show", "1"]);
    let list = ok(&d, &["list", "--json"]);
    for printed in [&out, &shown, &list] {
        assert!(
            !printed.contains('\u{1b}'),
            "an escape reached the terminal: {printed:?}"
        );
        assert!(
            !printed.contains('\u{9b}'),
            "a C1 control reached the terminal: {printed:?}"
        );
        assert!(
            !printed.contains('\u{7}'),
            "a bell reached the terminal: {printed:?}"
        );
    }
    assert!(out.contains("\\u001b"), "{out}");
    let parsed: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(parsed[0]["kind"], "message-log");
}

#[test]
fn people_orders_and_police_contacts_obey_the_same_form_rules_as_the_apps() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.tally");
    ok(&d, &["init"]);
    let before = ok(&d, &["list", "--json"]);
    for (args, says) in [
        (
            &["add", "person", "--relationship", "stranger"][..],
            "Name is needed",
        ),
        (
            &["add", "order", "--from", "2024-03-01"][..],
            "Type of order is needed",
        ),
        (
            &["add", "police-contact", "--at", "2099-01-01T10:00:00+00:00"][..],
            "in the future",
        ),
    ] {
        let err = fails(&d, args);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(err.contains("Nothing was recorded"), "{err}");
    }
    assert_eq!(ok(&d, &["list", "--json"]), before, "nothing was recorded");
    assert_eq!(ok(&d, &["add", "person", "--name", "Ben"]).trim(), "1");
    let out = ok(
        &d,
        &[
            "add",
            "order",
            "--type",
            "bail",
            "--person",
            "Ben",
            "--from",
            "2024-03-01",
            "--condition",
            "no contact",
        ],
    );
    assert_eq!(out.trim(), "2");
}
