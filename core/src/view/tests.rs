//! The views, from scenario diaries: what the victim would see on each screen.
#![allow(clippy::unwrap_used)]

use crate::zone::Zone;
use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::crypto::kdf::KdfParams;
use crate::diary::{Clock, CreateOptions, Diary};
use crate::locale::{Locale, Words};
use crate::model::{
    AttachmentRef, Body, CallRecord, Category, Condition, EntryKind, Incident, MessageLog,
    MessageSource, Occurred, OrderType, Person, Relationship,
};
use crate::summary::SummaryFilter;

struct Fixed(std::sync::Arc<std::sync::Mutex<DateTime<Utc>>>);

impl Clock for Fixed {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

struct Case {
    _dir: tempfile::TempDir,
    diary: Diary,
    clock: std::sync::Arc<std::sync::Mutex<DateTime<Utc>>>,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        let options = CreateOptions {
            kdf: KdfParams::insecure_for_tests(),
        };
        let mut diary = Diary::create(
            &dir.path().join("case.tally"),
            "correct horse battery",
            options,
        )
        .unwrap();
        let clock = std::sync::Arc::new(std::sync::Mutex::new(utc("2024-11-01T12:00:00Z")));
        diary.set_clock(Box::new(Fixed(clock.clone())));
        Case {
            _dir: dir,
            diary,
            clock,
        }
    }

    fn at(&self, when: &str) {
        *self.clock.lock().unwrap() = utc(when);
    }

    fn now(&self) -> DateTime<Utc> {
        *self.clock.lock().unwrap()
    }

    fn person(&mut self, name: &str) -> u64 {
        self.diary
            .add_person(Person::new(name, Relationship::ExPartner))
            .unwrap()
    }

    fn incident(&mut self, when: &str, category: Category, summary: &str, people: &[u64]) -> u64 {
        let mut i = Incident::new(Occurred::at(time(when)), category, summary);
        i.people = people.to_vec();
        self.diary.add_incident(i).unwrap()
    }

