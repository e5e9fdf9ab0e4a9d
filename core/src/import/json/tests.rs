//! The JSON readers against exports as the apps write them: every message they must
//! yield, refusals by their wording, bounds, and property tests.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

use super::*;
use crate::test_support::mutate;

use crate::test_support::fixture;

/// `position|instant|sender|kind|text` for every message of the chosen chat.
fn rows(bytes: &[u8], format: JsonFormat, zone: Zone, chat: Option<&str>) -> Vec<String> {
    let inspection = inspect_json(bytes, format, zone, chat).unwrap();
    let mut out = Vec::new();
    read_json(std::io::Cursor::new(bytes), &inspection, |m| {
        let kind = match &m.kind {
            MessageKind::Text => "text".to_owned(),
            MessageKind::Deleted => "deleted".to_owned(),
            MessageKind::MediaOmitted { file_name: None } => "omitted".to_owned(),
            MessageKind::MediaOmitted { file_name: Some(n) } => format!("omitted:{n}"),
            MessageKind::Media { file_name } => format!("media:{file_name}"),
            MessageKind::System => "system".to_owned(),
        };
        out.push(format!(
            "{}|{}|{}|{kind}|{}",
            m.line,
            m.at.to_rfc3339(),
            m.sender.as_deref().unwrap_or("-"),
            m.text
        ));
        Ok(())
    })
    .unwrap();
    out
}

#[test]
fn a_telegram_chat_export_is_read_exactly() {
    let got = rows(
        &fixture("telegram-chat.json"),
        JsonFormat::Telegram,
        Zone::named("Europe/London").expect("a zone database"),
        None,
    );
    assert_eq!(
        got,
        [
            "1|2024-03-12T21:06:00+00:00|Sam Stalker|text|Where are you",
            "2|2024-03-12T21:07:10+00:00|Sam Stalker|text|I saw you at the station https://maps.example/x",
            "3|2024-03-12T21:08:00+00:00|Sam Stalker|omitted:photo|look",
            "4|2024-03-12T21:09:00+00:00|Alex|text|Please stop",
            "5|2024-03-12T22:00:00+00:00|-|system|Sam Stalker called (missed)",
            "6|2024-03-13T07:00:00+00:00|Sam Stalker|omitted:audio_1@13-03-2024_07-00-00.ogg|",
            "7|2024-03-13T07:02:00+00:00|user5550003|text|from a deleted account",
        ]
    );
    let i = inspect_json(
        fixture("telegram-chat.json").as_slice(),
        JsonFormat::Telegram,
        Zone::UTC,
        None,
    )
    .unwrap();
    assert_eq!(
        i.chats,
        [JsonChat {
            name: Some("Sam Stalker".into()),
            messages: 7
        }]
    );
    assert_eq!(
        i.senders,
        [
            SenderCount {
                name: "Sam Stalker".into(),
                messages: 4
            },
            SenderCount {
                name: "Alex".into(),
                messages: 1
            },
            SenderCount {
                name: "user5550003".into(),
                messages: 1
            },
        ]
    );
    assert_eq!((i.messages, i.notices), (7, 1));
}

#[test]
fn times_are_the_instants_shown_in_the_zone_given() {
    let got = rows(
        &fixture("telegram-chat.json"),
        JsonFormat::Telegram,
        Zone::named("America/New_York").expect("a zone database"),
        None,
    );
    assert!(
        got[0].starts_with("1|2024-03-12T17:06:00-04:00|"),
        "{}",
        got[0]
    );
}

#[test]
fn an_old_telegram_export_without_instants_reads_its_local_times_in_the_zone() {
    let json = r#"{"name":"Sam","type":"personal_chat","id":1,"messages":[
        {"id":1,"type":"message","date":"2019-06-01T12:00:00","from":"Sam","from_id":1,"text":"hi"}]}"#;
    let got = rows(
        json.as_bytes(),
        JsonFormat::Telegram,
        Zone::named("Europe/Berlin").expect("a zone database"),
        None,
    );
    assert_eq!(got, ["1|2019-06-01T12:00:00+02:00|Sam|text|hi"]);
}

