//! The disclosure plan, tried as a victim would on the demo diary: a category choice
//! discloses those incidents and the people they name, and no chat, order or police
//! contact; every kind is chosen explicitly; the pack holds exactly the plan; and
//! `tally export --dry-run` shows the plan and writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pack_common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use pack_common::*;
use tally_core::diary::{Diary, NoProgress};
use tally_core::model::{Body, Category, EntryKind};
use tally_core::pack::{DisclosureChoices, DisclosurePlan, DisclosureReason, ExportOptions};

struct Demo {
    dir: tempfile::TempDir,
    diary: Diary,
}

fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = new_diary(dir.path());
    tally_core::demo::fill(&mut diary).unwrap();
    Demo { dir, diary }
}

impl Demo {
    fn plan(&self, choices: &DisclosureChoices) -> DisclosurePlan {
        self.diary.disclosure_plan(choices).unwrap()
    }

    /// Exports with `choices`; returns the entry numbers in the pack and its plan.
    fn export(&self, choices: &DisclosureChoices) -> (BTreeSet<u64>, DisclosurePlan) {
        let out = self.dir.path().join("pack.zip");
        let options = ExportOptions {
            choices: choices.clone(),
            checkpoints: Vec::new(),
        };
        let summary = self.diary.export_pack(&out, &options, &NoProgress).unwrap();
        let v = verdict(&out, None);
        assert!(v.is_ok(), "{:?}", v.problems);
        let holder = tempfile::tempdir().unwrap();
        let bag = unzip(&out, holder.path());
        let seqs = files_under(&bag.join("data/entries"))
            .iter()
            .map(|f| f.trim_end_matches(".json").parse().unwrap())
            .collect();
        std::fs::remove_file(&out).unwrap();
        (seqs, summary.plan)
    }

    fn kind(&self, seq: u64) -> EntryKind {
        self.diary.get(seq).unwrap().kind
    }

    fn of_kind(&self, kind: EntryKind) -> Vec<u64> {
        self.diary
            .views()
            .unwrap()
            .iter()
            .filter(|v| v.kind == kind && v.current.is_some())
            .map(|v| v.seq)
            .collect()
    }
}

fn threats() -> DisclosureChoices {
    DisclosureChoices {
        categories: vec![Category::Threat],
        ..Default::default()
    }
}

#[test]
fn category_choice_discloses_no_chats_orders_or_police_contacts() {
    let d = demo();
    let (in_pack, plan) = d.export(&threats());
    assert_eq!(in_pack, plan.seqs(), "the pack holds exactly the plan");
    for seq in &in_pack {
        let kind = d.kind(*seq);
        assert!(
            matches!(
                kind,
                EntryKind::Incident | EntryKind::Person | EntryKind::Amendment
            ),
            "entry {seq} ({kind:?}) went out with a category choice"
        );
    }
    // Every threat is in, and only threats among the incidents.
    let views = d.diary.views().unwrap();
    for v in &views {
        if let Some(i) = v.incident() {
            assert_eq!(
                in_pack.contains(&v.seq),
                i.category == Category::Threat,
                "incident {} ({:?})",
                v.seq,
                i.category
            );
        }
    }
    for kind in [
        EntryKind::MessageLog,
        EntryKind::Order,
        EntryKind::PoliceContact,
    ] {
        assert!(!d.of_kind(kind).is_empty(), "the demo has a {kind:?}");
    }
    assert_eq!(plan.withheld, plan.total - in_pack.len() as u64);
}

