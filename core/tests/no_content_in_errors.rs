//! No diary content ever reaches an error message, a check problem or a log line.
//!
//! Error messages end up in crash reports, screenshots sent for help and terminal
//! scrollback; the diary's text must not. A diary is filled with entries of every kind
//! whose every free-text field holds a unique canary (`CANARY-<n>-zebra`), then every
//! error reachable from the public API is provoked — wrong keys, invalid entries,
//! tampered and forged rows, erased and missing content, bad checkpoints, damaged headers —
//! and the `Display` and `Debug` text of each is searched for the canaries. The core must
//! also never log: its source is searched for printing and logging macros.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::Cell;
use std::path::{Path, PathBuf};

use common::*;
use rusqlite::Connection;
use tally_core::crypto::keys::{self, DiaryKeys};
use tally_core::crypto::{aead, sshsig};
use tally_core::diary::{AttachOptions, CHUNK_SIZE, Diary, ListFilter};
use tally_core::log::{CHECKPOINT_MAGIC, HEAD_NAMESPACE, SignedHead, TreeHead};
use tally_core::model::*;
use tally_core::store::Store;
use zeroize::Zeroizing;

/// Hands out unique canaries and collects every text that must not contain one.
#[derive(Default)]
struct Canaries {
    next: Cell<u32>,
    /// (what was provoked, its text) for every error and problem examined.
    seen: std::cell::RefCell<Vec<(String, String)>>,
}

impl Canaries {
    fn new_one(&self) -> String {
        let n = self.next.get();
        self.next.set(n + 1);
        format!("CANARY-{n}-zebra")
    }

    /// Records an error's `Display` and `Debug` text.
    fn error<E: std::fmt::Display + std::fmt::Debug>(&self, what: &str, e: &E) {
        let mut seen = self.seen.borrow_mut();
        seen.push((format!("{what} (Display)"), e.to_string()));
        seen.push((format!("{what} (Debug)"), format!("{e:?}")));
    }

    /// Records the error of a result that must be an error.
    fn expect_err<T: std::fmt::Debug, E: std::fmt::Display + std::fmt::Debug>(
        &self,
        what: &str,
        r: Result<T, E>,
    ) {
        match r {
            Ok(v) => panic!("{what}: expected an error, got {v:?}"),
            Err(e) => self.error(what, &e),
        }
    }

    /// Records a text (a check problem, a damage note).
    fn text(&self, what: &str, text: String) {
        self.seen.borrow_mut().push((what.to_owned(), text));
    }

    /// Fails naming every text that leaked a canary, or any part of one.
    fn assert_none_leaked(&self, at_least: usize) {
        let seen = self.seen.borrow();
        let leaks: Vec<_> = seen
            .iter()
            .filter(|(_, t)| {
                let t = t.to_lowercase();
                t.contains("canary") || t.contains("zebra")
            })
            .collect();
        assert!(leaks.is_empty(), "diary content leaked: {leaks:#?}");
        assert!(
            seen.len() >= at_least,
            "only {} texts were examined; some provocation did not happen",
            seen.len()
        );
        println!(
            "{} error and problem texts examined, none leaked",
            seen.len()
        );
    }
}

/// The free text of an incident: every field a canary.
fn canary_incident(c: &Canaries) -> Incident {
    let mut inc = incident("2024-03-12T21:06:00Z", Category::VisitHome, &c.new_one());
    inc.details = Some(c.new_one());
    inc.place = Some(Place {
        text: c.new_one(),
        saved: Some(c.new_one()),
        coordinates: Some(Coordinates {
            lat: 53.8,
            lon: -1.55,
        }),
    });
    inc.impact = Impact {
        fear: Some(7),
        changes: vec![LifeChange::Other(c.new_one())],
        notes: Some(c.new_one()),
    };
    inc.witnesses.push(Witness {
        name: c.new_one(),
        contact: Some(c.new_one()),
    });
    inc
}

fn canary_person(c: &Canaries) -> Person {
    let mut p = person(&c.new_one());
    p.description = Some(c.new_one());
    p.vehicles.push(c.new_one());
    p.phones.push(c.new_one());
    p.accounts.push(c.new_one());
    p.previous_harassment = Some(c.new_one());
    p.previous_violence = Some(c.new_one());
    p
}

