//! The diary's promises to its owner: what is recorded stays, reads back exactly, is
//! locked behind the passphrase, and can be corrected or erased only visibly.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use tally_core::Error;
use tally_core::diary::{AttachOptions, Diary, ListFilter};
use tally_core::model::*;

#[test]
fn every_entry_kind_round_trips_through_seal_store_unlock_read() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    let mut ben = person("Ben Carter");
    ben.phones.push("+44 7700 900123".into());
    ben.previous_violence = Some("pushed a previous partner, 2019".into());
    let p = diary.add_person(ben).unwrap();
    let photo = diary
        .attach_bytes(b"%PDF-1.4 fake statement", AttachOptions::default())
        .unwrap();
    let mut inc = incident(
        "2024-03-12T21:06:00+00:00",
        Category::VisitHome,
        "At my door",
    );
    inc.people.push(p);
    inc.details = Some("Rang the bell for ten minutes.\nShouted my name.".into());
    inc.place = Some(Place {
        text: "14 Elm Road".into(),
        saved: Some("Home".into()),
        coordinates: Some(Coordinates {
            lat: 53.8,
            lon: -1.55,
        }),
    });
    inc.impact = Impact {
        fear: Some(8),
        changes: vec![
            LifeChange::ChangedRoute,
            LifeChange::Other("slept at my sister's".into()),
        ],
        notes: None,
    };
    inc.witnesses.push(Witness {
        name: "Priya (neighbour)".into(),
        contact: Some("07700 900456".into()),
    });
    inc.attachments.push(photo.clone());
    inc.occurred.end = Some(at("2024-03-12T21:20:00+00:00"));
    let i = diary.add_incident(inc.clone()).unwrap();
    let order = Order {
        order_type: OrderType::Bail,
        person: p,
        start: chrono::NaiveDate::from_ymd_opt(2024, 3, 3).unwrap(),
        end: None,
        conditions: vec![
            Condition::NoContact,
            Condition::StayAway {
                place: "Elm Road".into(),
            },
        ],
        reference: Some("BAIL/123".into()),
        issued_by: Some("Leeds Magistrates".into()),
    };
    let o = diary.add_order(order.clone()).unwrap();
    let mut contact = PoliceContact::at(at("2024-03-13T09:00:00+00:00"));
    contact.reference = Some("13/45678/24".into());
    contact.reported.push(i);
    contact.method = Some(ContactMethod::Call101);
    let c = diary.add_police_contact(contact.clone()).unwrap();
    let log = MessageLog {
        source: MessageSource::Whatsapp,
        original: photo.clone(),
        time_zone: Some("Europe/London".into()),
        people: vec![p],
        chosen_senders: vec!["Ben".into()],
        messages: vec![LoggedMessage {
            at: at("2024-03-12T23:01:00+00:00"),
            sender: "Ben".into(),
            text: "answer me".into(),
            status: MessageStatus::Text,
            chosen: true,
            outgoing: false,
            media_name: None,
            media_sha256: None,
            media_type: None,
        }],
        calls: vec![],
        attachments: vec![],
        transcript: None,
    };
    let m = diary.add_message_log(log.clone()).unwrap();
    let mut corrected = inc.clone();
    corrected.summary = "At my door, then at the back window".into();
    let a = diary
        .amend(
            i,
            Body::Incident(corrected.clone()),
            Some("remembered more".into()),
        )
        .unwrap();
    let extra = diary
        .add_incident(incident(
            "2024-03-14T10:00:00+01:00",
            Category::Call,
            "Called",
        ))
        .unwrap();
    let e = diary.erase(extra, None).unwrap();
    assert_eq!((p, i, o, c, m, a, extra, e), (1, 2, 3, 4, 5, 6, 7, 8));
    let bytes_before: Vec<Vec<u8>> = (1..=6).map(|s| diary.entry_bytes(s).unwrap()).collect();
    diary.lock();

    let diary = Diary::unlock(&path, PASS).unwrap();
    assert_eq!(diary.len(), 8);
    assert!(diary.damage().is_none());
    for (s, before) in (1..=6).zip(&bytes_before) {
        assert_eq!(
            &diary.entry_bytes(s).unwrap(),
            before,
            "entry {s} bytes changed"
        );
    }
    assert_eq!(diary.get(o).unwrap().order(), Some(&order));
    assert_eq!(diary.get(c).unwrap().police_contact(), Some(&contact));
    assert_eq!(diary.get(m).unwrap().message_log(), Some(&log));
    let view = diary.get(i).unwrap();
    assert_eq!(view.status, EntryStatus::Amended);
    assert_eq!(view.incident(), Some(&corrected));
    assert_eq!(
        diary.entry(i).unwrap().body,
        Body::Incident(inc),
        "the original stays as sealed"
    );
    assert_eq!(diary.get(extra).unwrap().status, EntryStatus::Erased);
    assert!(matches!(diary.entry_bytes(extra), Err(Error::Erased(7))));
    let mut out = Vec::new();
    diary.read_attachment(&photo.sha256, &mut out).unwrap();
    assert_eq!(out, b"%PDF-1.4 fake statement");
    assert_eq!(photo.media_type, "application/pdf");
    let history = diary.history(i).unwrap();
    assert_eq!(
        history.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        vec![i, a]
    );
    let report = diary.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.erased, 1);
}

