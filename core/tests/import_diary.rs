//! Imports into a diary: every fixture becomes the expected message-log entry with its
//! original kept byte for byte; every malformed or hostile input is refused and leaves the
//! diary file exactly as it was.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{PASS, new_diary, person};
use serde_json::Value;
use tally_core::diary::{Diary, NoProgress};
use tally_core::import::json::JsonFormat;
use tally_core::import::{
    DateOrder, ImportError, ImportFailure, JsonImport, SmsImport, WhatsAppImport, parse_time_zone,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/import/");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, bytes))
}

fn london(senders: &[&str]) -> WhatsAppImport {
    WhatsAppImport {
        senders: senders.iter().map(|s| s.to_string()).collect(),
        time_zone: Some(parse_time_zone("Europe/London").unwrap()),
        ..WhatsAppImport::default()
    }
}

/// The entry as sealed, as `tally show N --json` prints it.
fn sealed_json(diary: &Diary, seq: u64) -> Value {
    serde_json::from_slice(&diary.entry_bytes(seq).unwrap()).unwrap()
}

fn body(diary: &Diary, seq: u64) -> Value {
    let entry = sealed_json(diary, seq);
    entry
        .get("body")
        .cloned()
        .unwrap_or_else(|| panic!("no body in {entry}"))
}

/// The lines of the entry's transcript of one kind (`message` or `call`), as stored: the
/// JSON-lines attachment the entry names, read back byte for byte.
fn transcript_lines(diary: &Diary, body: &Value, kind: &str) -> Vec<Value> {
    assert!(
        body.get("messages").is_none() && body.get("calls").is_none(),
        "kept outside the entry"
    );
    let transcript = &body["transcript"];
    let sha = transcript["file"]["sha256"].as_str().unwrap();
    assert_eq!(transcript["file"]["media_type"], "application/x-ndjson");
    let mut bytes = Vec::new();
    diary.read_attachment(sha, &mut bytes).unwrap();
    assert_eq!(sha256_hex(&bytes), sha);
    let lines: Vec<Value> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    let count = |k: &str| lines.iter().filter(|l| l["line"] == k).count() as u64;
    assert_eq!(
        transcript["messages"].as_u64().unwrap_or(0),
        count("message")
    );
    assert_eq!(transcript["calls"].as_u64().unwrap_or(0), count("call"));
    lines.into_iter().filter(|l| l["line"] == kind).collect()
}

fn messages(diary: &Diary, body: &Value) -> Vec<Value> {
    transcript_lines(diary, body, "message")
}

fn calls(diary: &Diary, body: &Value) -> Vec<Value> {
    transcript_lines(diary, body, "call")
}

#[test]
fn android_export_becomes_one_entry_with_the_original_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let sam = diary.add_person(person("Sam Stalker")).unwrap();
    let path = fixture("android-24h-dmy.txt");
    let mut options = london(&["sam stalker"]);
    options.people = vec![sam];
    let summary = diary.import_whatsapp(&path, &options, &NoProgress).unwrap();
    assert_eq!(summary.seq, 2);
    assert_eq!(diary.len(), 2);
    assert_eq!(summary.messages, 10);
    assert_eq!(summary.senders, vec!["Sam Stalker", "Alex"]);

    let body = body(&diary, summary.seq);
    assert_eq!(body["source"], "whatsapp");
    assert_eq!(body["time_zone"], "Europe/London");
    assert_eq!(body["people"], serde_json::json!([sam]));
    let original = std::fs::read(&path).unwrap();
    assert_eq!(body["original"]["sha256"], sha256_hex(&original));
    let mut stored = Vec::new();
    diary
        .read_attachment(body["original"]["sha256"].as_str().unwrap(), &mut stored)
        .unwrap();
    assert_eq!(
        stored, original,
        "the original export is kept byte for byte"
    );

    let msgs = messages(&diary, &body);
    assert_eq!(msgs.len(), 10);
    assert_eq!(msgs[1]["at"], "2024-03-12T21:06:00Z");
    assert_eq!(msgs[1]["sender"], "Sam Stalker");
    assert_eq!(msgs[1]["chosen"], true);
    assert_eq!(
        msgs[2]["text"],
        "I know you're at work.\nI saw your car.\n\nAnswer me"
    );
    assert_eq!(msgs[3]["sender"], "Alex");
    assert!(msgs[3].get("chosen").is_none(), "Alex is context only");
    let statuses: Vec<&str> = msgs.iter().map(|m| m["status"].as_str().unwrap()).collect();
    assert_eq!(
        statuses,
        [
            "system",
            "text",
            "text",
            "text",
            "media-omitted",
            "deleted",
            "deleted",
            "media",
            "system",
            "system"
        ]
    );
    assert_eq!(msgs[7]["media_name"], "IMG-20240313-WA0001.jpg");
    assert!(
        msgs[7].get("media_sha256").is_none(),
        "a .txt export has no media"
    );
}