struct Filled {
    path: PathBuf,
    raw_key: Zeroizing<[u8; 32]>,
    person: u64,
    incident: u64,
    amended: u64,
    amendment: u64,
    erased: u64,
    attachment: AttachmentRef,
    message_log: u64,
}

/// A closed diary holding one entry of every kind, all of their text canaries.
fn filled(dir: &Path, c: &Canaries) -> Filled {
    let (path, mut diary) = new_diary(dir);
    let person = diary.add_person(canary_person(c)).unwrap();
    // Three chunks, the content itself a canary too, under a canary file name.
    let mut content = c.new_one().into_bytes();
    content.resize(2 * CHUNK_SIZE + 99, b'z');
    let attachment = diary
        .attach_bytes(
            &content,
            AttachOptions {
                file_name: Some(format!("{}.jpg", c.new_one())),
                media_type: None,
            },
        )
        .unwrap();
    let mut inc = canary_incident(c);
    inc.people.push(person);
    inc.attachments.push(attachment.clone());
    let incident = diary.add_incident(inc).unwrap();
    let amended = diary.add_incident(canary_incident(c)).unwrap();
    let amendment = diary
        .amend(
            amended,
            Body::Incident(canary_incident(c)),
            Some(c.new_one()),
        )
        .unwrap();
    let erased = diary.add_incident(canary_incident(c)).unwrap();
    diary.erase(erased, Some(c.new_one())).unwrap();
    diary
        .add_order(Order {
            order_type: OrderType::Bail,
            person,
            start: chrono::NaiveDate::from_ymd_opt(2024, 3, 3).unwrap(),
            end: None,
            conditions: vec![
                Condition::StayAway { place: c.new_one() },
                Condition::Other { text: c.new_one() },
            ],
            reference: Some(c.new_one()),
            issued_by: Some(c.new_one()),
        })
        .unwrap();
    let mut contact = PoliceContact::at(at("2024-03-13T09:00:00Z"));
    contact.force = Some(c.new_one());
    contact.reference = Some(c.new_one());
    contact.officer = Some(c.new_one());
    contact.advice = Some(c.new_one());
    contact.outcome = Some(c.new_one());
    contact.follow_up = Some(c.new_one());
    contact.reported.push(incident);
    diary.add_police_contact(contact).unwrap();
    let message_log = diary
        .add_message_log(MessageLog {
            source: MessageSource::Whatsapp,
            original: attachment.clone(),
            time_zone: Some("Europe/London".into()),
            people: vec![person],
            chosen_senders: vec![c.new_one()],
            messages: vec![LoggedMessage {
                at: at("2024-03-12T23:01:00Z"),
                sender: c.new_one(),
                text: c.new_one(),
                status: MessageStatus::Text,
                chosen: true,
                outgoing: false,
                media_name: Some(c.new_one()),
                media_sha256: None,
                media_type: None,
            }],
            calls: vec![CallRecord {
                at: at("2024-03-12T23:05:00Z"),
                number: c.new_one(),
                direction: c.new_one(),
                duration_seconds: 12,
                chosen: true,
            }],
            attachments: vec![],
            transcript: None,
        })
        .unwrap();
    assert!(diary.check().unwrap().is_ok());
    let raw_key = diary.raw_key();
    drop(diary);
    Filled {
        path,
        raw_key,
        person,
        incident,
        amended,
        amendment,
        erased,
        attachment,
        message_log,
    }
}

fn sql(path: &Path, statements: &str) {
    Connection::open(path)
        .unwrap()
        .execute_batch(statements)
        .unwrap();
}

/// A copy of the filled diary to damage.
fn copy(f: &Filled, dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(&f.path, &to).unwrap();
    to
}

/// The diary's subkeys, to forge rows that decrypt but hold hostile content.
fn diary_keys(f: &Filled) -> (DiaryKeys, Vec<u8>) {
    let store = Store::open(&f.path).unwrap();
    let header = store.header().unwrap();
    let keys = DiaryKeys::open(
        f.raw_key.clone(),
        &header.diary_id,
        &store.slots().unwrap()[0].sealed_signing_seed,
    )
    .unwrap();
    (keys, header.diary_id)
}

