//! Scenario tests with known answers, built from the entry views a diary would give.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc};

use super::*;
use crate::model::InlineOnly;
use crate::model::{
    AttachmentRef, Body, Category, Condition, EntryKind, EntryStatus, EntryView, Impact, Incident,
    LoggedMessage, MessageLog, MessageSource, MessageStatus, Occurred, Order, OrderType, Person,
    Place, PoliceContact, Relationship,
};
use crate::report::{escape, summary_html};

// ---- builders ---------------------------------------------------------------------------

/// The summary of views whose conversations keep their messages in their entries.
fn summarise(entries: &[EntryView], filter: &SummaryFilter) -> Summary {
    super::summarise(entries, filter, &InlineOnly).unwrap()
}

fn at(y: i32, m: u32, d: u32, hh: u32, mm: u32, offset_hours: i32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(offset_hours * 3600)
        .unwrap()
        .with_ymd_and_hms(y, m, d, hh, mm, 0)
        .single()
        .unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn view(seq: u64, body: Body) -> EntryView {
    EntryView {
        seq,
        kind: body.kind(),
        recorded_at: Some(Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap()),
        status: EntryStatus::Original,
        current: Some(body),
        amended_by: Vec::new(),
        erased_by: None,
    }
}

fn amended(seq: u64, body: Body, by: u64) -> EntryView {
    EntryView {
        status: EntryStatus::Amended,
        amended_by: vec![by],
        ..view(seq, body)
    }
}

fn erased(seq: u64, kind: EntryKind, by: u64) -> EntryView {
    EntryView {
        seq,
        kind,
        recorded_at: None,
        status: EntryStatus::Erased,
        current: None,
        amended_by: Vec::new(),
        erased_by: Some(by),
    }
}

fn person(seq: u64, name: &str) -> EntryView {
    view(
        seq,
        Body::Person(Person::new(name, Relationship::ExPartner)),
    )
}

fn incident(
    seq: u64,
    when: DateTime<FixedOffset>,
    category: Category,
    people: &[u64],
) -> EntryView {
    view(seq, Body::Incident(incident_body(when, category, people)))
}

fn incident_body(when: DateTime<FixedOffset>, category: Category, people: &[u64]) -> Incident {
    let mut i = Incident::new(Occurred::at(when), category, "what happened");
    i.people = people.to_vec();
    i
}

fn incident_at_place(
    seq: u64,
    when: DateTime<FixedOffset>,
    category: Category,
    people: &[u64],
    text: &str,
    saved: Option<&str>,
) -> EntryView {
    let mut i = incident_body(when, category, people);
    i.place = Some(Place {
        text: text.to_string(),
        saved: saved.map(str::to_string),
        coordinates: None,
    });
    view(seq, Body::Incident(i))
}

fn order(
    seq: u64,
    order_type: OrderType,
    person: u64,
    start: NaiveDate,
    end: Option<NaiveDate>,
    conditions: Vec<Condition>,
) -> EntryView {
    view(
        seq,
        Body::Order(Order {
            order_type,
            person,
            start,
            end,
            conditions,
            reference: Some(" BAIL/77 ".to_string()),
            issued_by: None,
        }),
    )
}

fn police(
    seq: u64,
    when: DateTime<FixedOffset>,
    reference: Option<&str>,
    reported: &[u64],
    advice: Option<&str>,
) -> EntryView {
    let mut pc = PoliceContact::at(when);
    pc.reference = reference.map(str::to_string);
    pc.reported = reported.to_vec();
    pc.advice = advice.map(str::to_string);
    view(seq, Body::PoliceContact(pc))
}

fn message(when: DateTime<FixedOffset>, sender: &str, text: &str) -> LoggedMessage {
    LoggedMessage {
        at: when,
        sender: sender.to_string(),
        text: text.to_string(),
        status: MessageStatus::Text,
        chosen: false,
        outgoing: false,
        media_name: None,
        media_sha256: None,
        media_type: None,
    }
}

fn chat(seq: u64, people: &[u64], messages: Vec<LoggedMessage>) -> EntryView {
    view(
        seq,
        Body::MessageLog(MessageLog {
            source: MessageSource::Whatsapp,
            original: AttachmentRef {
                sha256: "00".repeat(32),
                size: 1,
                media_type: "text/plain".to_string(),
                file_name: None,
                captured_at: None,
                camera: None,
                gps: None,
                dimensions: None,
            },
            time_zone: Some("Europe/London".to_string()),
            people: people.to_vec(),
            chosen_senders: vec!["Jason".to_string()],
            messages,
            calls: Vec::new(),
            attachments: Vec::new(),
            transcript: None,
        }),
    )
}

/// 37 messages from Jason between 23:00 on 9 March and 00:48 on 10 March 2024, with the
/// victim's replies and an app notice between them.
fn night_of_messages(seq: u64, people: &[u64]) -> EntryView {
    let mut messages = vec![message(
        at(2024, 3, 9, 22, 59, 0),
        "",
        "Messages are end-to-end encrypted",
    )];
    messages[0].status = MessageStatus::System;
    for n in 0..37u32 {
        let (d, minutes) = (
            9 + (23 * 60 + n * 3) / (24 * 60),
            (23 * 60 + n * 3) % (24 * 60),
        );
        messages.push(message(
            at(2024, 3, d, minutes / 60, minutes % 60, 0),
            "Jason",
            &format!("message {n}"),
        ));
        if n % 8 == 0 {
            let mut reply = message(at(2024, 3, d, minutes / 60, minutes % 60, 0), "Me", "stop");
            reply.outgoing = true;
            messages.push(reply);
        }
    }
    chat(seq, people, messages)
}

fn everything() -> SummaryFilter {
    SummaryFilter::default()
}

/// Jason (1); bail (2) with no contact from 3 March to 3 April 2024; 9 contacts by him
/// inside it (including on both boundary days, one through a third party, and one
/// recorded out of time order), 2 outside, and one incident inside it naming nobody.
fn bail_scenario(name: &str) -> Vec<EntryView> {
    vec![
        person(1, name),
        order(
            2,
            OrderType::Bail,
            1,
            day(2024, 3, 3),
            Some(day(2024, 4, 3)),
            vec![Condition::NoContact],
        ),
        incident(3, at(2024, 3, 2, 23, 30, 0), Category::Message, &[1]), // outside: day before
        incident(4, at(2024, 3, 3, 0, 5, 0), Category::Call, &[1]),      // 1 (first day)
        incident(5, at(2024, 3, 5, 9, 0, 0), Category::Message, &[1]),   // 2
        incident(6, at(2024, 3, 9, 18, 0, 0), Category::VisitWork, &[1]), // 3
        incident(
            7,
            at(2024, 3, 12, 8, 0, 0),
            Category::ThirdPartyContact,
            &[1],
        ), // 4
        incident(8, at(2024, 3, 14, 21, 0, 0), Category::Threat, &[1]),  // 6 (out of order)
        incident(9, at(2024, 3, 13, 7, 0, 0), Category::Loitering, &[1]), // 5
        incident(10, at(2024, 3, 20, 22, 0, 0), Category::VisitHome, &[1]), // 7
        incident(11, at(2024, 3, 21, 10, 0, 0), Category::Message, &[]), // names nobody
        incident(
            12,
            at(2024, 3, 28, 12, 0, 0),
            Category::PropertyDamage,
            &[1],
        ), // 8
        incident(13, at(2024, 4, 3, 23, 30, 1), Category::VisitHome, &[1]), // 9 (last day, BST)
        incident(14, at(2024, 4, 4, 0, 30, 1), Category::Message, &[1]), // outside: day after
        police(
            15,
            at(2024, 3, 14, 22, 0, 0),
            Some(" 13/45678/24 "),
            &[8],
            Some("Block him on everything and keep your doors locked"),
        ),
    ]
}

// ---- order breaches ----------------------------------------------------------------------

#[test]
fn nine_contacts_inside_bail_are_nine_numbered_breaches() {
    let s = summarise(&bail_scenario("Jason"), &everything());
    assert_eq!(s.order_breaches.len(), 9);
    let numbers: Vec<usize> = s.order_breaches.iter().map(|b| b.number).collect();
    assert_eq!(numbers, (1..=9).collect::<Vec<_>>());
    let incidents: Vec<u64> = s.order_breaches.iter().map(|b| b.incident).collect();
    assert_eq!(incidents, vec![4, 5, 6, 7, 9, 8, 10, 12, 13]);
    assert!(s.order_breaches.iter().all(|b| b.order == 2));
    let ninth = &s.order_breaches[8];
    assert_eq!(
        ninth.text,
        "breach 9 of the bail conditions of 3 March 2024"
    );
    assert_eq!(ninth.date, day(2024, 4, 3));
    assert_eq!(ninth.condition, "no contact");
    assert_eq!(s.orders.len(), 1);
    assert_eq!(s.orders[0].breaches_total, 9);
    assert_eq!(
        s.orders[0].text,
        "Breaches recorded: 9 of the bail conditions of 3 March 2024."
    );
    assert_eq!(s.orders[0].reference.as_deref(), Some("BAIL/77"));
}

#[test]
fn breach_numbers_keep_their_meaning_when_the_summary_is_filtered_by_date() {
    let filter = SummaryFilter {
        from: Some(day(2024, 3, 20)),
        ..SummaryFilter::default()
    };
    let s = summarise(&bail_scenario("Jason"), &filter);
    let numbers: Vec<usize> = s.order_breaches.iter().map(|b| b.number).collect();
    assert_eq!(numbers, vec![7, 8, 9]);
    assert_eq!(s.orders[0].breaches_in_summary, 3);
    assert_eq!(s.orders[0].breaches_total, 9);
    assert!(s.orders[0].text.contains("3 of the bail conditions"));
    assert!(s.orders[0].text.contains("9 among all disclosed entries"));
}

#[test]
fn stay_away_counts_visits_to_the_named_places_only() {
    let entries = vec![
        person(1, "Jason"),
        order(
            2,
            OrderType::RestrainingOrder,
            1,
            day(2024, 1, 10),
            None, // open-ended: no end date
            vec![
                Condition::StayAway {
                    place: "Home".to_string(),
                },
                Condition::StayAway {
                    place: "Acme Ltd, Wellington Street".to_string(),
                },
            ],
        ),
        incident_at_place(
            3,
            at(2024, 2, 1, 8, 0, 0),
            Category::VisitHome,
            &[1],
            "",
            Some("Home"),
        ),
        incident_at_place(
            4,
            at(2024, 2, 2, 9, 0, 0),
            Category::VisitWork,
            &[1],
            "ACME LTD wellington street, in reception",
            None,
        ),
        // Elsewhere: not a breach of a stay-away condition.
        incident_at_place(
            5,
            at(2024, 2, 3, 17, 0, 0),
            Category::VisitOther,
            &[1],
            "Tesco car park",
            None,
        ),
        // A message names no place: not a breach (the order has no no-contact condition).
        incident(6, at(2024, 2, 4, 17, 0, 0), Category::Message, &[1]),
        // Two years later: the open-ended order is still in force.
        incident_at_place(
            7,
            at(2026, 2, 1, 8, 0, 0),
            Category::VisitHome,
            &[1],
            "outside my home",
            None,
        ),
        // Before the order started.
        incident_at_place(
            8,
            at(2024, 1, 9, 8, 0, 0),
            Category::VisitHome,
            &[1],
            "",
            Some("Home"),
        ),
    ];
    let s = summarise(&entries, &everything());
    let incidents: Vec<u64> = s.order_breaches.iter().map(|b| b.incident).collect();
    assert_eq!(incidents, vec![3, 4, 7]);
    assert_eq!(s.order_breaches[0].condition, "stay away from Home");
    assert_eq!(
        s.order_breaches[1].condition,
        "stay away from Acme Ltd, Wellington Street"
    );
    assert_eq!(
        s.order_breaches[2].text,
        "breach 3 of the restraining order of 10 January 2024"
    );
}

#[test]
fn one_incident_breaching_two_conditions_is_one_breach_naming_both() {
    let entries = vec![
        person(1, "Jason"),
        order(
            2,
            OrderType::NonMolestationOrder,
            1,
            day(2024, 1, 1),
            None,
            vec![
                Condition::NoContact,
                Condition::StayAway {
                    place: "home".to_string(),
                },
            ],
        ),
        incident_at_place(
            3,
            at(2024, 2, 1, 8, 0, 0),
            Category::VisitHome,
            &[1],
            "",
            Some("Home"),
        ),
    ];
    let s = summarise(&entries, &everything());
    assert_eq!(s.order_breaches.len(), 1);
    assert_eq!(
        s.order_breaches[0].condition,
        "no contact; stay away from home"
    );
}

// ---- imported conversations ------------------------------------------------------------

#[test]
fn thirty_seven_messages_in_one_night_are_thirty_seven_contacts_and_breaches() {
    let entries = vec![
        person(1, "Jason"),
        order(
            2,
            OrderType::Bail,
            1,
            day(2024, 3, 3),
            Some(day(2024, 4, 3)),
            vec![Condition::NoContact],
        ),
        night_of_messages(3, &[1]),
    ];
    let s = summarise(&entries, &everything());
    assert_eq!(s.messages_counted, 37);
    assert_eq!(s.incidents_total, 0);
    assert_eq!(s.order_breaches.len(), 37);
    assert!(
        s.order_breaches
            .iter()
            .all(|b| b.source == BreachSource::Message && b.incident == 3)
    );
    assert_eq!(s.order_breaches[36].number, 37);
    assert_eq!(s.order_breaches[36].date, day(2024, 3, 10));
    // The night spans two ISO weeks (Saturday 9 into Sunday 10 March: both W10).
    assert_eq!(s.weeks.len(), 1);
    assert_eq!(s.weeks[0].imported, 37);
    assert_eq!(s.per_person[0].messages_counted, 37);
}

#[test]
fn messages_outside_a_no_contact_order_are_counted_but_not_breaches() {
    let entries = vec![person(1, "Jason"), night_of_messages(2, &[1])];
    let s = summarise(&entries, &everything());
    assert_eq!(s.messages_counted, 37);
    assert!(s.order_breaches.is_empty());
}

#[test]
fn the_same_chat_imported_twice_is_counted_once() {
    let first = night_of_messages(3, &[1]);
    let mut second = night_of_messages(4, &[1]);
    if let Some(Body::MessageLog(log)) = &mut second.current {
        for _ in 0..3 {
            log.messages
                .push(message(at(2024, 3, 12, 9, 0, 0), "Jason", "again"));
        }
    }
    let entries = vec![person(1, "Jason"), first, second];
    let s = summarise(&entries, &everything());
    // Three identical messages inside one log are three messages; the overlap is not.
    assert_eq!(s.messages_counted, 40);
    assert_eq!(s.duplicate_imports_skipped, 37);
}

// ---- police ------------------------------------------------------------------------------

#[test]
fn two_references_for_one_person_are_reported_as_unlinked_reports() {
    let entries = vec![
        person(1, "Jason"),
        incident(2, at(2024, 3, 5, 9, 0, 0), Category::Message, &[1]),
        incident(3, at(2024, 3, 9, 9, 0, 0), Category::VisitHome, &[1]),
        police(
            4,
            at(2024, 3, 5, 12, 0, 0),
            Some("  13/111/24 "),
            &[2],
            Some("Block him on everything"),
        ),
        police(
            5,
            at(2024, 3, 9, 12, 0, 0),
            Some("14/222/24"),
            &[3],
            Some("The blockade on the A61 delayed us"),
        ),
        // The first reference again, spelt with different spacing and case.
        police(6, at(2024, 3, 10, 12, 0, 0), Some("13/111/24"), &[3], None),
        police(
            7,
            at(2024, 3, 11, 12, 0, 0),
            None,
            &[],
            Some("Call 999 if he comes back"),
        ),
    ];
    let s = summarise(&entries, &everything());
    assert_eq!(s.distinct_references_per_person.len(), 1);
    let refs = &s.distinct_references_per_person[0];
    assert_eq!(refs.person, 1);
    assert_eq!(refs.count, 2);
    assert_eq!(refs.references, vec!["13/111/24", "14/222/24"]);

    assert_eq!(s.police_contacts.len(), 4);
    assert_eq!(s.police_contacts[0].reference.as_deref(), Some("13/111/24"));
    assert!(s.police_contacts[0].advised_blocking);
    assert!(
        s.police_contacts[0]
            .blocking_note
            .as_deref()
            .is_some_and(|n| n.contains("escalate") && n.contains("evidence"))
    );
    assert!(!s.police_contacts[1].advised_blocking);
    assert!(s.police_contacts[1].blocking_note.is_none());
    assert_eq!(s.police_contacts[3].reference, None);

    let json = serde_json::to_value(&s).unwrap();
    assert!(json["police_contacts"][3]["reference"].is_null());
    assert_eq!(json["police_contacts"][0]["advised_blocking"], true);
}

// ---- current versions, erasures, time ----------------------------------------------------

#[test]
fn amended_erased_approximate_and_range_incidents_count_as_recorded() {
    let mut approximate = incident_body(
        at(2024, 3, 6, 20, 0, 0),
        Category::SightingOrFollowing,
        &[1],
    );
    approximate.occurred.approximate = true;
    let mut range = incident_body(at(2024, 3, 10, 22, 0, 0), Category::Loitering, &[1]);
    range.occurred.end = Some(at(2024, 3, 12, 2, 0, 0)); // Sunday W10 into Tuesday W11
    let entries = vec![
        person(1, "Jason"),
        // Recorded as a message, corrected to a threat.
        amended(
            2,
            Body::Incident(incident_body(
                at(2024, 3, 4, 9, 0, 0),
                Category::Threat,
                &[1],
            )),
            9,
        ),
        erased(3, EntryKind::Incident, 10),
        view(4, Body::Incident(approximate)),
        view(5, Body::Incident(range)),
    ];
    let s = summarise(&entries, &everything());
    assert_eq!(s.incidents_total, 3);
    assert_eq!(s.by_category.get(Category::Threat), 1);
    assert_eq!(s.by_category.get(Category::Message), 0);
    assert_eq!(s.amended_incidents, 1);
    assert_eq!(s.erased_entries, 1);
    assert_eq!(s.erased_incidents, 1);
    assert_eq!(s.approximate_times, 1);
    assert_eq!(s.ranges, 1);
    assert_eq!(s.indicators.threats.count, 1);
    // The range counts once, in the week it began.
    let counts: Vec<(&str, usize)> = s.weeks.iter().map(|w| (w.week.as_str(), w.count)).collect();
    assert_eq!(counts, vec![("2024-W10", 3)]);
}

#[test]
fn incidents_fall_on_the_local_date_the_victim_lived_through_clock_changes() {
    let entries = vec![
        person(1, "Jason"),
        order(
            2,
            OrderType::Bail,
            1,
            day(2024, 3, 31),
            Some(day(2024, 10, 27)),
            vec![Condition::NoContact],
        ),
        // 00:30 BST on Sunday 31 March is 23:30 UTC on Saturday 30 March.
        incident(3, at(2024, 3, 31, 0, 30, 1), Category::Call, &[1]),
        // 00:10 BST on Monday 1 April: the next ISO week.
        incident(4, at(2024, 4, 1, 0, 10, 1), Category::Call, &[1]),
        // The repeated hour in autumn: 01:30 BST, then 01:30 GMT an hour later.
        incident(6, at(2024, 10, 27, 1, 30, 0), Category::Message, &[1]),
        incident(5, at(2024, 10, 27, 1, 30, 1), Category::Message, &[1]),
    ];
    let s = summarise(&entries, &everything());
    let p = s.period.clone().unwrap();
    assert_eq!((p.first, p.last), (day(2024, 3, 31), day(2024, 10, 27)));
    assert_eq!(s.weeks.first().map(|w| w.week.as_str()), Some("2024-W13"));
    assert_eq!(
        s.weeks.get(1).map(|w| (w.week.as_str(), w.count)),
        Some(("2024-W14", 1))
    );
    assert_eq!(
        s.weeks.last().map(|w| (w.week.as_str(), w.count)),
        Some(("2024-W43", 2))
    );
    assert_eq!(
        s.weeks.len(),
        31,
        "every week from W13 to W43, zeros included"
    );
    assert_eq!(s.weeks.iter().map(|w| w.count).sum::<usize>(), 4);
    // All four are inside the order by their local dates, numbered by instant.
    let breached: Vec<u64> = s.order_breaches.iter().map(|b| b.incident).collect();
    assert_eq!(breached, vec![3, 4, 5, 6]);
    // A filter from 31 March includes the incident at 00:30 BST that day.
    let filter = SummaryFilter {
        from: Some(day(2024, 3, 31)),
        to: Some(day(2024, 3, 31)),
        ..SummaryFilter::default()
    };
    assert_eq!(summarise(&entries, &filter).incidents_total, 1);
}

#[test]
fn weeks_cross_new_year_by_iso_week_year() {
    let entries = vec![
        incident(1, at(2024, 12, 27, 9, 0, 0), Category::Message, &[]),
        incident(2, at(2025, 1, 8, 9, 0, 0), Category::Message, &[]),
    ];
    let s = summarise(&entries, &everything());
    let labels: Vec<&str> = s.weeks.iter().map(|w| w.week.as_str()).collect();
    assert_eq!(labels, vec!["2024-W52", "2025-W01", "2025-W02"]);
    assert_eq!(s.weeks[1].count, 0);
    let gap = s.longest_quiet_gap.clone().unwrap();
    assert_eq!(
        (gap.from, gap.to, gap.days),
        (day(2024, 12, 27), day(2025, 1, 8), 12)
    );
}

// ---- indicators --------------------------------------------------------------------------

#[test]
fn four_visits_to_work_within_seven_days_is_one_window_over_three() {
    let entries = vec![
        incident(1, at(2024, 3, 3, 9, 0, 0), Category::VisitWork, &[]),
        incident(2, at(2024, 3, 5, 9, 0, 0), Category::VisitWork, &[]),
        incident(3, at(2024, 3, 7, 9, 0, 0), Category::VisitWork, &[]),
        incident(4, at(2024, 3, 9, 17, 0, 0), Category::VisitWork, &[]),
        incident(5, at(2024, 3, 20, 17, 0, 0), Category::VisitOther, &[]),
    ];
    let s = summarise(&entries, &everything());
    let max = &s.indicators.max_visits_in_7_days;
    assert_eq!(max.count, 4);
    assert_eq!(
        (max.from, max.to),
        (Some(day(2024, 3, 3)), Some(day(2024, 3, 9)))
    );
    assert_eq!(s.indicators.windows_over_three.len(), 1);
    assert_eq!(
        s.indicators.windows_over_three[0].text,
        "Recorded: 4 visits to work between 3 and 9 March 2024, more than three in 7 days."
    );
}

#[test]
fn three_visits_in_seven_days_are_not_over_three() {
    let entries = vec![
        incident(1, at(2024, 3, 3, 9, 0, 0), Category::VisitHome, &[]),
        incident(2, at(2024, 3, 5, 9, 0, 0), Category::VisitWork, &[]),
        incident(3, at(2024, 3, 9, 9, 0, 0), Category::VisitHome, &[]),
        // Eight days after the first: a new window, still three at most.
        incident(4, at(2024, 3, 11, 9, 0, 0), Category::VisitHome, &[]),
    ];
    let s = summarise(&entries, &everything());
    assert_eq!(s.indicators.max_visits_in_7_days.count, 3);
    assert!(s.indicators.windows_over_three.is_empty());
}

#[test]
fn overlapping_busy_weeks_are_each_reported() {
    // Visits on 1, 2, 3, 4 and 8 March: 1–7 March holds four, 2–8 March holds four others.
    let entries: Vec<EntryView> = [1, 2, 3, 4, 8]
        .iter()
        .enumerate()
        .map(|(n, d)| {
            incident(
                n as u64 + 1,
                at(2024, 3, *d, 9, 0, 0),
                Category::VisitHome,
                &[],
            )
        })
        .collect();
    let s = summarise(&entries, &everything());
    let windows: Vec<(NaiveDate, NaiveDate, usize)> = s
        .indicators
        .windows_over_three
        .iter()
        .map(|w| (w.from, w.to, w.count))
        .collect();
    assert_eq!(
        windows,
        vec![
            (day(2024, 3, 1), day(2024, 3, 4), 4),
            (day(2024, 3, 2), day(2024, 3, 8), 4)
        ]
    );
}

#[test]
fn fear_is_compared_between_the_first_and_last_thirds() {
    let entries: Vec<EntryView> = [2u8, 3, 4, 5, 6, 7, 8, 9, 10]
        .iter()
        .enumerate()
        .map(|(n, fear)| {
            let mut i = incident_body(at(2024, 3, n as u32 + 1, 9, 0, 0), Category::Message, &[]);
            i.impact = Impact {
                fear: Some(*fear),
                ..Impact::default()
            };
            view(n as u64 + 1, Body::Incident(i))
        })
        .collect();
    let fear = summarise(&entries, &everything()).indicators.fear;
    assert_eq!(fear.values.len(), 9);
    assert_eq!(fear.first_third_average, Some(3.0));
    assert_eq!(fear.last_third_average, Some(9.0));
    assert!(
        fear.text
            .contains("average 3.0 in the first third, 9.0 in the last third")
    );
}

#[test]
fn previous_harassment_and_violence_come_from_person_entries() {
    let mut jason = Person::new("Jason", Relationship::ExPartner);
    jason.previous_violence = Some("assaulted a former partner".to_string());
    let mut other = Person::new("Mark", Relationship::Acquaintance);
    other.previous_harassment = Some("  ".to_string()); // blank: not recorded
    let entries = vec![view(1, Body::Person(jason)), view(2, Body::Person(other))];
    let s = summarise(&entries, &everything());
    assert!(s.indicators.previous_violence.recorded);
    assert_eq!(s.indicators.previous_violence.entries, vec![1]);
    assert!(!s.indicators.previous_harassment.recorded);
}

#[test]
fn first_occurrences_are_listed_in_severity_order_and_trend_shows_escalation() {
    let entries = vec![
        incident(1, at(2024, 3, 1, 9, 0, 0), Category::Message, &[]),
        incident(2, at(2024, 3, 2, 9, 0, 0), Category::Message, &[]),
        incident(3, at(2024, 3, 20, 9, 0, 0), Category::Violence, &[]),
        incident(4, at(2024, 3, 18, 9, 0, 0), Category::Threat, &[]),
        incident(5, at(2024, 3, 19, 9, 0, 0), Category::Threat, &[]),
        incident(6, at(2024, 3, 21, 9, 0, 0), Category::VisitHome, &[]),
    ];
    let s = summarise(&entries, &everything());
    let firsts: Vec<(Category, u64)> = s
        .first_occurrences
        .iter()
        .map(|f| (f.category, f.entry))
        .collect();
    assert_eq!(
        firsts,
        vec![
            (Category::Message, 1),
            (Category::VisitHome, 6),
            (Category::Threat, 4),
            (Category::Violence, 3)
        ]
    );
    assert_eq!(
        s.first_occurrences[3].text,
        "First violence recorded: 20 March 2024 (entry 3)."
    );
    // W09 (1–3 March) to W12 (18–24 March): four weeks, halves of two.
    let trend = s.trend.clone().unwrap();
    assert_eq!(trend.rule, "halves");
    assert_eq!((trend.earlier.events, trend.later.events), (2, 4));
    assert_eq!(trend.frequency, weeks::Direction::Rising);
    assert_eq!(trend.severity, weeks::Direction::Rising);
    assert_eq!(trend.later.highest_category, Some(Category::Violence));
}

#[test]
fn long_periods_compare_the_last_four_weeks_with_the_four_before() {
    // One incident a week for 10 weeks, then three a week in the last four.
    let mut entries = Vec::new();
    let mut seq = 0;
    for week in 0..10u32 {
        let n = if week >= 6 { 3 } else { 1 };
        for k in 0..n {
            seq += 1;
            let date = day(2024, 1, 1) + chrono::Days::new(u64::from(week * 7 + k));
            let when = at(2024, date.month(), date.day(), 9, 0, 0);
            entries.push(incident(seq, when, Category::Call, &[]));
        }
    }
    let s = summarise(&entries, &everything());
    let trend = s.trend.unwrap();
    assert_eq!(trend.rule, "last-4-weeks");
    assert_eq!((trend.earlier.weeks, trend.later.weeks), (4, 4));
    assert_eq!((trend.earlier.events, trend.later.events), (4, 12));
    assert_eq!(trend.later.per_week, 3.0);
    assert_eq!(trend.severity, weeks::Direction::Steady);
}

// ---- filter ------------------------------------------------------------------------------

#[test]
fn person_filter_keeps_only_that_persons_incidents_and_conversations() {
    let entries = vec![
        person(1, "Jason"),
        person(2, "Mark"),
        incident(3, at(2024, 3, 5, 9, 0, 0), Category::Message, &[1]),
        incident(4, at(2024, 3, 6, 9, 0, 0), Category::Message, &[2]),
        incident(5, at(2024, 3, 7, 9, 0, 0), Category::Threat, &[1, 2]),
        night_of_messages(6, &[2]),
        police(7, at(2024, 3, 7, 12, 0, 0), Some("A/1"), &[4], None),
        police(8, at(2024, 3, 7, 13, 0, 0), Some("A/2"), &[5], None),
    ];
    let filter = SummaryFilter {
        person: Some(1),
        ..SummaryFilter::default()
    };
    let s = summarise(&entries, &filter);
    assert_eq!(s.incidents_total, 2);
    assert_eq!(s.messages_counted, 0);
    assert_eq!(s.per_person.len(), 1);
    assert_eq!(s.per_person[0].person, 1);
    let contacts: Vec<u64> = s.police_contacts.iter().map(|c| c.entry).collect();
    assert_eq!(contacts, vec![8]);

    let all = summarise(&entries, &everything());
    assert_eq!(all.incidents_total, 3);
    assert_eq!(all.messages_counted, 37);
    assert_eq!(all.per_person.len(), 2);
    assert_eq!(all.per_person[1].incidents_total, 2);
    assert_eq!(all.per_person[1].messages_counted, 37);
}

#[test]
fn date_filter_is_inclusive_at_both_ends() {
    let entries = vec![
        incident(1, at(2024, 3, 4, 23, 59, 0), Category::Message, &[]),
        incident(2, at(2024, 3, 5, 0, 0, 0), Category::Message, &[]),
        incident(3, at(2024, 3, 9, 23, 59, 0), Category::Message, &[]),
        incident(4, at(2024, 3, 10, 0, 0, 0), Category::Message, &[]),
    ];
    let filter = SummaryFilter {
        person: None,
        from: Some(day(2024, 3, 5)),
        to: Some(day(2024, 3, 9)),
    };
    assert_eq!(summarise(&entries, &filter).incidents_total, 2);
}

#[test]
fn an_empty_diary_gives_an_empty_summary() {
    let s = summarise(&[], &everything());
    assert_eq!(s.incidents_total, 0);
    assert!(s.period.is_none() && s.weeks.is_empty() && s.trend.is_none());
    assert_eq!(s.indicators.max_visits_in_7_days.count, 0);
    let html = summary_html(&s, &|_| None);
    assert!(html.contains("No events recorded"));
}

// ---- JSON and HTML -----------------------------------------------------------------------

#[test]
fn summary_json_has_the_documented_shape_and_no_names() {
    let s = summarise(&bail_scenario("Jason Example"), &everything());
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["incidents_total"], 12);
    assert_eq!(json["by_category"]["visit-home"], 2);
    assert_eq!(json["order_breaches"][8]["order"], 2);
    assert_eq!(json["order_breaches"][8]["incident"], 13);
    assert_eq!(json["order_breaches"][8]["number"], 9);
    assert_eq!(json["order_breaches"][8]["condition"], "no contact");
    assert_eq!(
        json["order_breaches"][8]["text"],
        "breach 9 of the bail conditions of 3 March 2024"
    );
    assert_eq!(json["police_contacts"][0]["entry"], 15);
    assert_eq!(json["police_contacts"][0]["reference"], "13/45678/24");
    assert_eq!(json["police_contacts"][0]["advised_blocking"], true);
    assert!(json["police_contacts"][0]["blocking_note"].is_string());
    assert!(json["police_contacts"][0]["at"].is_string());
    assert_eq!(json["weeks"][0]["week"], "2024-W09");
    assert!(json["weeks"][0]["count"].is_number());
    assert!(json["weeks"][0]["by_category"].is_object());
    assert_eq!(json["period"]["first"], "2024-03-02");
    assert_eq!(json["period"]["last"], "2024-04-04");
    assert!(json["longest_quiet_gap"]["days"].is_number());
    assert!(json["trend"]["frequency"].is_string());
    assert!(json["first_occurrences"].is_array());
    assert_eq!(json["per_person"][0]["person"], 1);
    assert_eq!(json["erased_entries"], 0);
    assert_eq!(json["distinct_references_per_person"][0]["count"], 1);
    assert_eq!(json["messages_counted"], 0);
    for key in [
        "max_visits_in_7_days",
        "windows_over_three",
        "loitering",
        "threats",
        "property_damage",
        "third_party_contact",
        "violence",
        "tracking",
        "fear",
        "previous_harassment",
        "previous_violence",
    ] {
        assert!(
            !json["indicators"][key].is_null(),
            "indicator {key} missing"
        );
    }
    assert_eq!(json["indicators"]["threats"]["count"], 1);
    assert!(json["indicators"]["threats"]["text"].is_string());
    let text = serde_json::to_string(&s).unwrap();
    assert!(
        !text.contains("Jason Example"),
        "names stay out of the JSON"
    );
}