#[test]
fn a_telegram_data_export_asks_which_chat_and_reads_the_one_named() {
    let bytes = fixture("telegram-data.json");
    let i = inspect_json(bytes.as_slice(), JsonFormat::Telegram, Zone::UTC, None).unwrap();
    assert!(i.needs_chat());
    assert_eq!(
        i.chats,
        [
            JsonChat {
                name: Some("Mum".into()),
                messages: 1
            },
            JsonChat {
                name: Some("Sam Stalker".into()),
                messages: 2
            },
        ]
    );
    assert!(i.senders.is_empty(), "no counts that mix chats");
    let err = read_json(std::io::Cursor::new(&bytes), &i, |_| Ok(())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this export holds 2 chats; say which with --chat NAME"
    );
    let got = rows(&bytes, JsonFormat::Telegram, Zone::UTC, Some("sam stalker"));
    assert_eq!(
        got,
        [
            "1|2024-03-12T21:06:00+00:00|Sam Stalker|text|Where are you",
            "2|2024-03-12T21:07:00+00:00|Sam Stalker|text|Answer",
        ]
    );
    let err = inspect_json(
        bytes.as_slice(),
        JsonFormat::Telegram,
        Zone::UTC,
        Some("Jo"),
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::NoSuchChat { .. }), "{err:?}");
}

#[test]
fn instagram_text_is_repaired_and_files_are_kept_by_name() {
    let got = rows(
        &fixture("instagram-inbox.json"),
        JsonFormat::Instagram,
        Zone::UTC,
        None,
    );
    assert_eq!(
        got,
        [
            "5|2024-03-12T21:06:00+00:00|Zoë Stalker|deleted|",
            "4|2024-03-12T21:08:00+00:00|Zoë Stalker|text|Sent a link\nhttps://www.instagram.com/p/xyz/",
            "3|2024-03-12T21:09:00+00:00|Alex|text|Leave me alone",
            "2|2024-03-12T22:00:00+00:00|Zoë Stalker|omitted:1234.jpg|",
            "1|2024-03-13T07:00:00+00:00|Zoë Stalker|text|Tu ne peux pas m’ignorer 😡",
        ]
    );
}

#[test]
fn messenger_calls_keep_their_sender_and_leaving_a_group_is_a_notice() {
    let got = rows(
        &fixture("messenger-inbox.json"),
        JsonFormat::Messenger,
        Zone::UTC,
        None,
    );
    assert_eq!(
        got,
        [
            "5|2024-03-12T21:06:00+00:00|Sam Stalker|omitted:39178562_1505197616293642_5411344281094848512_n_369239263222822.png|",
            "4|2024-03-12T21:07:00+00:00|Aïcha|text|Arrête, s’il te plaît",
            "3|2024-03-12T21:09:00+00:00|Sam Stalker|omitted:v1.mp4|",
            "3|2024-03-12T21:09:00+00:00|Sam Stalker|omitted:g1.gif|",
            "2|2024-03-12T22:00:00+00:00|Sam Stalker|text|You missed a call from Sam Stalker.",
            "1|2024-03-13T07:00:00+00:00|-|system|Sam Stalker left the group.",
        ]
    );
}

#[test]
fn refusals_name_what_is_wrong_and_never_quote_a_message() {
    let err =
        inspect_json(&b"{\"foo\": 1}"[..], JsonFormat::Telegram, Zone::UTC, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this is not a Telegram export: it has none of the fields one has"
    );
    let err = inspect_json(&b"[1, 2]"[..], JsonFormat::Instagram, Zone::UTC, None).unwrap_err();
    assert!(matches!(err, ImportError::Json { .. }), "{err:?}");
    let cut = &fixture("instagram-inbox.json")[..300];
    let err = inspect_json(cut, JsonFormat::Instagram, Zone::UTC, None).unwrap_err();
    assert!(err.to_string().contains("cut short"), "{err}");
    let json = r#"{"messages":[{"sender_name":"Sam","content":"secret words"}]}"#;
    let err = inspect_json(json.as_bytes(), JsonFormat::Messenger, Zone::UTC, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "message 1: the field `timestamp_ms` is missing"
    );
    let json =
        r#"{"messages":[{"type":"message","date_unixtime":"soon","from":"Sam","text":"secret"}]}"#;
    let err = inspect_json(json.as_bytes(), JsonFormat::Telegram, Zone::UTC, None).unwrap_err();
    assert!(
        err.to_string().contains("message 1") && !err.to_string().contains("secret"),
        "{err}"
    );
}