#[test]
fn ios_twelve_hour_export_reads_in_the_zone_given() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let path = fixture("ios-12h.txt");
    let options = WhatsAppImport {
        senders: vec!["+44 7700 900123".into(), "SAM STALKER".into()],
        time_zone: Some(parse_time_zone("America/New_York").unwrap()),
        ..WhatsAppImport::default()
    };
    let summary = diary.import_whatsapp(&path, &options, &NoProgress).unwrap();
    assert_eq!(summary.messages, 9);
    let body = body(&diary, summary.seq);
    assert_eq!(
        body["chosen_senders"],
        serde_json::json!(["+44 7700 900123", "Sam Stalker"])
    );
    let msgs = messages(&diary, &body);
    // 3/12/24 9:05:40 PM in New York (EDT since 10 March).
    assert_eq!(msgs[1]["at"], "2024-03-12T21:05:40-04:00");
    assert_eq!(msgs[3]["text"], "answer\nme");
    let chosen = msgs.iter().filter(|m| m["chosen"] == true).count();
    assert_eq!(chosen, 7, "every message of the two chosen senders");
    assert_eq!(
        body["original"]["sha256"],
        sha256_hex(&std::fs::read(&path).unwrap())
    );
}

#[test]
fn other_layouts_import_with_their_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    for (name, count) in [("dots-2digit-years.txt", 2), ("mdy-proven.txt", 2)] {
        let path = fixture(name);
        let summary = diary
            .import_whatsapp(&path, &london(&["sam"]), &NoProgress)
            .unwrap();
        assert_eq!(summary.messages, count, "{name}");
        let body = body(&diary, summary.seq);
        assert_eq!(
            body["original"]["sha256"],
            sha256_hex(&std::fs::read(&path).unwrap())
        );
        assert_eq!(messages(&diary, &body)[0]["chosen"], true, "{name}");
    }
}

#[test]
fn ambiguous_dates_import_once_the_order_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let mut options = london(&[]);
    options.date_order = Some(DateOrder::MonthDayYear);
    let summary = diary
        .import_whatsapp(&fixture("ambiguous.txt"), &options, &NoProgress)
        .unwrap();
    let msgs = messages(&diary, &body(&diary, summary.seq));
    assert_eq!(msgs[0]["at"], "2024-01-02T10:00:00Z");
}

fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, bytes) in members {
            // Stored, so tests can find and alter a member's bytes in place.
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn zip_export_stores_its_media_and_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let photo = std::fs::read(fixture("tiny-4x3.png")).unwrap();
    let broken = std::fs::read(fixture("truncated.png")).unwrap();
    let chat = "[12/03/2024, 21:05:11] Sam: \u{200E}<attached: 00000001-PHOTO.png>\n\
                [12/03/2024, 21:06:00] Sam: \u{200E}<attached: 00000002-PHOTO.png>\n\
                [12/03/2024, 21:07:00] Sam: \u{200E}<attached: 00000003-MISSING.jpg>\n\
                [13/03/2024, 08:00:00] Alex: stop\n";
    let zip = zip_of(&[
        ("_chat.txt", chat.as_bytes()),
        ("00000001-PHOTO.png", &photo),
        ("00000002-PHOTO.png", &broken),
    ]);
    let path = dir.path().join("WhatsApp Chat - Sam.zip");
    std::fs::write(&path, &zip).unwrap();

    let summary = diary
        .import_whatsapp(&path, &london(&["Sam"]), &NoProgress)
        .unwrap();
    assert_eq!(summary.messages, 4);
    assert_eq!(summary.media, 2);
    let body = body(&diary, summary.seq);
    assert_eq!(body["original"]["sha256"], sha256_hex(&zip));
    assert_eq!(body["original"]["media_type"], "application/zip");
    let msgs = messages(&diary, &body);
    assert_eq!(msgs[0]["media_sha256"], sha256_hex(&photo));
    assert_eq!(msgs[1]["media_sha256"], sha256_hex(&broken));
    assert!(msgs[2].get("media_sha256").is_none(), "not in the zip");
    let attachments = body["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 2);
    assert_eq!(attachments[0]["dimensions"], serde_json::json!([4, 3]));
    assert!(
        attachments[1].get("dimensions").is_none(),
        "a broken photo in a chat is kept as a plain file"
    );
    for (sha, bytes) in [(sha256_hex(&photo), &photo), (sha256_hex(&broken), &broken)] {
        let mut stored = Vec::new();
        diary.read_attachment(&sha, &mut stored).unwrap();
        assert_eq!(&stored, bytes);
    }
    assert!(diary.check().unwrap().is_ok());
}

#[test]
fn sms_backup_keeps_the_chosen_numbers_messages() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let path = fixture("sms-backup.xml");
    let options = SmsImport {
        addresses: vec!["+447700900123".into()],
        people: Vec::new(),
    };
    let summary = diary.import_sms(&path, &options, &NoProgress).unwrap();
    assert_eq!(summary.messages, 3);
    assert_eq!(summary.media, 1);
    let body = body(&diary, summary.seq);
    assert_eq!(body["source"], "sms");
    assert_eq!(
        body["original"]["sha256"],
        sha256_hex(&std::fs::read(&path).unwrap())
    );
    let msgs = messages(&diary, &body);
    assert_eq!(msgs.len(), 3);
    assert!(msgs.iter().all(|m| m["chosen"] == true));
    assert_eq!(msgs[0]["at"], "2024-03-12T21:06:00Z");
    assert_eq!(msgs[0]["sender"], "+447700900123");
    assert_eq!(
        msgs[0]["text"],
        "Where are you\nI can see you \u{1F600} & <3"
    );
    assert_eq!(msgs[1]["outgoing"], true);
    assert!(msgs[0].get("outgoing").is_none());
    assert_eq!(msgs[2]["status"], "media");
    assert_eq!(msgs[2]["text"], "look outside \u{1F600}");
    let attachment = &body["attachments"][0];
    assert_eq!(msgs[2]["media_sha256"], attachment["sha256"]);
    assert_eq!(attachment["dimensions"], serde_json::json!([4, 3]));

    let everything = diary
        .import_sms(&path, &SmsImport::default(), &NoProgress)
        .unwrap();
    assert_eq!(everything.messages, 4, "an empty filter keeps all");
}

#[test]
fn call_log_backup_becomes_calls() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let path = fixture("calls-backup.xml");
    let options = SmsImport {
        addresses: vec!["07700 900123".into()],
        people: Vec::new(),
    };
    let summary = diary.import_sms(&path, &options, &NoProgress).unwrap();
    assert_eq!((summary.messages, summary.calls), (0, 3));
    let body = body(&diary, summary.seq);
    let calls = calls(&diary, &body);
    let directions: Vec<&str> = calls
        .iter()
        .map(|c| c["direction"].as_str().unwrap())
        .collect();
    assert_eq!(directions, ["incoming", "missed", "blocked"]);
    assert_eq!(calls[0]["duration_seconds"], 35);
    assert_eq!(calls[0]["at"], "2024-03-12T21:06:00Z");
    assert!(calls.iter().all(|c| c["chosen"] == true));
    assert_eq!(
        body["original"]["sha256"],
        sha256_hex(&std::fs::read(&path).unwrap())
    );
}

#[test]
fn incident_images_carry_their_dimensions_and_bad_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let good = diary.attach_file(&fixture("tiny-4x3.png")).unwrap();
    assert_eq!(good.dimensions, Some((4, 3)));
    assert_eq!(good.media_type, "image/png");
    let err = diary.attach_file(&fixture("truncated.png")).unwrap_err();
    assert!(err.to_string().starts_with("truncated.png: "), "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");
}

// ---- refused inputs leave the diary exactly as it was ----

/// The diary file's bytes once closed (SQLite checkpoints and removes the WAL on the last
/// close), with the WAL's bytes if one is left.
fn file_bytes(path: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    (std::fs::read(path).unwrap(), std::fs::read(wal).ok())
}

fn truncated_jpeg() -> Vec<u8> {
    let mut jpeg = Vec::new();
    let pixels =
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&pixels)
        .unwrap();
    jpeg.truncate(jpeg.len() * 2 / 3);
    jpeg
}

enum Attempt {
    WhatsApp(PathBuf, WhatsAppImport),
    Sms(PathBuf),
    Json(PathBuf, JsonFormat, JsonImport),
    Attach(PathBuf),
}

