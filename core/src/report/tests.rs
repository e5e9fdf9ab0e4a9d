//! A realistic disclosed diary rendered end to end: what an officer must be able to read,
//! and what a hostile entry must not be able to do to the page.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

use super::{CheckpointLine, HistoryVersion, ReportInput, render};
use crate::model::{
    Amendment, AttachmentRef, Body, Category, Condition, ContactMethod, EntryKind, EntryStatus,
    EntryView, Erasure, Impact, Incident, LifeChange, LoggedMessage, MessageLog, MessageSource,
    MessageStatus, Occurred, Order, OrderType, Person, Place, PoliceContact, Relationship, Witness,
};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    at(s).with_timezone(&Utc)
}

fn view(seq: u64, recorded: &str, body: Body) -> EntryView {
    EntryView {
        seq,
        kind: body.kind(),
        recorded_at: Some(utc(recorded)),
        status: EntryStatus::Original,
        current: Some(body),
        amended_by: Vec::new(),
        erased_by: None,
    }
}

const PHOTO_SHA: &str = "9f2c6a1d0b7e4f3a8c5d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b";
const EXPORT_SHA: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const HOSTILE: &str = "<script>alert(1)</script>";

fn photo() -> AttachmentRef {
    AttachmentRef {
        sha256: PHOTO_SHA.into(),
        size: 2_483_112,
        media_type: "image/jpeg".into(),
        file_name: Some("IMG_2041.jpg".into()),
        captured_at: Some("2024:03:12 21:07:44".into()),
        camera: Some("Apple iPhone 12".into()),
        gps: None,
        dimensions: Some((4032, 3024)),
    }
}