#[test]
fn an_oversized_string_is_refused_before_it_is_built() {
    let mut json =
        String::from(r#"{"messages":[{"sender_name":"Sam","timestamp_ms":1,"content":""#);
    json.push_str(&"x".repeat(MAX_STRING_BYTES as usize + 10));
    json.push_str(r#""}]}"#);
    let err = inspect_json(json.as_bytes(), JsonFormat::Instagram, Zone::UTC, None).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::TooLarge {
                what: "one string in the file",
                ..
            }
        ),
        "{err:?}"
    );
    // Escaped quotes do not end a string early.
    let mut json =
        String::from(r#"{"messages":[{"sender_name":"Sam","timestamp_ms":1,"content":""#);
    for _ in 0..(MAX_STRING_BYTES as usize / 2 + 10) {
        json.push_str("\\\"");
    }
    json.push_str(r#""}]}"#);
    let err = inspect_json(json.as_bytes(), JsonFormat::Instagram, Zone::UTC, None).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err:?}");
}

#[test]
fn a_file_that_changes_between_the_readings_is_refused() {
    let first = fixture("telegram-chat.json");
    let i = inspect_json(first.as_slice(), JsonFormat::Telegram, Zone::UTC, None).unwrap();
    let other = fixture("telegram-data.json");
    let err = read_json(std::io::Cursor::new(other), &i, |_| Ok(())).unwrap_err();
    assert!(matches!(err, ImportError::Changed), "{err:?}");
    // Read back to front, a newest-first file that changed is refused the same way.
    let first = fixture("instagram-inbox.json");
    let i = inspect_json(first.as_slice(), JsonFormat::Instagram, Zone::UTC, None).unwrap();
    let mut other = first.clone();
    other.splice(0..0, *b"  ");
    let err = read_json(std::io::Cursor::new(other), &i, |_| Ok(())).unwrap_err();
    assert!(matches!(err, ImportError::Changed), "{err:?}");
    let err = read_json(std::io::Cursor::new(&first[..400]), &i, |_| Ok(())).unwrap_err();
    assert!(matches!(err, ImportError::Changed), "{err:?}");
}

#[test]
fn a_message_larger_than_a_message_can_be_is_refused() {
    let filler = "x".repeat(3 * 1024 * 1024);
    let json = format!(
        r#"{{"messages":[{{"sender_name":"Sam","timestamp_ms":2,"a":"{filler}","b":"{filler}","c":"{filler}"}},{{"sender_name":"Sam","timestamp_ms":1}}]}}"#
    );
    let err = inspect_json(json.as_bytes(), JsonFormat::Instagram, Zone::UTC, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "message 1: the field `message` takes more bytes than a message can"
    );
}

/// An Instagram or Messenger file of `times` (one message each, in file order), its
/// messages separated by `gaps`, with texts of `sizes` bytes.
fn meta_file(times: &[i64], gaps: &[&str], sizes: &[usize]) -> String {
    let messages: Vec<String> = times
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let text = format!("m{i}:{}", "y".repeat(sizes.get(i).copied().unwrap_or(0)));
            format!(r#"{{"sender_name":"Sam","timestamp_ms":{t},"content":"{text}"}}"#)
        })
        .collect();
    let mut json = String::from("{\"participants\": [], \"messages\":[");
    for (i, m) in messages.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(gaps.get(i % gaps.len().max(1)).copied().unwrap_or(""));
        json.push_str(m);
    }
    json.push_str(" ]\n, \"title\": \"Sam\"}");
    json
}

/// The positions of the messages as read.
fn order_read(json: &str) -> Vec<usize> {
    let i = inspect_json(json.as_bytes(), JsonFormat::Instagram, Zone::UTC, None).unwrap();
    let mut got = Vec::new();
    read_json(std::io::Cursor::new(json.as_bytes()), &i, |m| {
        assert!(m.text.starts_with(&format!("m{}:", m.line - 1)));
        got.push(m.line);
        Ok(())
    })
    .unwrap();
    got
}