/// Runs the attempt on a closed diary; asserts it fails and that the diary's entry count
/// and file bytes are unchanged. Returns the error message.
fn refused(diary_path: &Path, attempt: Attempt) -> String {
    let before = file_bytes(diary_path);
    let mut diary = Diary::unlock(diary_path, PASS).unwrap();
    let entries = diary.len();
    let message = match attempt {
        Attempt::WhatsApp(path, options) => diary
            .import_whatsapp(&path, &options, &NoProgress)
            .map(|_| ())
            .unwrap_err()
            .to_string(),
        Attempt::Sms(path) => diary
            .import_sms(&path, &SmsImport::default(), &NoProgress)
            .map(|_| ())
            .unwrap_err()
            .to_string(),
        Attempt::Json(path, format, options) => diary
            .import_json(&path, format, &options, &NoProgress)
            .map(|_| ())
            .unwrap_err()
            .to_string(),
        Attempt::Attach(path) => diary
            .attach_file(&path)
            .map(|_| ())
            .unwrap_err()
            .to_string(),
    };
    assert_eq!(diary.len(), entries);
    diary.lock();
    assert!(
        file_bytes(diary_path) == before,
        "the diary file changed after: {message}"
    );
    message
}

#[test]
fn malformed_inputs_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (diary_path, mut diary) = new_diary(dir.path());
    diary.add_person(person("Sam Stalker")).unwrap();
    diary.lock();

    let traversal = dir.path().join("traversal.zip");
    std::fs::write(
        &traversal,
        zip_of(&[
            ("_chat.txt", b"12/03/2024, 21:06 - Sam: hi\n"),
            ("../../evil.txt", b"x"),
        ]),
    )
    .unwrap();
    let jpeg = dir.path().join("cut.jpg");
    std::fs::write(&jpeg, truncated_jpeg()).unwrap();
    let no_chat = dir.path().join("photos.zip");
    std::fs::write(&no_chat, zip_of(&[("IMG.png", b"not really")])).unwrap();
    let damaged_member = dir.path().join("damaged.zip");
    {
        let photo = std::fs::read(fixture("tiny-4x3.png")).unwrap();
        let chat = "12/03/2024, 21:06 - Sam: IMG-1.png (file attached)\n";
        let mut zip = zip_of(&[
            ("WhatsApp Chat with Sam.txt", chat.as_bytes()),
            ("IMG-1.png", &photo),
        ]);
        // Flip one byte of the stored photo: its CRC-32 no longer matches.
        let at = zip.windows(4).position(|w| w == b"IHDR").unwrap();
        zip[at] ^= 0xFF;
        std::fs::write(&damaged_member, zip).unwrap();
    }

    let cut_instagram = dir.path().join("message_1.json");
    std::fs::write(
        &cut_instagram,
        &std::fs::read(fixture("instagram-inbox.json")).unwrap()[..300],
    )
    .unwrap();

    let cases: Vec<(&str, Attempt, &str)> = vec![
        (
            "empty chat",
            Attempt::WhatsApp(fixture("empty.bin"), london(&[])),
            "empty",
        ),
        (
            "garbage chat",
            Attempt::WhatsApp(fixture("garbage.bin"), london(&[])),
            "garbage.bin",
        ),
        (
            "empty backup",
            Attempt::Sms(fixture("empty.bin")),
            "empty.bin",
        ),
        (
            "garbage backup",
            Attempt::Sms(fixture("garbage.bin")),
            "garbage.bin",
        ),
        (
            "billion laughs",
            Attempt::Sms(fixture("billion-laughs.xml")),
            "entities",
        ),
        (
            "traversal zip",
            Attempt::WhatsApp(traversal, london(&[])),
            "unsafe name",
        ),
        (
            "zip without chat",
            Attempt::WhatsApp(no_chat, london(&[])),
            "no single WhatsApp chat",
        ),
        (
            "damaged member",
            Attempt::WhatsApp(damaged_member, london(&[])),
            "damaged.zip",
        ),
        (
            "truncated png",
            Attempt::Attach(fixture("truncated.png")),
            "truncated",
        ),
        ("truncated jpeg", Attempt::Attach(jpeg), "cut.jpg"),
        (
            "huge png",
            Attempt::Attach(fixture("ihdr-30000x30000.png")),
            "30000x30000",
        ),
        (
            "ambiguous dates",
            Attempt::WhatsApp(fixture("ambiguous.txt"), london(&[])),
            "--date-order",
        ),
        (
            "both orders impossible",
            Attempt::WhatsApp(fixture("both-orders-impossible.txt"), london(&[])),
            "contradict",
        ),
        (
            "unknown sender",
            Attempt::WhatsApp(fixture("android-24h-dmy.txt"), london(&["Jordan"])),
            "Sam Stalker, Alex",
        ),
        (
            "chat export as Telegram",
            Attempt::Json(
                fixture("android-24h-dmy.txt"),
                JsonFormat::Telegram,
                JsonImport::default(),
            ),
            "not valid JSON",
        ),
        (
            "Instagram file as Telegram",
            Attempt::Json(
                fixture("instagram-inbox.json"),
                JsonFormat::Telegram,
                JsonImport::default(),
            ),
            "not a Telegram export",
        ),
        (
            "Telegram data export with no chat chosen",
            Attempt::Json(
                fixture("telegram-data.json"),
                JsonFormat::Telegram,
                JsonImport::default(),
            ),
            "holds 2 chats",
        ),
        (
            "Telegram chat not in the export",
            Attempt::Json(
                fixture("telegram-data.json"),
                JsonFormat::Telegram,
                JsonImport {
                    chat: Some("Jordan".into()),
                    ..JsonImport::default()
                },
            ),
            "no chat named",
        ),
        (
            "Messenger sender not in the chat",
            Attempt::Json(
                fixture("messenger-inbox.json"),
                JsonFormat::Messenger,
                JsonImport {
                    senders: vec!["Jordan".into()],
                    ..JsonImport::default()
                },
            ),
            "Jordan",
        ),
        (
            "cut-short Instagram file",
            Attempt::Json(cut_instagram, JsonFormat::Instagram, JsonImport::default()),
            "cut short",
        ),
    ];
    for (what, attempt, expected) in cases {
        let message = refused(&diary_path, attempt);
        let message_ok = message.contains(expected);
        assert!(
            message_ok,
            "{what}: {message:?} does not mention {expected:?}"
        );
        assert!(!message.contains('\n'), "{what}: one line: {message:?}");
    }
}