#[test]
fn wrong_passphrase_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    diary.add_person(person("Ben")).unwrap();
    diary.lock();
    let before = std::fs::read(&path).unwrap();
    let err = Diary::unlock(&path, "not the passphrase").unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase));
    assert!(err.to_string().contains("wrong passphrase"));
    assert!(matches!(
        Diary::unlock_with_key(&path, &[0u8; 32]),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
}

#[test]
fn passphrase_change_rekeys_so_the_old_key_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    let seq = diary.add_person(person("Ben")).unwrap();
    let bytes = diary.entry_bytes(seq).unwrap();
    let raw = diary.raw_key();
    assert!(matches!(
        diary.change_passphrase("wrong one!", "new passphrase 2"),
        Err(Error::WrongPassphrase)
    ));
    assert!(matches!(
        diary.change_passphrase(PASS, "short"),
        Err(Error::WeakPassphrase(_))
    ));
    diary.change_passphrase(PASS, "new passphrase 2").unwrap();
    diary.lock();
    assert!(matches!(
        Diary::unlock(&path, PASS),
        Err(Error::WrongPassphrase)
    ));
    let diary = Diary::unlock(&path, "new passphrase 2").unwrap();
    assert_eq!(diary.entry_bytes(seq).unwrap(), bytes);
    let fingerprint = diary.fingerprint();
    let new_raw = diary.raw_key();
    assert_ne!(
        *new_raw, *raw,
        "the data key must change with the passphrase"
    );
    drop(diary);
    // A keystore's copy of the old key opens nothing; the new one opens the same diary.
    assert!(matches!(
        Diary::unlock_with_key(&path, raw.as_ref()),
        Err(Error::WrongPassphrase)
    ));
    let diary = Diary::unlock_with_key(&path, new_raw.as_ref()).unwrap();
    assert_eq!(diary.len(), 1);
    assert_eq!(diary.fingerprint(), fingerprint);
    assert!(diary.check().unwrap().is_ok());
}

#[test]
fn invalid_entries_are_refused_with_the_field_named_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut diary) = new_diary(dir.path());
    let empty = incident("2024-03-12T21:06:00Z", Category::Call, "   ");
    assert!(
        diary
            .add_incident(empty)
            .unwrap_err()
            .to_string()
            .contains("summary must not be empty")
    );
    let mut backwards = incident("2024-03-12T21:06:00Z", Category::Call, "x");
    backwards.occurred.end = Some(at("2024-03-12T20:00:00Z"));
    assert!(
        diary
            .add_incident(backwards)
            .unwrap_err()
            .to_string()
            .contains("end is before the start")
    );
    let mut unknown = incident("2024-03-12T21:06:00Z", Category::Call, "x");
    unknown.people.push(42);
    assert!(
        diary
            .add_incident(unknown)
            .unwrap_err()
            .to_string()
            .contains("there is no entry 42")
    );
    let mut afraid = incident("2024-03-12T21:06:00Z", Category::Call, "x");
    afraid.impact.fear = Some(11);
    assert!(
        diary
            .add_incident(afraid)
            .unwrap_err()
            .to_string()
            .contains("fear must be between 0 and 10")
    );
    let i = diary
        .add_incident(incident("2024-03-12T21:06:00Z", Category::Call, "x"))
        .unwrap();
    let mut wrong_kind = incident("2024-03-12T21:06:00Z", Category::Call, "x");
    wrong_kind.people.push(i);
    assert!(
        diary
            .add_incident(wrong_kind)
            .unwrap_err()
            .to_string()
            .contains("entry 1 is an incident, not a person")
    );
    assert!(diary.amend(i, Body::Person(person("x")), None).is_err());
    assert_eq!(diary.len(), 1, "a refused entry was written");
}

#[test]
fn lists_filter_by_period_person_category_and_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut diary) = new_diary(dir.path());
    let ben = diary.add_person(person("Ben")).unwrap();
    let mut a = incident("2024-03-01T10:00:00Z", Category::Call, "a");
    a.people.push(ben);
    diary.add_incident(a).unwrap();
    diary
        .add_incident(incident("2024-03-10T10:00:00Z", Category::Threat, "b"))
        .unwrap();
    diary
        .add_incident(incident("2024-04-10T10:00:00Z", Category::Call, "c"))
        .unwrap();
    let seqs = |f: ListFilter| {
        diary
            .list(&f)
            .unwrap()
            .iter()
            .map(|v| v.seq)
            .collect::<Vec<_>>()
    };
    assert_eq!(seqs(ListFilter::default()), vec![1, 2, 3, 4]);
    assert_eq!(
        seqs(ListFilter {
            categories: vec![Category::Call],
            kinds: vec![EntryKind::Incident],
            ..Default::default()
        }),
        vec![2, 4]
    );
    assert_eq!(
        seqs(ListFilter {
            person: Some(ben),
            ..Default::default()
        }),
        vec![1, 2]
    );
    let d = |s: &str| s.parse().ok();
    assert_eq!(
        seqs(ListFilter {
            from: d("2024-03-05"),
            to: d("2024-03-31"),
            ..Default::default()
        }),
        vec![3]
    );
    assert_eq!(
        seqs(ListFilter {
            kinds: vec![EntryKind::Person],
            ..Default::default()
        }),
        vec![1]
    );
}