    fn rows(&self) -> Rows {
        Rows::read(&self.diary).unwrap()
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    time(s).to_utc()
}

fn time(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn london() -> Zone {
    parse_zone("Europe/London").unwrap()
}

fn en() -> &'static Words {
    Words::en_gb()
}

fn draft(date: &str, time: &str, summary: &str) -> IncidentDraft {
    IncidentDraft {
        date: date.into(),
        time: time.into(),
        category: Some(Category::Call),
        summary: summary.into(),
        ..IncidentDraft::default()
    }
}

fn fields(outcome: &FormOutcome) -> Vec<(Field, Problem)> {
    match outcome {
        FormOutcome::Refused { errors } => errors
            .iter()
            .map(|e| (e.field, e.problem.clone()))
            .collect(),
        FormOutcome::Saved { seq } => panic!("expected a refusal, entry {seq} was saved"),
    }
}

fn saved(outcome: FormOutcome) -> u64 {
    match outcome {
        FormOutcome::Saved { seq } => seq,
        FormOutcome::Refused { errors } => panic!("refused: {errors:?}"),
    }
}

fn items(t: &Timeline) -> Vec<&TimelineItem> {
    t.days.iter().flat_map(|d| d.items.iter()).collect()
}

// ---- capture --------------------------------------------------------------------------

#[test]
fn quick_capture_starts_at_now_in_the_shells_zone() {
    let d = IncidentDraft::new(utc("2024-07-01T20:05:30Z"), london());
    assert_eq!((d.date.as_str(), d.time.as_str()), ("2024-07-01", "21:05"));
    let d = IncidentDraft::new(utc("2024-01-15T20:05:30Z"), london());
    assert_eq!(d.time, "20:05");
}

#[test]
fn half_past_one_on_the_autumn_change_is_asked_then_sealed_as_answered() {
    let mut case = Case::new();
    let mut d = draft("2024-10-27", "01:30", "Called twice");
    let review = review_incident(&d, london(), case.now(), en());
    let q = review.clock_question.clone().expect("the clock question");
    assert_eq!(q.change, ClockChange::Twice);
    assert!(!review.ready);
    let now = case.now();
    let refused = save_incident(&mut case.diary, &d, london(), now, en()).unwrap();
    assert_eq!(fields(&refused), [(Field::Time, Problem::ClockChange)]);
    assert!(
        case.diary.is_empty(),
        "nothing was written while the question was open"
    );

    d.clock = Some(ClockAnswer::Later);
    let now = case.now();
    let seq = saved(save_incident(&mut case.diary, &d, london(), now, en()).unwrap());
    let start = case
        .diary
        .get(seq)
        .unwrap()
        .incident()
        .unwrap()
        .occurred
        .start;
    assert_eq!(start.to_rfc3339(), "2024-10-27T01:30:00+00:00");
}

#[test]
fn a_time_the_spring_change_skipped_is_sealed_as_one_of_the_two_real_times() {
    let mut case = Case::new();
    let mut d = draft("2024-03-31", "01:30", "Followed me");
    let q = review_incident(&d, london(), case.now(), en())
        .clock_question
        .expect("the clock question");
    assert_eq!(q.change, ClockChange::Skipped);
    d.clock = Some(q.choices[0].answer);
    let now = case.now();
    let seq = saved(save_incident(&mut case.diary, &d, london(), now, en()).unwrap());
    let start = case
        .diary
        .get(seq)
        .unwrap()
        .incident()
        .unwrap()
        .occurred
        .start;
    assert_eq!(start.to_rfc3339(), "2024-03-31T00:30:00+00:00");
}

#[test]
fn an_incident_tomorrow_is_refused_as_in_the_future() {
    let mut case = Case::new();
    let d = draft("2024-11-02", "09:00", "Will come round");
    let now = case.now();
    let outcome = save_incident(&mut case.diary, &d, london(), now, en()).unwrap();
    assert_eq!(fields(&outcome), [(Field::Time, Problem::InFuture)]);
    // A minute's grace: "now" on a form opened a moment ago is not the future.
    let d = draft("2024-11-01", "12:00", "Just now");
    assert!(review_incident(&d, london(), utc("2024-11-01T11:59:30Z"), en()).ready);
}

#[test]
fn an_empty_capture_names_every_missing_field_in_words() {
    let case = Case::new();
    let review = review_incident(&IncidentDraft::default(), london(), case.now(), en());
    let found: Vec<Field> = review.errors.iter().map(|e| e.field).collect();
    assert_eq!(
        found,
        [Field::Date, Field::Time, Field::Category, Field::Summary]
    );
    let summary = review
        .errors
        .iter()
        .find(|e| e.field == Field::Summary)
        .unwrap();
    assert_eq!(summary.text, "What happened is needed.");
    let bad = review_incident(&draft("1/3/24", "9pm", "x"), london(), case.now(), en());
    let problems: Vec<Problem> = bad.errors.iter().map(|e| e.problem.clone()).collect();
    assert_eq!(problems, [Problem::NotADate, Problem::NotATime]);
}

#[test]
fn an_incident_naming_someone_who_is_not_a_person_is_refused_on_people() {
    let mut case = Case::new();
    let other = case.incident("2024-10-01T10:00:00+01:00", Category::Call, "rang", &[]);
    let mut d = draft("2024-10-02", "10:00", "rang again");
    d.people = vec![other];
    let now = case.now();
    let outcome = save_incident(&mut case.diary, &d, london(), now, en()).unwrap();
    assert_eq!(
        fields(&outcome),
        [(
            Field::People,
            Problem::WrongKind {
                seq: other,
                expected: EntryKind::Person
            }
        )]
    );
}

#[test]
fn details_added_later_are_a_correction_without_an_invented_reason() {
    let mut case = Case::new();
    let now = case.now();
    let seq = saved(
        save_incident(
            &mut case.diary,
            &draft("2024-10-02", "10:00", "rang"),
            london(),
            now,
            en(),
        )
        .unwrap(),
    );
    let amendment =
        saved(add_details(&mut case.diary, seq, "Twelve times, withheld number", en()).unwrap());
    let view = case.diary.get(seq).unwrap();
    assert_eq!(view.amended_by, [amendment]);
    assert_eq!(
        view.incident().unwrap().details.as_deref(),
        Some("Twelve times, withheld number")
    );
    match case.diary.entry(amendment).unwrap().body {
        Body::Amendment(a) => assert_eq!(a.reason, None),
        other => panic!("not an amendment: {other:?}"),
    }
}

// ---- other forms ----------------------------------------------------------------------

#[test]
fn person_order_and_police_forms_name_their_fields() {
    let mut case = Case::new();
    let person = review_person(&PersonDraft::default(), en());
    assert_eq!(person.errors[0].field, Field::Name);

    let order = review_order(
        &OrderDraft {
            start: "2024-03-10".into(),
            end: "2024-03-01".into(),
            ..OrderDraft::default()
        },
        en(),
    );
    let found: Vec<(Field, Problem)> = order
        .errors
        .iter()
        .map(|e| (e.field, e.problem.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (Field::OrderType, Problem::Required),
            (Field::BoundPerson, Problem::Required),
            (Field::EndDay, Problem::EndBeforeStart),
        ]
    );

    let stay_away = OrderDraft {
        order_type: Some(OrderType::Bail),
        person: Some(99),
        start: "2024-03-10".into(),
        conditions: vec![parse_condition("stay-away:  ")],
        ..OrderDraft::default()
    };
    assert_eq!(
        review_order(&stay_away, en()).errors[0].field,
        Field::Conditions
    );
    let missing = save_order(
        &mut case.diary,
        &OrderDraft {
            conditions: vec![Condition::NoContact],
            ..stay_away
        },
        en(),
    )
    .unwrap();
    assert_eq!(
        fields(&missing),
        [(Field::BoundPerson, Problem::NoSuchEntry { seq: 99 })]
    );

    let mut police = PoliceContactDraft::new(case.now(), london());
    police.time = "25:00".into();
    let review = review_police_contact(&police, london(), case.now(), en());
    assert_eq!(review.errors[0].problem, Problem::NotATime);
    police.time = "10:00".into();
    police.reference = " AB/123/24 ".into();
    let now = case.now();
    let seq = saved(save_police_contact(&mut case.diary, &police, london(), now, en()).unwrap());
    assert_eq!(
        case.diary
            .get(seq)
            .unwrap()
            .police_contact()
            .unwrap()
            .reference
            .as_deref(),
        Some("AB/123/24")
    );
}

#[test]
fn a_new_passphrase_must_be_long_enough_and_typed_twice_alike() {
    let errors = review_new_passphrase("short", "shorter", en());
    let found: Vec<Field> = errors.iter().map(|e| e.field).collect();
    assert_eq!(found, [Field::Passphrase, Field::Confirmation]);
    assert!(review_new_passphrase("a long passphrase", "a long passphrase", en()).is_empty());
}

#[test]
fn the_command_line_grammar_for_conditions_and_changes() {
    assert_eq!(parse_condition("No-Contact"), Condition::NoContact);
    assert_eq!(
        parse_condition("stay-away: 12 Elm Road"),
        Condition::StayAway {
            place: "12 Elm Road".into()
        }
    );
    assert_eq!(
        parse_condition("report weekly"),
        Condition::Other {
            text: "report weekly".into()
        }
    );
    assert_eq!(
        parse_life_change("moved-home"),
        crate::model::LifeChange::MovedHome
    );
    assert_eq!(
        parse_life_change(" changed my gym "),
        crate::model::LifeChange::Other("changed my gym".into())
    );
}

// ---- timeline and detail --------------------------------------------------------------

#[test]
fn an_erased_entry_stands_removed_on_the_day_with_its_reason() {
    let mut case = Case::new();
    case.at("2024-03-01T20:00:00Z");
    let seq = case.incident(
        "2024-03-01T19:30:00+00:00",
        Category::VisitHome,
        "At the door",
        &[],
    );
    case.at("2024-03-05T09:00:00Z");
    let erasure = case.diary.erase(seq, Some("wrong address".into())).unwrap();
    let t = timeline(&case.rows(), &TimelineFilter::default(), london(), en());
    let item = items(&t)
        .into_iter()
        .find(|i| i.seq == seq)
        .expect("the erased entry is shown");
    assert_eq!(
        item.status,
        ItemStatus::Removed {
            on: Some(day("2024-03-05")),
            by: erasure,
            reason: Some("wrong address".into())
        }
    );
    assert_eq!(item.date, Some(day("2024-03-05")));
    assert_eq!(item.headline, "Incident removed");
    assert_eq!(
        item.status_text.as_deref(),
        Some("Removed on 5 March 2024: wrong address")
    );
}

#[test]
fn an_amended_entry_shows_both_versions() {
    let mut case = Case::new();
    case.at("2024-03-01T20:00:00Z");
    let seq = case.incident(
        "2024-03-01T19:30:00+00:00",
        Category::VisitHome,
        "At the door",
        &[],
    );
    case.at("2024-03-02T08:00:00Z");
    let AmendmentStart::Draft(mut d) = amendment_draft(&case.diary, seq, en()).unwrap() else {
        panic!("an incident can be corrected");
    };
    if let DraftContent::Incident(i) = &mut d.content {
        assert_eq!(i.kept_offset, "+00:00");
        i.summary = "At the door for an hour".into();
    }
    d.reason = "remembered how long".into();
    let now = case.now();
    let amendment = saved(save_amendment(&mut case.diary, &d, london(), now, en()).unwrap());
    let detail = entry_detail(&case.diary, seq, london(), en()).unwrap();
    assert_eq!(
        detail.item.headline,
        "Visit to home: At the door for an hour"
    );
    assert_eq!(
        detail.item.status,
        ItemStatus::Amended {
            on: Some(day("2024-03-02")),
            by: amendment,
            versions: 2
        }
    );
    let versions: Vec<(HistoryRole, Option<&str>)> = detail
        .history
        .iter()
        .map(|h| (h.role, h.headline.as_deref()))
        .collect();
    assert_eq!(
        versions,
        [
            (HistoryRole::Original, Some("Visit to home: At the door")),
            (
                HistoryRole::Correction,
                Some("Visit to home: At the door for an hour")
            ),
        ]
    );
    assert_eq!(
        detail.history[1].reason.as_deref(),
        Some("remembered how long")
    );
    assert!(
        detail.history[0]
            .text
            .starts_with("Original, sealed 20:00 on 1 March 2024")
    );
}

#[test]
fn corrections_of_conversations_and_removed_entries_are_refused() {
    let mut case = Case::new();
    let log = case.diary.add_message_log(call_log()).unwrap();
    let AmendmentStart::Refused(errors) = amendment_draft(&case.diary, log, en()).unwrap() else {
        panic!("a conversation is imported, not corrected");
    };
    assert_eq!(errors[0].problem, Problem::NotAmendable { seq: log });
    let seq = case.incident("2024-03-01T19:30:00+00:00", Category::Call, "rang", &[]);
    case.diary.erase(seq, None).unwrap();
    let AmendmentStart::Refused(errors) = amendment_draft(&case.diary, seq, en()).unwrap() else {
        panic!("a removed entry has nothing to correct");
    };
    assert_eq!(errors[0].problem, Problem::Erased { seq });
}

fn call_log() -> MessageLog {
    let call = |at: &str| CallRecord {
        at: time(at),
        number: "+447700900123".into(),
        direction: "missed".into(),
        duration_seconds: 0,
        chosen: true,
    };
    MessageLog {
        source: MessageSource::Sms,
        original: AttachmentRef {
            sha256: "ab".repeat(32),
            size: 10,
            media_type: "application/xml".into(),
            file_name: Some("calls.xml".into()),
            captured_at: None,
            camera: None,
            gps: None,
            dimensions: None,
        },
        time_zone: None,
        people: Vec::new(),
        chosen_senders: Vec::new(),
        messages: Vec::new(),
        calls: vec![
            call("2024-04-02T23:10:00+01:00"),
            call("2024-04-03T00:20:00+01:00"),
        ],
        attachments: Vec::new(),
        transcript: None,
    }
}

#[test]
fn a_call_only_message_log_is_dated_by_its_calls() {
    let mut case = Case::new();
    let seq = case.diary.add_message_log(call_log()).unwrap();
    let t = timeline(&case.rows(), &TimelineFilter::default(), london(), en());
    let item = items(&t).into_iter().find(|i| i.seq == seq).unwrap();
    assert_eq!(item.date, Some(day("2024-04-02")));
    assert_eq!(
        item.time.as_ref().map(|t| t.at.to_rfc3339()),
        Some("2024-04-02T23:10:00+01:00".into())
    );
    assert_eq!(
        item.end.as_ref().map(|t| t.at.to_rfc3339()),
        Some("2024-04-03T00:20:00+01:00".into())
    );
    assert_eq!(item.headline, "SMS: 2 calls imported");
}

#[test]
fn the_timeline_groups_by_the_day_lived_newest_first() {
    let mut case = Case::new();
    let ben = case.person("Ben Carter");
    // 00:10 on 1 April in London is still 31 March in UTC: it stands on 1 April.
    let late = case.incident("2024-04-01T00:10:00+01:00", Category::Call, "rang", &[ben]);
    let early = case.incident(
        "2024-03-31T09:00:00+01:00",
        Category::VisitHome,
        "came",
        &[ben],
    );
    let t = timeline(&case.rows(), &TimelineFilter::default(), london(), en());
    let days: Vec<(NaiveDate, Vec<u64>)> = t
        .days
        .iter()
        .map(|d| (d.date, d.items.iter().map(|i| i.seq).collect()))
        .collect();
    assert_eq!(
        days,
        [
            (day("2024-04-01"), vec![late]),
            (day("2024-03-31"), vec![early])
        ]
    );
    assert_eq!(t.days[0].heading, "Monday 1 April 2024");
    let item = &t.days[0].items[0];
    assert_eq!(item.people[0].name, "Ben Carter");
    assert_eq!(item.time.as_ref().map(|t| t.time.as_str()), Some("00:10"));
    let calls = timeline(
        &case.rows(),
        &TimelineFilter {
            categories: vec![Category::VisitHome],
            ..TimelineFilter::default()
        },
        london(),
        en(),
    );
    assert_eq!(
        items(&calls).iter().map(|i| i.seq).collect::<Vec<_>>(),
        [early]
    );
}

#[test]
fn a_damaged_row_costs_only_itself() {
    let mut case = Case::new();
    for n in 1..=3 {
        case.incident(
            &format!("2024-03-0{n}T10:00:00+00:00"),
            Category::Message,
            "texted",
            &[],
        );
    }
    let path = case.diary.path().to_owned();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut sealed: Vec<u8> = conn
        .query_row("SELECT sealed FROM entries WHERE seq = 2", [], |r| r.get(0))
        .unwrap();
    sealed[20] ^= 1;
    conn.execute("UPDATE entries SET sealed = ?1 WHERE seq = 2", [sealed])
        .unwrap();
    drop(conn);
    let diary = Diary::unlock(&path, "correct horse battery").unwrap();
    let rows = Rows::read(&diary).unwrap();
    assert_eq!(rows.views.len(), 2);
    assert_eq!(rows.damaged.iter().map(|d| d.seq).collect::<Vec<_>>(), [2]);
    let t = timeline(&rows, &TimelineFilter::default(), london(), en());
    assert_eq!(t.shown, 3);
    assert_eq!(t.damaged, 1);
    let damaged = items(&t).into_iter().find(|i| i.seq == 2).unwrap();
    assert!(matches!(damaged.status, ItemStatus::Damaged { .. }));
    assert_eq!(damaged.headline, "Entry 2 could not be read");
}

#[test]
fn the_timeline_speaks_welsh_when_asked() {
    let mut case = Case::new();
    case.incident(
        "2024-03-01T19:30:00+00:00",
        Category::VisitHome,
        "Wrth y drws",
        &[],
    );
    let t = timeline(
        &case.rows(),
        &TimelineFilter::default(),
        london(),
        Words::of(Locale::Cy),
    );
    assert_eq!(
        t.days[0].items[0].headline,
        "Ymweliad â'r cartref: Wrth y drws"
    );
    assert_eq!(t.days[0].heading, "Dydd Gwener 1 Mawrth 2024");
}

// ---- summary --------------------------------------------------------------------------

#[test]
fn the_summary_screen_says_what_the_report_says() {
    let mut case = Case::new();
    let ben = case.person("Ben Carter");
    for (n, category) in [
        Category::VisitHome,
        Category::Threat,
        Category::VisitWork,
        Category::VisitHome,
        Category::VisitHome,
    ]
    .into_iter()
    .enumerate()
    {
        case.incident(
            &format!("2024-03-0{}T21:00:00+00:00", n + 1),
            category,
            "again",
            &[ben],
        );
    }
    let views = case.diary.views().unwrap();
    let view = summary_view(&views, &SummaryFilter::default(), &case.diary, en()).unwrap();
    let html = crate::report::summary_html(
        &crate::summary::summarise(&views, &SummaryFilter::default(), &case.diary).unwrap(),
        &|_| None,
    );
    assert!(!view.indicators.is_empty());
    for sentence in view.indicators.iter().chain([&view.period, &view.recorded]) {
        assert!(
            html.contains(&crate::report::escape(sentence)),
            "the report lacks {sentence:?}"
        );
    }
    assert_eq!(view.incidents_total, 5);
    assert_eq!(view.by_category[0].category, Category::Threat);
    assert_eq!(view.weeks.iter().map(|w| w.total).sum::<u64>(), 5);
    assert!(
        view.indicators
            .contains(&"Recorded: 1 threat on 2 March 2024.".to_owned())
    );
}

// ---- import wizard --------------------------------------------------------------------

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/import")
        .join(name)
}