#[test]
fn an_unknown_sender_error_lists_the_senders_found() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let err = diary
        .import_whatsapp(
            &fixture("android-24h-dmy.txt"),
            &london(&["Jordan"]),
            &NoProgress,
        )
        .unwrap_err();
    match err {
        ImportFailure::UnknownSender { name, found } => {
            assert_eq!(name, "Jordan");
            assert_eq!(found, vec!["Sam Stalker", "Alex"]);
        }
        other => panic!("unexpected {other}"),
    }
    let err = diary
        .import_whatsapp(&fixture("ambiguous.txt"), &london(&[]), &NoProgress)
        .unwrap_err();
    assert!(matches!(
        err,
        ImportFailure::Parse {
            source: ImportError::AmbiguousDateOrder,
            ..
        }
    ));
    assert!(diary.is_empty());
}

// ---- the transcript reaches every reader ----

/// The names of a pack's files, and its report.
fn pack_names_and_report(pack: &Path) -> (Vec<String>, String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(pack).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let report_name = names
        .iter()
        .find(|n| n.ends_with("data/report.html"))
        .unwrap()
        .clone();
    let mut html = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(&report_name).unwrap(), &mut html).unwrap();
    (names, html)
}

#[test]
fn an_imported_chat_is_counted_listed_and_reported_from_its_transcript() {
    use tally_core::pack::ExportOptions;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let sam = diary.add_person(person("Sam Stalker")).unwrap();
    common::no_contact_order(
        &mut diary,
        sam,
        chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
    );
    let mut options = london(&["Sam Stalker"]);
    options.people = vec![sam];
    let summary = diary
        .import_whatsapp(&fixture("android-24h-dmy.txt"), &options, &NoProgress)
        .unwrap();

    // Listing needs only the entry.
    let views = diary.views().unwrap();
    let log = views[2].message_log().unwrap();
    assert_eq!((log.message_count(), log.call_count()), (10, 0));
    let (first, last) = log.time_span().unwrap();
    assert_eq!(first.to_rfc3339(), "2024-03-12T21:05:00+00:00");
    assert_eq!(last.to_rfc3339(), "2024-03-14T23:59:00+00:00");

    // The summary counts Sam's five messages (not the notices, not Alex), each a breach.
    let s = tally_core::summary::summarise(&views, &Default::default(), &diary).unwrap();
    assert_eq!(s.messages_counted, 5);
    let numbers: Vec<usize> = s.order_breaches.iter().map(|b| b.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(s.order_breaches[0].message_index, Some(1));

    // A page of messages, for a screen.
    let page = diary.message_page(summary.seq, 3, 2).unwrap();
    let texts: Vec<&str> = page.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Please stop contacting me", "<Media omitted>"]);

    // The pack carries the transcript, and the report shows every message.
    let out = dir.path().join("pack.zip");
    diary
        .export_pack(&out, &ExportOptions::default(), &NoProgress)
        .unwrap();
    let (names, html) = pack_names_and_report(&out);
    let transcript_sha = log.transcript.as_ref().unwrap().file.sha256.clone();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with(&format!("data/attachments/{transcript_sha}.jsonl"))),
        "{names:?}"
    );
    for text in [
        "Where are you",
        "Please stop contacting me",
        "look familiar?",
        "Alex added Jo",
    ] {
        // Each message twice: in the screen's list and in the print block.
        assert_eq!(html.matches(text).count(), 2, "{text}");
    }
    let heading = html
        .find("<h4")
        .map(|i| &html[i..i + 200])
        .unwrap_or_default();
    assert!(
        heading.contains("5 messages from <bdi>Sam Stalker</bdi>, 21:06"),
        "{heading}"
    );
}