#[test]
fn summary_html_shows_the_figures_and_escapes_recorded_text() {
    let name = "<script>alert(1)</script>";
    let entries = bail_scenario(name);
    let s = summarise(&entries, &everything());
    let names = |seq: u64| (seq == 1).then(|| name.to_string());
    let html = summary_html(&s, &names);

    assert!(html.starts_with("<section id=\"summary-for-officers\""));
    assert_eq!(html.matches("<section").count(), 1);
    assert!(html.contains("<h2"));
    assert!(html.contains("Breaches recorded: 9 of the bail conditions of 3 March 2024"));
    assert!(html.contains(&format!("{} incidents", s.incidents_total)));
    assert!(html.contains("2 March 2024 to 4 April 2024"));
    assert!(html.contains("13/45678/24"));
    assert!(html.contains("Flagged: advice to block."));
    assert!(html.contains("role=\"img\""));
    assert!(html.contains("<title id=\"summary-chart-title\">"));
    assert!(html.contains("<desc id=\"summary-chart-desc\">"));
    assert!(html.contains("<th scope=\"row\">"));
    assert!(html.contains("<th scope=\"col\">"));
    for w in &s.weeks {
        assert!(html.contains(&format!("<th scope=\"row\">{}</th>", w.week)));
    }
    for b in &s.order_breaches {
        assert!(html.contains(&format!("Incident entry {}", b.incident)));
    }
    for sentence in s.indicators.sentences() {
        assert!(
            html.contains(&escape(sentence)),
            "missing indicator: {sentence}"
        );
    }
    // Every count in the table appears against its category.
    for (c, n) in s.by_category.present() {
        assert!(html.contains(&format!(
            "<th scope=\"row\">{}</th><td class=\"n\">{n}</td>",
            escape(c.label())
        )));
    }
    // The hostile name is text, never markup; nothing is loaded or run.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script"));
    for forbidden in [
        "src=", "href=", "<link", "@import", "url(", "<iframe", "onload",
    ] {
        assert!(!html.contains(forbidden), "found {forbidden}");
    }
}

#[test]
fn a_night_of_message_breaches_is_one_row_of_the_printed_summary() {
    let entries = vec![
        person(1, "Jason"),
        order(
            2,
            OrderType::Bail,
            1,
            day(2024, 3, 3),
            Some(day(2024, 4, 3)),
            vec![Condition::NoContact],
        ),
        incident(4, at(2024, 3, 11, 9, 0, 0), Category::VisitHome, &[1]),
        night_of_messages(3, &[1]),
    ];
    let s = summarise(&entries, &everything());
    assert_eq!(s.order_breaches.len(), 38);
    let html = summary_html(&s, &|_| None);
    assert!(html.contains("Breaches recorded: 38 of the bail conditions of 3 March 2024"));
    assert!(html.contains("<th scope=\"row\">1 to 37</th>"));
    assert!(html.contains("Imported conversation entry 3: 37 messages, each one breach"));
    assert!(html.contains("<th scope=\"row\">38</th>"));
    assert!(html.contains("Incident entry 4"));
}