#[test]
fn the_day_month_question_is_asked_only_when_the_chat_cannot_prove_it() {
    let ambiguous = preview_import(&fixture("ambiguous.txt"), london(), None, None, en()).unwrap();
    let q = ambiguous.date_order_question.expect("the question");
    assert_eq!(q.choices.len(), 2);
    assert_eq!(ambiguous.first, None, "times wait for the answer");
    assert_eq!(ambiguous.senders[0].name, "Sam");
    let answered = preview_import(
        &fixture("ambiguous.txt"),
        london(),
        Some(crate::import::DateOrder::MonthDayYear),
        None,
        en(),
    )
    .unwrap();
    assert!(answered.date_order_question.is_none());
    assert_eq!(
        answered.date_order,
        Some(crate::import::DateOrder::MonthDayYear)
    );

    let proven =
        preview_import(&fixture("android-24h-dmy.txt"), london(), None, None, en()).unwrap();
    assert!(proven.date_order_question.is_none());
    assert_eq!(proven.format, ImportFormat::WhatsAppText);
    assert_eq!(proven.senders[0].name, "Sam Stalker");
    // Three lines continue one message (a blank line inside it is kept), one a caption.
    assert_eq!(proven.lines_joined, 4);
    assert!(proven.lines.iter().any(|l| l.contains("joined")));
}