#[test]
fn an_mms_whose_picture_is_not_in_the_backup_keeps_its_name_and_type() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    // Backups made without MMS attachments keep the part, without its data.
    let xml = r#"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="1">
  <mms date="1710277740000" msg_box="1" address="+447700900123" m_type="132" contact_name="Sam">
    <parts>
      <part seq="-1" ct="application/smil" name="null" cl="smil.xml" text="&lt;smil&gt;&lt;/smil&gt;" />
      <part seq="0" ct="text/plain" name="null" cl="text_0.txt" text="look at this" />
      <part seq="0" ct="image/jpeg" name="IMG_0042.jpg" cl="IMG_0042.jpg" text="null" />
      <part seq="0" ct="video/mp4" name="null" cl="VID_0043.mp4" text="null" />
    </parts>
    <addrs><addr address="+447700900123" type="137" charset="106" /></addrs>
  </mms>
</smses>
"#;
    let path = dir.path().join("sms-without-media.xml");
    std::fs::write(&path, xml).unwrap();
    let summary = diary
        .import_sms(&path, &SmsImport::default(), &NoProgress)
        .unwrap();
    assert_eq!((summary.messages, summary.media), (2, 0));
    let msgs = messages(&diary, &body(&diary, summary.seq));
    assert_eq!(msgs[0]["status"], "media-omitted");
    assert_eq!(msgs[0]["text"], "look at this");
    assert_eq!(msgs[0]["media_name"], "IMG_0042.jpg");
    assert_eq!(msgs[0]["media_type"], "image/jpeg");
    assert!(msgs[0].get("media_sha256").is_none());
    assert_eq!(msgs[1]["status"], "media-omitted");
    assert_eq!(msgs[1]["media_name"], "VID_0043.mp4");
    assert_eq!(msgs[1]["media_type"], "video/mp4");
    assert!(
        msgs[1].get("text").is_none(),
        "a second file of the same MMS carries no text"
    );
}

// ---- JSON chat exports ----

fn json_import(senders: &[&str]) -> JsonImport {
    JsonImport {
        senders: senders.iter().map(|s| s.to_string()).collect(),
        time_zone: Some(parse_time_zone("Europe/London").unwrap()),
        ..JsonImport::default()
    }
}