fn thumbnail_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(96, 72, |x, y| {
        image::Rgb([(40 + x) as u8, (60 + y) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

/// Entries 1–13 of a diary of 16, entries 14–16 withheld.
fn diary() -> Vec<EntryView> {
    let mut ben = Person::new("Ben Carter", Relationship::ExPartner);
    ben.description = Some("White, about 1.85 m, short dark hair.\nUsually a grey hoodie.".into());
    ben.vehicles = vec!["Silver Ford Focus, YF19 KXT".into()];
    ben.phones = vec!["07700 900123".into()];
    ben.accounts = vec!["Instagram @ben.c.88".into()];
    ben.previous_violence =
        Some("Pushed me against a wall in 2022 (reported, no further action).".into());

    let order = Order {
        order_type: OrderType::NonMolestationOrder,
        person: 1,
        start: NaiveDate::from_ymd_opt(2024, 2, 20).unwrap(),
        end: None,
        conditions: vec![
            Condition::NoContact,
            Condition::StayAway {
                place: "14 Elm Road, Leeds".into(),
            },
        ],
        reference: Some("LS24P00123".into()),
        issued_by: Some("Leeds Family Court".into()),
    };

    let mut visit = Incident::new(
        Occurred::at(at("2024-03-12T21:06:00+00:00")),
        Category::VisitHome,
        "Ben stood outside my front door and rang the bell for ten minutes",
    );
    visit.people = vec![1];
    visit.place = Some(Place {
        text: "Outside my flat".into(),
        saved: Some("Home".into()),
        coordinates: None,
    });
    visit.details =
        Some("He shouted through the letterbox.\nI stayed in the bathroom & called 999.".into());
    visit.impact = Impact {
        fear: Some(9),
        changes: vec![
            LifeChange::ExtraSecurity,
            LifeChange::Other("Kids sleep at Mum's".into()),
        ],
        notes: None,
    };
    visit.witnesses = vec![Witness {
        name: "Mrs Okafor (flat 3)".into(),
        contact: Some("07700 900456".into()),
    }];
    visit.attachments = vec![photo()];

    let mut hostile = Incident::new(
        Occurred::at(at("2024-03-14T08:15:00+00:00")),
        Category::Message,
        HOSTILE,
    );
    hostile.people = vec![1];

    let sighting = Incident {
        occurred: Occurred {
            start: at("2024-04-02T17:30:00+01:00"),
            end: Some(at("2024-04-02T18:10:00+01:00")),
            approximate: true,
        },
        ..Incident::new(
            Occurred::at(at("2024-04-02T17:30:00+01:00")),
            Category::SightingOrFollowing,
            "Saw his car parked across from my work",
        )
    };

    let original = Incident::new(
        Occurred::at(at("2024-03-20T23:40:00+00:00")),
        Category::Threat,
        "Voicemail saying I will regret it",
    );
    let mut threat = original.clone();
    threat.summary = "Voicemail saying I will regret going to the police".into();
    threat.people = vec![1];

    let log = MessageLog {
        source: MessageSource::Whatsapp,
        original: AttachmentRef {
            sha256: EXPORT_SHA.into(),
            size: 18_204,
            media_type: "text/plain".into(),
            file_name: Some("WhatsApp Chat with Ben.txt".into()),
            captured_at: None,
            camera: None,
            gps: None,
            dimensions: None,
        },
        time_zone: Some("Europe/London".into()),
        people: vec![1],
        chosen_senders: vec!["Ben".into()],
        messages: vec![
            msg(
                "2024-03-18T21:04:00+00:00",
                "Ben",
                "Why won't you answer me",
                MessageStatus::Text,
            ),
            msg(
                "2024-03-18T21:05:00+00:00",
                "Ben",
                "",
                MessageStatus::Deleted,
            ),
            msg(
                "2024-03-18T21:30:00+00:00",
                "Me",
                "Please stop contacting me.",
                MessageStatus::Text,
            ),
            msg(
                "2024-03-18T23:58:00+00:00",
                "Ben",
                "I know where you are tonight",
                MessageStatus::Text,
            ),
        ],
        calls: Vec::new(),
        attachments: Vec::new(),
        transcript: None,
    };

    let mut police = PoliceContact::at(at("2024-03-13T10:00:00+00:00"));
    police.method = Some(ContactMethod::Call101);
    police.force = Some("West Yorkshire Police".into());
    police.reference = Some("13/45678/24".into());
    police.officer = Some("PC Holt 4521".into());
    police.reported = vec![4, 5];
    police.advice = Some("Block his number.".into());
    police.follow_up = Some("Call back within 48 hours".into());

    let mut amended = view(7, "2024-03-21T07:00:00Z", Body::Incident(threat.clone()));
    amended.status = EntryStatus::Amended;
    amended.amended_by = vec![11];

    let erased = EntryView {
        seq: 8,
        kind: EntryKind::Incident,
        recorded_at: None,
        status: EntryStatus::Erased,
        current: None,
        amended_by: Vec::new(),
        erased_by: Some(12),
    };

    vec![
        view(1, "2024-03-01T09:00:00Z", Body::Person(ben)),
        view(2, "2024-03-01T09:05:00Z", Body::Order(order)),
        view(3, "2024-03-12T21:30:00Z", Body::Incident(visit)),
        view(
            4,
            "2024-03-12T21:31:00Z",
            Body::Incident(Incident::new(
                Occurred::at(at("2024-03-12T22:40:00+00:00")),
                Category::PropertyDamage,
                "Found both tyres on my car slashed",
            )),
        ),
        view(5, "2024-03-14T08:20:00Z", Body::Incident(hostile)),
        view(6, "2024-04-02T19:00:00Z", Body::Incident(sighting)),
        amended,
        erased,
        view(9, "2024-03-19T08:00:00Z", Body::MessageLog(log)),
        view(10, "2024-03-13T10:30:00Z", Body::PoliceContact(police)),
        view(
            11,
            "2024-03-22T08:00:00Z",
            Body::Amendment(Amendment::new(
                7,
                Body::Incident(threat),
                Some("Wrote down the full words once I listened again".into()),
            )),
        ),
        view(
            12,
            "2024-03-25T08:00:00Z",
            Body::Erasure(Erasure {
                target: 8,
                kind: EntryKind::Incident,
                covers: Vec::new(),
                reason: None,
            }),
        ),
    ]
}

fn msg(t: &str, sender: &str, text: &str, status: MessageStatus) -> LoggedMessage {
    LoggedMessage {
        at: at(t),
        sender: sender.into(),
        text: text.into(),
        status,
        chosen: sender == "Ben",
        outgoing: false,
        media_name: None,
        media_sha256: None,
        media_type: None,
    }
}

fn render_with(summary_html: Option<&str>) -> String {
    let disclosed = diary();
    let checkpoints = [CheckpointLine {
        size: 6,
        root_hex: "ab".repeat(32),
        time: "2024-03-13T12:00:00Z".into(),
    }];
    let thumbnails = |sha: &str| (sha == PHOTO_SHA).then(thumbnail_jpeg);
    let attachment_path = |a: &AttachmentRef| format!("attachments/{}.jpg", a.sha256);
    let history = |seq: u64| -> Vec<HistoryVersion> {
        if seq == 7 {
            vec![
                (7, "original".into(), Some(utc("2024-03-21T07:00:00Z"))),
                (11, "amendment".into(), Some(utc("2024-03-22T08:00:00Z"))),
            ]
        } else {
            Vec::new()
        }
    };
    let input = ReportInput {
        title: "Evidence pack",
        generated_at: Utc.with_ymd_and_hms(2024, 4, 5, 10, 0, 0).unwrap(),
        fingerprint: "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",
        public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
        tree_size: 15,
        root_hex: &"cd".repeat(32),
        head_time: "2024-04-05T09:59:00Z",
        disclosed: &disclosed,
        withheld: 3,
        checkpoints: &checkpoints,
        thumbnails: &thumbnails,
        attachment_path: &attachment_path,
        summary_html,
        entry_history: &history,
        transcripts: &crate::model::InlineOnly,
    };
    let html = render(&input).unwrap();
    if let Ok(path) = std::env::var("TALLY_REPORT_OUT") {
        // For looking at the page in a browser while working on it.
        std::fs::write(path, &html).unwrap();
    }
    html
}

/// Every `src="…"` and `href="…"` value in the page.
fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=\"", "href=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].to_string());
        }
    }
    out
}

#[test]
fn an_officer_reads_every_disclosed_entry_and_nothing_reaches_the_network() {
    let html = render_with(None);

    for summary in [
        "Ben stood outside my front door and rang the bell for ten minutes",
        "Found both tyres on my car slashed",
        "Saw his car parked across from my work",
        "Voicemail saying I will regret going to the police",
    ] {
        assert!(html.contains(summary), "missing incident: {summary}");
    }
    // The hostile summary is shown as text, and nothing in the page is a script.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    // Details keep the victim's words, escaped.
    assert!(html.contains("I stayed in the bathroom &amp; called 999."));

    // Nothing points off the page except into the pack or inline data.
    assert!(!html.contains("http://") && !html.contains("https://"));
    let refs = references(&html);
    assert!(
        refs.iter()
            .any(|r| r.starts_with("data:image/jpeg;base64,/9j/")),
        "thumbnail"
    );
    assert!(refs.contains(&format!("attachments/{PHOTO_SHA}.jpg")));
    for r in &refs {
        let inside = r.starts_with('#')
            || r.starts_with("data:image/jpeg;base64,")
            || (r.starts_with("attachments/") && !r.contains(':') && !r.contains(".."));
        assert!(inside, "reference leaves the pack: {r}");
    }
    // Every fragment link lands on something in the page.
    for r in refs.iter().filter(|r| r.starts_with('#')) {
        assert!(
            html.contains(&format!("id=\"{}\"", &r[1..])),
            "dangling link {r}"
        );
    }

    // The full hash of the photo, the erased entry, the amendment and the withheld count.
    assert!(html.contains(PHOTO_SHA));
    assert!(html.contains(
        "Entry 8 (incident): content erased by its owner (<a href=\"#entry-12\">entry 12</a>)"
    ));
    assert!(html.contains("Amended (entry 11); the original, entry 7, is also in this pack."));
    assert!(html.contains("<th scope=\"row\">Entries withheld</th><td>3</td>"));
    assert!(html.contains("12 disclosed, 3 withheld"));
    // The conversation is one line on the timeline, its messages readable and printable.
    assert!(html.contains("3 messages from <bdi>Ben</bdi>, 21:04\u{2013}23:58"));
    assert!(html.contains("I know where you are tonight"));
    assert!(html.contains("<div class=\"print-only\">"));
    // The order says plainly it has no end date; the police advice is kept.
    assert!(html.contains("with no end date"));
    assert!(html.contains("Block his number."));
    // Timeline order: 12 Mar visit before the 14 Mar message before the 2 Apr sighting.
    let pos = |s: &str| html.find(s).unwrap();
    assert!(pos("rang the bell") < pos("&lt;script&gt;alert"));
    assert!(pos("&lt;script&gt;alert") < pos("Saw his car parked"));

    // Without a summary, the placeholder says so.
    assert!(html.contains("id=\"summary-for-officers\""));
    assert!(html.contains("The summary for officers is not included"));
}

#[test]
fn the_officers_summary_is_inserted_as_given() {
    let summary = "<p id=\"pattern\">14 incidents in 6 weeks; 3 breaches of the order.</p>";
    let html = render_with(Some(summary));
    assert!(html.contains(summary));
    assert!(!html.contains("The summary for officers is not included"));
}

#[test]
fn a_hostile_attachment_cannot_inject_markup_or_point_off_the_pack() {
    let mut a = photo();
    a.file_name = Some("\"><img src=x onerror=alert(1)>.jpg".into());
    let mut i = Incident::new(
        Occurred::at(at("2024-03-12T21:06:00+00:00")),
        Category::Other,
        "Photo of the note on my car",
    );
    i.attachments = vec![a];
    let disclosed = [view(1, "2024-03-12T21:30:00Z", Body::Incident(i))];
    // A PNG where a JPEG thumbnail was promised, and a path that leaves the pack.
    let thumbnails = |_: &str| Some(b"\x89PNG\r\n\x1a\n".to_vec());
    let attachment_path = |_: &AttachmentRef| "https://evil.example/x.jpg".to_string();
    let history = |_: u64| Vec::new();
    let html = render(&ReportInput {
        title: "Evidence pack",
        generated_at: Utc.with_ymd_and_hms(2024, 4, 5, 10, 0, 0).unwrap(),
        fingerprint: "SHA256:abc\"; } body { display: none } x {",
        public_key: "ssh-ed25519 AAAA",
        tree_size: 1,
        root_hex: "00",
        head_time: "not a time",
        disclosed: &disclosed,
        withheld: 0,
        checkpoints: &[],
        thumbnails: &thumbnails,
        attachment_path: &attachment_path,
        summary_html: None,
        entry_history: &history,
        transcripts: &crate::model::InlineOnly,
    })
    .unwrap();
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.jpg"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<img"), "a non-JPEG thumbnail was embedded");
    assert!(!html.contains("evil.example"));
    // The fingerprint reaches the print footer's CSS string only as fingerprint characters.
    assert!(html.contains("key SHA256:abcbodydisplay:nonex\"; font:"));
    assert!(!html.contains("abc\"; } body"));
}