#[test]
fn an_iphone_photo_is_kept_as_heic_with_its_capture_time_place_and_camera() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut diary) = new_diary(dir.path());
    let heic = common::images::iphone_heic();
    let file = dir.path().join("IMG_0042.HEIC");
    std::fs::write(&file, &heic).unwrap();
    let from_file = diary.attach_file(&file).unwrap();
    let from_bytes = diary.attach_bytes(&heic, AttachOptions::default()).unwrap();
    for photo in [&from_file, &from_bytes] {
        assert_eq!(
            photo.media_type, "image/heic",
            "an iPhone photo is not a video"
        );
        assert_eq!(
            photo.captured_at.as_deref(),
            Some("2024-03-12T21:05:11+00:00")
        );
        assert_eq!(photo.camera.as_deref(), Some("Apple iPhone 15"));
        let gps = photo.gps.as_ref().expect("the place it was taken");
        assert!(
            (gps.lat - 51.5).abs() < 1e-9 && (gps.lon + 0.1).abs() < 1e-9,
            "{gps:?}"
        );
        assert_eq!(photo.dimensions, None, "its pixels are not decoded");
    }
    let mut out = Vec::new();
    diary.read_attachment(&from_file.sha256, &mut out).unwrap();
    assert_eq!(out, heic, "stored as it was");
    // A video is still a video.
    let mut mp4 = b"\0\0\0\x18ftypisom\0\0\0\0isomavc1".to_vec();
    mp4.extend([0u8; 64]);
    let video = diary.attach_bytes(&mp4, AttachOptions::default()).unwrap();
    assert_eq!(video.media_type, "video/mp4");
    assert_eq!(video.captured_at, None);
}

#[test]
fn large_attachment_streams_in_and_out_in_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut diary) = new_diary(dir.path());
    let data: Vec<u8> = (0..(3 * tally_core::diary::CHUNK_SIZE + 12345))
        .map(|i| (i * 7 % 251) as u8)
        .collect();
    let r = diary
        .attach_bytes(
            &data,
            AttachOptions {
                file_name: Some("clip.mp4".into()),
                media_type: None,
            },
        )
        .unwrap();
    assert_eq!(r.size, data.len() as u64);
    assert_eq!(
        r.sha256,
        hex::encode(ring::digest::digest(&ring::digest::SHA256, &data))
    );
    let again = diary.attach_bytes(&data, AttachOptions::default()).unwrap();
    assert_eq!(again.sha256, r.sha256, "identical content is stored once");
    let mut out = Vec::new();
    diary.read_attachment(&r.sha256, &mut out).unwrap();
    assert!(out == data);
    let empty = diary.attach_bytes(b"", AttachOptions::default()).unwrap();
    let mut out = Vec::new();
    diary.read_attachment(&empty.sha256, &mut out).unwrap();
    assert!(out.is_empty());
    assert!(diary.check().unwrap().is_ok());
}

#[test]
fn checkpoint_is_a_signed_head_of_the_current_state() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut diary) = new_diary(dir.path());
    assert!(diary.checkpoint().is_err());
    diary.add_person(person("Ben")).unwrap();
    diary.add_person(person("Ann")).unwrap();
    let text = diary.checkpoint().unwrap();
    let head =
        tally_core::log::SignedHead::from_checkpoint(&text, Some(&diary.public_key())).unwrap();
    assert_eq!(head.head.size, 2);
    assert_eq!(
        head.head.root,
        tally_core::log::to_hex(&tally_core::log::root(&diary.leaves().unwrap()))
    );
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x");
    std::fs::write(&path, b"precious").unwrap();
    assert!(Diary::create(&path, PASS, fast()).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
    assert!(matches!(Diary::unlock(&path, PASS), Err(Error::Store(_))));
    assert!(matches!(
        Diary::unlock(&dir.path().join("none"), PASS),
        Err(Error::Store(_))
    ));
}

#[test]
fn two_programs_appending_never_fork_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut first) = new_diary(dir.path());
    first.add_person(person("Ben")).unwrap();
    let mut second = Diary::unlock(&path, PASS).unwrap();
    second.add_person(person("Ann")).unwrap();
    let err = first.add_person(person("Cal")).unwrap_err();
    assert!(
        err.to_string().contains("changed by another program"),
        "{err}"
    );
    drop((first, second));
    let diary = Diary::unlock(&path, PASS).unwrap();
    assert_eq!(diary.len(), 2);
    assert!(diary.check().unwrap().is_ok());
}