/// `at|sender|status|text` of each message of the entry, as stored (a notice's sender is
/// empty).
fn message_rows(diary: &Diary, body: &Value) -> Vec<String> {
    messages(diary, body)
        .iter()
        .map(|m| {
            format!(
                "{}|{}|{}|{}",
                m["at"].as_str().unwrap(),
                m["sender"].as_str().unwrap(),
                m["status"].as_str().unwrap(),
                m["text"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn a_telegram_chat_becomes_one_entry_with_its_original_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let path = fixture("telegram-chat.json");
    let summary = diary
        .import_json(
            &path,
            JsonFormat::Telegram,
            &json_import(&["sam stalker"]),
            &NoProgress,
        )
        .unwrap();
    // A deleted account is named by its id, as the export names it.
    assert_eq!(summary.senders, vec!["Sam Stalker", "Alex", "user5550003"]);
    let body = body(&diary, summary.seq);
    assert_eq!(body["source"], "telegram");
    assert_eq!(body["chosen_senders"], serde_json::json!(["Sam Stalker"]));
    let original = std::fs::read(&path).unwrap();
    assert_eq!(body["original"]["sha256"], sha256_hex(&original));
    assert_eq!(body["original"]["media_type"], "application/json");
    let mut stored = Vec::new();
    diary
        .read_attachment(body["original"]["sha256"].as_str().unwrap(), &mut stored)
        .unwrap();
    assert_eq!(
        stored, original,
        "the original export is kept byte for byte"
    );
    let rows = message_rows(&diary, &body);
    assert_eq!(rows.len(), summary.messages);
    assert_eq!(
        &rows[..5],
        [
            "2024-03-12T21:06:00Z|Sam Stalker|text|Where are you",
            "2024-03-12T21:07:10Z|Sam Stalker|text|I saw you at the station https://maps.example/x",
            "2024-03-12T21:08:00Z|Sam Stalker|media-omitted|look",
            "2024-03-12T21:09:00Z|Alex|text|Please stop",
            "2024-03-12T22:00:00Z||system|Sam Stalker called (missed)",
        ]
    );
    let msgs = messages(&diary, &body);
    assert_eq!(msgs[0]["chosen"], true);
    assert!(msgs[3].get("chosen").is_none(), "Alex is context only");
}

#[test]
fn one_chat_of_a_telegram_data_export_is_imported_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let options = JsonImport {
        chat: Some("sam stalker".into()),
        ..json_import(&[])
    };
    let summary = diary
        .import_json(
            &fixture("telegram-data.json"),
            JsonFormat::Telegram,
            &options,
            &NoProgress,
        )
        .unwrap();
    let body = body(&diary, summary.seq);
    let rows = message_rows(&diary, &body);
    assert_eq!(rows.len(), summary.messages);
    assert!(
        rows.iter().all(|r| !r.contains("|Mum|")),
        "only the chat named: {rows:?}"
    );
    assert_eq!(diary.len(), 1);
}

#[test]
fn instagram_and_messenger_messages_are_kept_oldest_first_with_their_text_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let instagram = diary
        .import_json(
            &fixture("instagram-inbox.json"),
            JsonFormat::Instagram,
            &json_import(&["Zoë Stalker"]),
            &NoProgress,
        )
        .unwrap();
    let body_i = body(&diary, instagram.seq);
    assert_eq!(body_i["source"], "instagram");
    assert_eq!(
        message_rows(&diary, &body_i),
        [
            "2024-03-12T21:06:00Z|Zoë Stalker|deleted|",
            "2024-03-12T21:08:00Z|Zoë Stalker|text|Sent a link\nhttps://www.instagram.com/p/xyz/",
            "2024-03-12T21:09:00Z|Alex|text|Leave me alone",
            "2024-03-12T22:00:00Z|Zoë Stalker|media-omitted|",
            "2024-03-13T07:00:00Z|Zoë Stalker|text|Tu ne peux pas m’ignorer 😡",
        ]
    );
    assert_eq!(messages(&diary, &body_i)[3]["media_name"], "1234.jpg");
    assert_eq!(body_i["transcript"]["first"], "2024-03-12T21:06:00Z");
    assert_eq!(body_i["transcript"]["last"], "2024-03-13T07:00:00Z");

    let messenger = diary
        .import_json(
            &fixture("messenger-inbox.json"),
            JsonFormat::Messenger,
            &json_import(&["Sam Stalker"]),
            &NoProgress,
        )
        .unwrap();
    let body_m = body(&diary, messenger.seq);
    assert_eq!(body_m["source"], "messenger");
    let rows = message_rows(&diary, &body_m);
    assert_eq!(
        rows.first().unwrap(),
        "2024-03-12T21:06:00Z|Sam Stalker|media-omitted|"
    );
    assert_eq!(
        rows.last().unwrap(),
        "2024-03-13T07:00:00Z||system|Sam Stalker left the group."
    );
    assert_eq!(messenger.notices, 1);
}

// ---- images: one record and one thumbnail, however they come ----

/// A 640 × 480 phone photo with its EXIF: taken at 21:05:11 on 12 March 2024 (UTC+1),
/// in London, on an iPhone 15.
fn phone_photo() -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let ascii = |tag, s: &str| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![s.as_bytes().to_vec()]),
    };
    let degrees = |tag, d: u32, m: u32, s10: u32| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Rational(vec![
            Rational::from((d, 1)),
            Rational::from((m, 1)),
            Rational::from((s10, 10)),
        ]),
    };
    let fields = [
        ascii(Tag::Make, "Apple"),
        ascii(Tag::Model, "iPhone 15"),
        ascii(Tag::DateTimeOriginal, "2024:03:12 21:05:11"),
        ascii(Tag::OffsetTimeOriginal, "+01:00"),
        ascii(Tag::GPSLatitudeRef, "N"),
        degrees(Tag::GPSLatitude, 51, 30, 264),
        ascii(Tag::GPSLongitudeRef, "W"),
        degrees(Tag::GPSLongitude, 0, 7, 396),
    ];
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    let tiff = tiff.into_inner();
    let pixels = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 2) as u8, ((x + y) / 5) as u8])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&pixels)
        .unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(&tiff);
    out.extend(&jpeg[2..]);
    out
}