/// Unlocks a damaged copy and records everything it says: the damage note, every check
/// problem, and the errors of reading every entry, view and attachment.
fn examine(c: &Canaries, what: &str, path: &Path, f: &Filled) {
    let diary = match Diary::unlock(path, PASS) {
        Ok(d) => d,
        Err(e) => {
            c.error(&format!("{what}: unlock"), &e);
            return;
        }
    };
    if let Some(damage) = diary.damage() {
        c.text(&format!("{what}: damage"), damage.to_owned());
    }
    c.text(&format!("{what}: Diary Debug"), format!("{diary:?}"));
    match diary.check() {
        Ok(report) => {
            for p in &report.problems {
                c.text(&format!("{what}: problem"), p.to_string());
                c.text(&format!("{what}: problem Debug"), format!("{p:?}"));
            }
            c.text(&format!("{what}: report Debug"), format!("{report:?}"));
        }
        Err(e) => c.error(&format!("{what}: check"), &e),
    }
    for seq in 1..=diary.len() + 1 {
        if let Err(e) = diary.entry(seq) {
            c.error(&format!("{what}: entry {seq}"), &e);
        }
        if let Err(e) = diary.get(seq) {
            c.error(&format!("{what}: get {seq}"), &e);
        }
        if let Err(e) = diary.history(seq) {
            c.error(&format!("{what}: history {seq}"), &e);
        }
    }
    if let Err(e) = diary.list(&ListFilter::default()) {
        c.error(&format!("{what}: list"), &e);
    }
    if let Err(e) = diary.tree_heads() {
        c.error(&format!("{what}: tree heads"), &e);
    }
    if let Err(e) = diary.checkpoint() {
        c.error(&format!("{what}: checkpoint"), &e);
    }
    if let Err(e) = diary.read_attachment(&f.attachment.sha256, &mut std::io::sink()) {
        c.error(&format!("{what}: read attachment"), &e);
    }
    let mut diary = diary;
    if let Err(e) = diary.add_person(person("someone")) {
        c.error(&format!("{what}: append"), &e);
    }
}