fn bounded(input: &[u8]) {
    let start = std::time::Instant::now();
    for format in [
        JsonFormat::Telegram,
        JsonFormat::Instagram,
        JsonFormat::Messenger,
    ] {
        if let Ok(i) = inspect_json(input, format, Zone::UTC, None) {
            let _ = read_json(std::io::Cursor::new(input), &i, |_| Ok(()));
        }
    }
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"messages\"",
    "\"chats\"",
    "\"list\"",
    "\"text\"",
    "\"type\"",
    "\"service\"",
    "\"message\"",
    "\"from\"",
    "\"date_unixtime\"",
    "\"1710277560\"",
    "\"sender_name\"",
    "\"timestamp_ms\"",
    "1710277560000",
    "\"photos\"",
    "\"uri\"",
    "null",
    "true",
    "\"\\u00c3\\u00a9\"",
    "\"x\"",
    "-1",
    "1e999",
    "\"\\\"\"",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        bounded(&bytes);
    }

    #[test]
    fn json_token_soup_never_panics(
        parts in proptest::collection::vec(proptest::sample::select(TOKENS), 0..200)
    ) {
        bounded(parts.concat().as_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0usize..4,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)
    ) {
        let name = ["telegram-chat.json", "telegram-data.json", "instagram-inbox.json",
            "messenger-inbox.json"][which];
        bounded(&mutate(&fixture(name), &edits));
    }

    /// A message without a sender in the file is never given one.
    #[test]
    fn a_message_without_a_sender_is_never_given_one(
        senders in proptest::collection::vec(proptest::option::of(prop::sample::select(vec!["Sam", "Zo\u{c3}\u{ab}"])), 1..20)
    ) {
        let messages: Vec<String> = senders
            .iter()
            .enumerate()
            .map(|(i, s)| match s {
                Some(s) => format!(r#"{{"sender_name":"{s}","timestamp_ms":{},"content":"m{i}"}}"#, 1_000 * i),
                None => format!(r#"{{"timestamp_ms":{},"content":"m{i}"}}"#, 1_000 * i),
            })
            .collect();
        let json = format!(r#"{{"messages":[{}]}}"#, messages.join(","));
        let i = inspect_json(json.as_bytes(), JsonFormat::Messenger, Zone::UTC, None).unwrap();
        let mut got = Vec::new();
        read_json(std::io::Cursor::new(json.as_bytes()), &i, |m| { got.push(m); Ok(()) }).unwrap();
        prop_assert_eq!(got.len(), senders.len());
        for (m, s) in got.iter().zip(&senders) {
            match s {
                None => {
                    prop_assert_eq!(&m.sender, &None);
                    prop_assert_eq!(&m.kind, &MessageKind::System);
                }
                Some(s) => prop_assert_eq!(m.sender.as_deref(), Some(&*repair_for_test(s))),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Meta writes newest first; the messages are kept oldest first, each exactly once,
    /// however the file is spaced and however long its messages (so across the windows
    /// it is read back in). A file not newest first throughout keeps its own order.
    #[test]
    fn messages_written_newest_first_are_kept_oldest_first(
        steps in proptest::collection::vec(0i64..3, 1..60),
        gaps in proptest::collection::vec(prop::sample::select(vec!["", " ", "\n  ", "\r\n\t"]), 1..4),
        sizes in proptest::collection::vec(prop::sample::select(vec![0usize, 10, 3_000, 200_000]), 0..60),
        rising in any::<bool>(),
    ) {
        let mut t = 10_000_000i64;
        let mut times = Vec::new();
        for s in &steps {
            t -= s;
            times.push(t);
        }
        if rising && times.len() > 1 {
            times.swap(0, 1);
            times[0] += 5;
        }
        let json = meta_file(&times, &gaps, &sizes);
        let got = order_read(&json);
        let newest_first = times.windows(2).any(|w| w[1] < w[0]) && !times.windows(2).any(|w| w[1] > w[0]);
        let want: Vec<usize> = if newest_first {
            (1..=times.len()).rev().collect()
        } else {
            (1..=times.len()).collect()
        };
        prop_assert_eq!(got, want);
    }
}

fn repair_for_test(s: &str) -> String {
    mojibake::repair(s).into_owned()
}