#[test]
fn a_person_no_chosen_entry_names_stays_behind() {
    let d = demo();
    let plan = d.plan(&threats());
    let people = d.of_kind(EntryKind::Person);
    assert!(people.len() >= 2, "the demo has two people");
    let named: BTreeSet<u64> = plan
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Person)
        .map(|e| e.seq)
        .collect();
    let views = d.diary.views().unwrap();
    for p in people {
        let named_by_a_threat = views.iter().any(|v| {
            v.incident()
                .is_some_and(|i| i.category == Category::Threat && i.people.contains(&p))
        });
        assert_eq!(named.contains(&p), named_by_a_threat, "person {p}");
        if let Some(e) = plan.entries.iter().find(|e| e.seq == p) {
            assert!(matches!(e.reason, DisclosureReason::NamedBy(_)), "{e:?}");
        }
    }
}

#[test]
fn each_kind_is_chosen_explicitly() {
    let d = demo();
    let choices = DisclosureChoices {
        kinds: vec![EntryKind::PoliceContact],
        ..threats()
    };
    let (in_pack, _) = d.export(&choices);
    for c in d.of_kind(EntryKind::PoliceContact) {
        assert!(in_pack.contains(&c), "police contact {c} was chosen");
    }
    for kind in [EntryKind::MessageLog, EntryKind::Order] {
        for seq in d.of_kind(kind) {
            assert!(!in_pack.contains(&seq), "{kind:?} {seq} was not chosen");
        }
    }
    // Only orders: no incident, no chat.
    let (in_pack, plan) = d.export(&DisclosureChoices {
        kinds: vec![EntryKind::Order],
        ..Default::default()
    });
    assert!(
        plan.entries
            .iter()
            .all(|e| matches!(e.kind, EntryKind::Order | EntryKind::Person))
    );
    assert!(
        d.of_kind(EntryKind::Order)
            .iter()
            .all(|o| in_pack.contains(o))
    );
}