#[test]
fn no_error_or_problem_ever_quotes_diary_text() {
    let c = Canaries::default();
    let dir = tempfile::tempdir().unwrap();
    let f = filled(dir.path(), &c);

    // Wrong keys.
    c.expect_err(
        "wrong passphrase",
        Diary::unlock(&f.path, "not the passphrase"),
    );
    c.expect_err("wrong raw key", Diary::unlock_with_key(&f.path, &[7u8; 32]));
    c.expect_err("short raw key", Diary::unlock_with_key(&f.path, &[7u8; 3]));

    // Invalid entries: refused before sealing, with canaries in every field.
    let mut diary = Diary::unlock(&f.path, PASS).unwrap();
    let mut long = canary_incident(&c);
    long.summary = c.new_one().repeat(MAX_SHORT_TEXT / 10);
    c.expect_err("too long summary", diary.add_incident(long));
    let mut long = canary_incident(&c);
    long.details = Some(c.new_one().repeat(MAX_LONG_TEXT / 10));
    c.expect_err("too long details", diary.add_incident(long));
    let mut blank = canary_incident(&c);
    blank.summary = " ".into();
    c.expect_err("empty summary", diary.add_incident(blank));
    let mut backwards = canary_incident(&c);
    backwards.occurred.end = Some(at("2024-03-01T00:00:00Z"));
    c.expect_err("end before start", diary.add_incident(backwards));
    let mut afraid = canary_incident(&c);
    afraid.impact.fear = Some(11);
    c.expect_err("fear out of range", diary.add_incident(afraid));
    let mut nowhere = canary_incident(&c);
    if let Some(place) = nowhere.place.as_mut() {
        place.coordinates = Some(Coordinates {
            lat: 91.0,
            lon: 0.0,
        });
    }
    c.expect_err("coordinates out of range", diary.add_incident(nowhere));
    let mut nameless = canary_incident(&c);
    nameless.witnesses[0].name = String::new();
    c.expect_err("nameless witness", diary.add_incident(nameless));
    let mut unknown = canary_incident(&c);
    unknown.people.push(9_999);
    c.expect_err("unknown person", diary.add_incident(unknown));
    let mut wrong = canary_incident(&c);
    wrong.people.push(f.incident);
    c.expect_err("person is an incident", diary.add_incident(wrong));
    let mut gone = canary_incident(&c);
    gone.people.push(f.erased);
    c.expect_err("person was erased", diary.add_incident(gone));
    let mut bad_hash = canary_incident(&c);
    let mut att = f.attachment.clone();
    att.sha256 = c.new_one();
    bad_hash.attachments.push(att.clone());
    c.expect_err("attachment hash is text", diary.add_incident(bad_hash));
    let mut long_name = canary_person(&c);
    long_name.name = c.new_one().repeat(MAX_SHORT_TEXT);
    c.expect_err("too long name", diary.add_person(long_name));
    c.expect_err(
        "order for a non-person",
        diary.add_order(Order {
            order_type: OrderType::Other,
            person: f.incident,
            start: chrono::NaiveDate::from_ymd_opt(2024, 3, 3).unwrap(),
            end: None,
            conditions: vec![Condition::Other { text: c.new_one() }],
            reference: Some(c.new_one()),
            issued_by: None,
        }),
    );
    let mut log = diary
        .get(f.message_log)
        .unwrap()
        .message_log()
        .unwrap()
        .clone();
    log.original = att;
    c.expect_err("message log hash is text", diary.add_message_log(log));
    c.expect_err(
        "amendment of another kind",
        diary.amend(
            f.incident,
            Body::Person(canary_person(&c)),
            Some(c.new_one()),
        ),
    );
    c.expect_err(
        "amendment of an amendment",
        diary.amend(
            f.amendment,
            Body::Incident(canary_incident(&c)),
            Some(c.new_one()),
        ),
    );
    c.expect_err(
        "too long reason",
        diary.amend(
            f.amended,
            Body::Incident(canary_incident(&c)),
            Some(c.new_one().repeat(MAX_LONG_TEXT)),
        ),
    );
    c.expect_err("erase nothing", diary.erase(9_999, Some(c.new_one())));
    c.expect_err(
        "erase an erased entry",
        diary.erase(f.erased, Some(c.new_one())),
    );
    c.expect_err("change with wrong passphrase", {
        diary.change_passphrase("not the passphrase", "new passphrase 2")
    });

    // Reads of what is not there.
    c.expect_err("erased entry", diary.entry(f.erased));
    c.expect_err("erased entry bytes", diary.entry_bytes(f.erased));
    c.expect_err("no such entry", diary.entry(9_999));
    c.expect_err("no such view", diary.get(9_999));
    c.expect_err("no such history", diary.history(9_999));
    let missing = hex::encode([0xabu8; 32]);
    c.expect_err(
        "missing attachment",
        diary.read_attachment(&missing, &mut std::io::sink()),
    );
    let checkpoint = diary.checkpoint().unwrap();
    let key = diary.public_key();
    assert_eq!(diary.len() as usize, 9, "a refused entry was written");
    drop(diary);

    // Bad checkpoints: garbage, a forged head line, a head signed by another key.
    c.expect_err(
        "checkpoint of text",
        SignedHead::from_checkpoint(&c.new_one(), Some(&key)),
    );
    let mut lines: Vec<String> = checkpoint.lines().map(str::to_owned).collect();
    lines[1] = format!("{{\"size\":3,\"root\":\"{}\"}}", c.new_one());
    c.expect_err(
        "checkpoint with a forged head",
        SignedHead::from_checkpoint(&(lines.join("\n") + "\n"), Some(&key)),
    );
    c.expect_err(
        "checkpoint with text for a signature",
        SignedHead::from_checkpoint(
            &format!("{CHECKPOINT_MAGIC}\n{}\n{}\n", lines[1], c.new_one()),
            Some(&key),
        ),
    );
    let other = ring::signature::Ed25519KeyPair::from_seed_unchecked(&[3u8; 32]).unwrap();
    let other_key = sshsig::SshPublicKey::from_key_pair(&other);
    c.expect_err(
        "checkpoint by another key",
        SignedHead::from_checkpoint(&checkpoint, Some(&other_key)),
    );

    // Tampered files, each a fresh copy.
    let flipped = copy(&f, dir.path(), "flipped");
    sql(
        &flipped,
        &format!(
            "UPDATE entries SET sealed = substr(sealed, 1, 20) || X'00' || substr(sealed, 22)
             WHERE seq = {}",
            f.incident
        ),
    );
    examine(&c, "flipped entry", &flipped, &f);

    let swapped = copy(&f, dir.path(), "swapped");
    sql(
        &swapped,
        &format!(
            "UPDATE entries SET seq = -1 WHERE seq = {a};
             UPDATE entries SET seq = {a} WHERE seq = {b};
             UPDATE entries SET seq = {b} WHERE seq = -1;",
            a = f.person,
            b = f.incident
        ),
    );
    examine(&c, "swapped entries", &swapped, &f);

    let deleted = copy(&f, dir.path(), "deleted");
    sql(
        &deleted,
        &format!(
            "DELETE FROM entries WHERE seq = {};
             UPDATE entries SET sealed = NULL WHERE seq = {};
             UPDATE entries SET leaf = zeroblob(32) WHERE seq = {};",
            f.amended, f.message_log, f.amendment
        ),
    );
    examine(&c, "deleted entries", &deleted, &f);

    let chunks = copy(&f, dir.path(), "chunks");
    sql(
        &chunks,
        "UPDATE blob_chunks SET sealed = substr(sealed, 1, 40) || X'FF' || substr(sealed, 42)
         WHERE idx = 1;
         UPDATE blobs SET sealed_meta = substr(sealed_meta, 1, 20) || X'00' || substr(sealed_meta, 22);",
    );
    examine(&c, "altered chunk and blob metadata", &chunks, &f);

    let truncated = copy(&f, dir.path(), "truncated");
    sql(&truncated, "DELETE FROM blob_chunks WHERE idx = 2");
    examine(&c, "truncated blob", &truncated, &f);

    let no_blob = copy(&f, dir.path(), "no_blob");
    sql(&no_blob, "DELETE FROM blob_chunks; DELETE FROM blobs;");
    examine(&c, "deleted blob", &no_blob, &f);

    let heads = copy(&f, dir.path(), "heads");
    sql(
        &heads,
        "UPDATE tree_heads SET sealed = (SELECT sealed FROM tree_heads WHERE size = 2)
         WHERE size = 4;
         DELETE FROM tree_heads WHERE size = 3;",
    );
    examine(&c, "replaced and deleted heads", &heads, &f);

    // Forged rows that decrypt: the core's own parsers meet hostile JSON full of canaries.
    let (keys, _) = diary_keys(&f);
    let forged = copy(&f, dir.path(), "forged");
    let conn = Connection::open(&forged).unwrap();
    let hostile_entries = [
        format!(
            r#"{{"v":1,"seq":{s},"kind":"{k}","recorded_at":"{k}","salt":"{k}","body":{{}}}}"#,
            s = f.incident,
            k = c.new_one()
        ),
        format!(
            r#"{{"v":1,"seq":{s},"kind":"incident","recorded_at":"2024-03-12T21:06:00Z","salt":"00","body":{{"summary":["{t}"],"{t}":"{t}"}}}}"#,
            s = f.amended,
            t = c.new_one()
        ),
        format!(
            r#"{{"v":1,"seq":{s},"kind":"person","recorded_at":"2024-03-12T21:06:00Z","salt":"00","body":{{"name":"{t}","relationship":"{t}"}}}}"#,
            s = f.person,
            t = c.new_one()
        ),
        format!("{} not json at all", c.new_one()),
    ];
    let seqs = [f.incident, f.amended, f.person, f.message_log];
    for (seq, json) in seqs.iter().zip(&hostile_entries) {
        let sealed = aead::seal(&keys.entries, &keys::aad_entry(*seq), json.as_bytes()).unwrap();
        conn.execute(
            "UPDATE entries SET sealed = ?1 WHERE seq = ?2",
            rusqlite::params![sealed, *seq as i64],
        )
        .unwrap();
    }
    // A stored head that decrypts and carries a canary where the signature should be.
    let head = SignedHead::sign(
        TreeHead::new(
            5,
            &[1u8; 32],
            chrono::Utc::now(),
            &sshsig::SshPublicKey::from_key_pair(&other),
        ),
        &other,
    );
    let mut stored = head.to_stored();
    stored.extend_from_slice(c.new_one().as_bytes());
    let sealed = aead::seal(&keys.heads, &keys::aad_head(5), &stored).unwrap();
    conn.execute(
        "UPDATE tree_heads SET sealed = ?1 WHERE size = 5",
        rusqlite::params![sealed],
    )
    .unwrap();
    // A head signed by the diary's namespace but another key, naming a canary root.
    let mut line = head.head.clone();
    line.root = c.new_one();
    let text = serde_json::to_vec(&line).unwrap();
    let mut bytes = text.clone();
    bytes.push(b'\n');
    let mut stored = bytes.clone();
    stored.extend_from_slice(sshsig::sign(&other, HEAD_NAMESPACE, &bytes).as_bytes());
    let sealed = aead::seal(&keys.heads, &keys::aad_head(6), &stored).unwrap();
    conn.execute(
        "UPDATE tree_heads SET sealed = ?1 WHERE size = 6",
        rusqlite::params![sealed],
    )
    .unwrap();
    // Blob metadata that decrypts to hostile JSON.
    let blob_id: Vec<u8> = conn
        .query_row("SELECT id FROM blobs", [], |r| r.get(0))
        .unwrap();
    let meta = format!(r#"{{"sha256":{{"{t}":1}},"size":"{t}"}}"#, t = c.new_one());
    let sealed = aead::seal(&keys.blobs, &keys::aad_blob_meta(&blob_id), meta.as_bytes()).unwrap();
    conn.execute(
        "UPDATE blobs SET sealed_meta = ?1",
        rusqlite::params![sealed],
    )
    .unwrap();
    drop(conn);
    examine(&c, "forged rows", &forged, &f);

    // Damaged headers.
    for (name, statement) in [
        (
            "kdf",
            format!("UPDATE header SET kdf_params = '{{\"algorithm\":\"{}\"}}'", c.new_one()),
        ),
        (
            "kdf_range",
            "UPDATE header SET kdf_params = '{\"algorithm\":\"argon2id\",\"memory_kib\":1,\"iterations\":0,\"parallelism\":99}'".to_owned(),
        ),
        ("seed", "UPDATE key_slots SET sealed_signing_seed = X'0102' WHERE slot = 0".to_owned()),
        ("wrapped", "UPDATE key_slots SET wrapped_key = X'01' WHERE slot = 0".to_owned()),
        ("salt", format!("UPDATE header SET kdf_salt = '{}'", c.new_one())),
        ("public_key", "UPDATE key_slots SET public_key = zeroblob(32) WHERE slot = 0".to_owned()),
        ("none", "DELETE FROM header".to_owned()),
    ] {
        let damaged = copy(&f, dir.path(), &format!("header_{name}"));
        sql(&damaged, &statement);
        examine(&c, &format!("damaged header ({name})"), &damaged, &f);
    }

    // A file that is not a diary, holding nothing but a canary.
    let junk = dir.path().join("junk");
    std::fs::write(&junk, c.new_one().repeat(1000)).unwrap();
    c.expect_err("junk file", Diary::unlock(&junk, PASS));

    c.assert_none_leaked(150);
}

/// Source text with `#[cfg(test)]` items and `//` comments removed.
fn production_code(source: &str) -> String {
    let mut out = String::new();
    let mut rest = source;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        // Skip the item the attribute guards: up to its matching closing brace.
        let item = &rest[at..];
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, ch) in item.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_never_prints_or_logs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 10, "the core's source was not found");
    let forbidden = [
        "println!",
        "eprintln!",
        "print!",
        "eprint!",
        "dbg!",
        "log::trace!",
        "log::debug!",
        "log::info!",
        "log::warn!",
        "log::error!",
        "tracing::",
        "stdout()",
        "stderr()",
    ];
    // Bare level macros, imported from `log` or `tracing`.
    let bare = [
        "trace!", "debug!", "info!", "warn!", "error!", "event!", "span!",
    ];
    let mut found = Vec::new();
    for file in &files {
        let code = production_code(&std::fs::read_to_string(file).unwrap());
        for (n, line) in code.lines().enumerate() {
            for pattern in forbidden.iter().chain(&bare) {
                let hit = line.match_indices(pattern).any(|(i, _)| {
                    // A match must start a word: `eprintln!` is not `println!`.
                    !line[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if hit {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "the core prints or logs: {found:#?}");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    for krate in ["log", "tracing", "env_logger", "slog"] {
        assert!(
            !manifest
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{krate} "))
                    || l.trim_start().starts_with(&format!("{krate}="))
                    || l.trim_start().starts_with(&format!("{krate}.workspace"))),
            "the core depends on the logging crate {krate}"
        );
    }
}