#[test]
fn an_sms_backup_lists_its_numbers_to_choose_from() {
    let p = preview_import(&fixture("sms-backup.xml"), london(), None, None, en()).unwrap();
    assert_eq!(p.format, ImportFormat::SmsBackup);
    assert!(p.messages > 0);
    assert!(!p.senders.is_empty());
    assert!(p.date_order_question.is_none());
}

#[test]
fn a_telegram_export_of_all_chats_asks_which_chat_before_counting() {
    let all = preview_import(&fixture("telegram-data.json"), london(), None, None, en()).unwrap();
    assert_eq!(all.format, ImportFormat::Telegram);
    assert!(all.needs_chat);
    assert_eq!(all.chats.len(), 2);
    assert!(all.senders.is_empty(), "senders wait for the chat");
    let chosen = preview_import(
        &fixture("telegram-data.json"),
        london(),
        None,
        Some("Mum"),
        en(),
    )
    .unwrap();
    assert!(!chosen.needs_chat);
    assert!(chosen.messages > 0 && !chosen.senders.is_empty());
}

#[test]
fn a_meta_download_is_offered_as_instagram_or_messenger_and_notices_have_no_sender() {
    let p = preview_import(&fixture("instagram-inbox.json"), london(), None, None, en()).unwrap();
    assert_eq!(p.format, ImportFormat::Instagram);
    assert_eq!(p.could_also_be, vec![ImportFormat::Messenger]);
    let de = preview_import(&fixture("wa-ios-de.txt"), london(), None, None, en()).unwrap();
    assert!(de.notices > 0);
    assert!(
        de.senders.iter().all(|s| !s.name.contains("verschlüsselt")),
        "a notice is never a sender"
    );
}