#[test]
fn versions_of_a_chosen_entry_go_out_with_it_and_say_so() {
    let d = demo();
    let views = d.diary.views().unwrap();
    let amended = views.iter().find(|v| !v.amended_by.is_empty()).unwrap();
    let plan = d.plan(&DisclosureChoices {
        entries: vec![amended.seq],
        ..Default::default()
    });
    for a in &amended.amended_by {
        let e = plan.entries.iter().find(|e| e.seq == *a).unwrap();
        assert_eq!(e.reason, DisclosureReason::VersionOf(amended.seq));
    }
    let chosen = plan.entries.iter().find(|e| e.seq == amended.seq).unwrap();
    assert_eq!(chosen.reason, DisclosureReason::Chosen);
    // The correction cannot be chosen on its own.
    let e = d
        .diary
        .disclosure_plan(&DisclosureChoices {
            entries: vec![amended.amended_by[0]],
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.to_string().contains("is an amendment"), "{e}");
}

#[test]
fn an_erased_entry_goes_out_as_its_erasure_record_only() {
    let mut d = demo();
    let threat = d
        .diary
        .views()
        .unwrap()
        .iter()
        .find(|v| v.incident().is_some_and(|i| i.category == Category::Threat))
        .unwrap()
        .seq;
    let erasure = d.diary.erase(threat, Some("entered twice".into())).unwrap();
    let (in_pack, plan) = d.export(&DisclosureChoices {
        entries: vec![threat],
        ..Default::default()
    });
    assert_eq!(in_pack, BTreeSet::from([erasure]));
    assert_eq!(plan.entries[0].reason, DisclosureReason::VersionOf(threat));
    // And no category choice reaches it: its category was erased with it.
    assert!(!d.plan(&threats()).seqs().contains(&erasure));
}

#[test]
fn choices_that_name_what_is_not_there_are_refused() {
    let d = demo();
    let total = d.diary.len();
    let e = d
        .diary
        .disclosure_plan(&DisclosureChoices {
            entries: vec![total + 1],
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        e.to_string().contains(&format!("no entry {}", total + 1)),
        "{e}"
    );
    let incident = d.of_kind(EntryKind::Incident)[0];
    let e = d
        .diary
        .disclosure_plan(&DisclosureChoices {
            people: vec![incident],
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.to_string().contains("people"), "{e}");
    let from = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
    let to = chrono::NaiveDate::from_ymd_opt(2024, 2, 1);
    let e = d
        .diary
        .disclosure_plan(&DisclosureChoices {
            from,
            to,
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.to_string().contains("before the start"), "{e}");
}

#[test]
fn the_pack_holds_exactly_the_plan_for_every_kind_of_choice() {
    let d = demo();
    let ben = d.of_kind(EntryKind::Person)[0];
    let choices = [
        DisclosureChoices::default(),
        DisclosureChoices {
            people: vec![ben],
            ..Default::default()
        },
        DisclosureChoices {
            from: chrono::NaiveDate::from_ymd_opt(2024, 3, 1),
            to: chrono::NaiveDate::from_ymd_opt(2024, 3, 10),
            ..Default::default()
        },
        DisclosureChoices {
            categories: vec![Category::VisitWork, Category::Message],
            kinds: vec![EntryKind::MessageLog],
            ..Default::default()
        },
        DisclosureChoices {
            entries: d.of_kind(EntryKind::PoliceContact),
            ..Default::default()
        },
    ];
    for c in &choices {
        let (in_pack, plan) = d.export(c);
        assert_eq!(in_pack, plan.seqs(), "{c:?}");
        // Nothing goes out that is neither chosen, nor named by, nor a version of an
        // entry that goes out.
        for e in &plan.entries {
            match e.reason {
                DisclosureReason::Chosen => {}
                DisclosureReason::NamedBy(n) | DisclosureReason::VersionOf(n) => {
                    assert!(
                        in_pack.contains(&n) || d.diary.get(n).unwrap().current.is_none(),
                        "{e:?} in {c:?}"
                    );
                }
            }
            if let DisclosureReason::NamedBy(n) = e.reason {
                let names = match d.diary.get(n).unwrap().current {
                    Some(Body::Incident(i)) => i.people.contains(&e.seq),
                    Some(Body::Order(o)) => o.person == e.seq,
                    Some(Body::MessageLog(m)) => m.people.contains(&e.seq),
                    _ => false,
                };
                assert!(names, "{e:?}");
            }
        }
    }
}

#[test]
fn dry_run_prints_every_entry_going_out_and_why_and_writes_nothing() {
    let d = demo();
    let path: PathBuf = d.diary.path().to_owned();
    let plan = d.plan(&threats());
    let out = d.dir.path().join("never.zip");
    let before = files_under(d.dir.path());
    let o = tally(
        Some(&path),
        &[
            "export",
            "--dry-run",
            "--category",
            "threat",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = stdout(&o);
    assert!(
        text.starts_with(&format!(
            "Disclosure plan (nothing written): {} of {} entries would go out, {} withheld.",
            plan.entries.len(),
            plan.total,
            plan.withheld
        )),
        "{text}"
    );
    for e in &plan.entries {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("entry {} ", e.seq)))
            .unwrap_or_else(|| panic!("entry {} is not listed:\n{text}", e.seq));
        let why = match e.reason {
            DisclosureReason::Chosen => "chosen".to_owned(),
            DisclosureReason::NamedBy(n) => format!("a person named by entry {n}"),
            DisclosureReason::VersionOf(n) => format!("a version of entry {n}"),
        };
        assert!(
            line.ends_with(&why) && line.contains(e.kind.as_str()),
            "{line}"
        );
    }
    assert_eq!(text.lines().count(), plan.entries.len() + 1, "{text}");
    assert!(!out.exists());
    assert_eq!(
        files_under(d.dir.path()),
        before,
        "the dry run wrote something"
    );

    // The CLI takes every axis: several people, kinds, categories.
    let o = tally(
        Some(&path),
        &[
            "export",
            "--dry-run",
            "--person",
            "1",
            "--person",
            "2",
            "--kind",
            "order",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = tally(Some(&path), &["export", "--dry-run", "--kind", "amendment"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("corrections are not chosen"));
}