#[test]
fn a_photo_gives_the_same_record_and_thumbnail_however_it_reaches_the_diary() {
    use tally_core::diary::AttachOptions;
    let dir = tempfile::tempdir().unwrap();
    let photo = phone_photo();
    let name = "IMG-20240312-WA0001.jpg";
    let path = dir.path().join(name);
    std::fs::write(&path, &photo).unwrap();

    // From a file (the command line), from bytes (a phone's camera), from a chat export.
    for d in ["a", "b", "c"] {
        std::fs::create_dir(dir.path().join(d)).unwrap();
    }
    let mut from_file = new_diary(&dir.path().join("a")).1;
    let a = from_file.attach_file(&path).unwrap();
    let mut from_bytes = new_diary(&dir.path().join("b")).1;
    let b = from_bytes
        .attach_image_bytes(
            &photo,
            AttachOptions {
                file_name: Some(name.into()),
                media_type: None,
            },
        )
        .unwrap();
    let mut from_chat = new_diary(&dir.path().join("c")).1;
    let chat = format!("13/03/2024, 21:06 - Sam: {name} (file attached)\n");
    let zip = dir.path().join("WhatsApp Chat with Sam.zip");
    std::fs::write(
        &zip,
        zip_of(&[("_chat.txt", chat.as_bytes()), (name, &photo)]),
    )
    .unwrap();
    let imported = from_chat
        .import_whatsapp(&zip, &london(&["Sam"]), &NoProgress)
        .unwrap();
    let c: tally_core::model::AttachmentRef =
        serde_json::from_value(body(&from_chat, imported.seq)["attachments"][0].clone()).unwrap();

    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!(a.sha256, sha256_hex(&photo));
    assert_eq!(a.media_type, "image/jpeg");
    assert_eq!(a.dimensions, Some((640, 480)));
    assert_eq!(a.captured_at.as_deref(), Some("2024-03-12T21:05:11+01:00"));
    assert_eq!(a.camera.as_deref(), Some("Apple iPhone 15"));
    let gps = a.gps.unwrap();
    assert!(
        (gps.lat - 51.5073).abs() < 1e-3 && (gps.lon + 0.1277).abs() < 1e-3,
        "{gps:?}"
    );

    let thumbnails: Vec<Vec<u8>> = [&from_file, &from_bytes, &from_chat]
        .iter()
        .map(|d| {
            d.attachment_thumbnail(&a.sha256)
                .unwrap()
                .expect("a thumbnail")
        })
        .collect();
    assert!(thumbnails.iter().all(|t| t == &thumbnails[0]));
    let thumb = image::load_from_memory(&thumbnails[0]).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (320, 240));
    // The thumbnail is checked but is not an attachment of its own.
    let report = from_file.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.blobs, 1);
}

#[test]
fn the_pack_shows_the_thumbnail_kept_at_attach_time_and_erasing_the_photo_erases_it() {
    use base64::Engine as _;
    use tally_core::model::Category;
    use tally_core::pack::ExportOptions;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let photo = phone_photo();
    let path = dir.path().join("car.jpg");
    std::fs::write(&path, &photo).unwrap();
    let attached = diary.attach_file(&path).unwrap();
    let mut inc = common::incident("2024-03-12T21:05:00+01:00", Category::Loitering, "Outside");
    inc.attachments = vec![attached.clone()];
    let seq = diary.add_incident(inc).unwrap();
    let kept = diary
        .attachment_thumbnail(&attached.sha256)
        .unwrap()
        .unwrap();

    let pack = dir.path().join("pack.zip");
    diary
        .export_pack(&pack, &ExportOptions::default(), &NoProgress)
        .unwrap();
    let (_, html) = pack_names_and_report(&pack);
    let embedded = base64::engine::general_purpose::STANDARD.encode(&kept);
    assert!(
        html.contains(&embedded),
        "the report embeds the kept thumbnail"
    );

    diary.erase(seq, None).unwrap();
    assert!(!diary.has_attachment(&attached.sha256).unwrap());
    assert_eq!(diary.attachment_thumbnail(&attached.sha256).unwrap(), None);
    assert!(diary.check().unwrap().is_ok());
}