// ---- the same evidence from every front end -------------------------------------------

#[test]
fn a_photo_attached_from_a_file_or_from_bytes_is_the_same_evidence() {
    let mut case = Case::new();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/view/phone-photo.jpg");
    let from_file = case.diary.attach_file(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let from_bytes = case
        .diary
        .attach_bytes(
            &bytes,
            crate::diary::AttachOptions {
                file_name: Some("phone-photo.jpg".into()),
                media_type: None,
            },
        )
        .unwrap();
    assert_eq!(from_file, from_bytes);
    assert_eq!(from_file.media_type, "image/jpeg");
    assert_eq!(from_file.dimensions, Some((8, 8)));
    assert_eq!(
        from_file.captured_at.as_deref(),
        Some("2024-03-12T21:05:11+00:00")
    );
    assert_eq!(from_file.camera.as_deref(), Some("Apple iPhone 15"));
    assert!(from_file.gps.is_some());
}

#[test]
fn the_export_screen_shows_a_backwards_period_beside_its_field_instead_of_failing() {
    let mut c = Case::new();
    let sam = c.person("Sam");
    c.incident(
        "2024-03-01T21:30:00+00:00",
        Category::VisitHome,
        "At the door",
        &[sam],
    );
    let backwards = crate::pack::DisclosureChoices {
        from: Some(day("2024-03-01")),
        to: Some(day("2024-02-01")),
        ..Default::default()
    };
    let screen = export_screen_of(&c.diary, &backwards, london(), en()).unwrap();
    assert!(
        !screen.ready,
        "nothing can be written for a period that ends before it starts"
    );
    assert!(screen.going_out.is_empty());
    assert_eq!(screen.total, 2);
    assert_eq!(
        screen.errors.iter().map(|e| e.field).collect::<Vec<_>>(),
        vec![Field::EndDate]
    );
}
