//! Shared helpers for the core's integration tests.
#![allow(dead_code, clippy::unwrap_used)]

pub mod images;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{CreateOptions, Diary};
use tally_core::model::{Category, Incident, Occurred, Person, Relationship};

pub const PASS: &str = "correct horse battery staple";

pub fn fast() -> CreateOptions {
    CreateOptions {
        kdf: KdfParams::insecure_for_tests(),
    }
}

pub fn new_diary(dir: &Path) -> (PathBuf, Diary) {
    let path = dir.join("diary.tally");
    let diary = Diary::create(&path, PASS, fast()).unwrap();
    (path, diary)
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub fn incident(when: &str, category: Category, summary: &str) -> Incident {
    Incident::new(Occurred::at(at(when)), category, summary)
}

pub fn person(name: &str) -> Person {
    Person::new(name, Relationship::ExPartner)
}

/// Adds a bail order forbidding `person` any contact from `start`; returns its entry.
pub fn no_contact_order(diary: &mut Diary, person: u64, start: chrono::NaiveDate) -> u64 {
    use tally_core::model::{Condition, Order, OrderType};
    diary
        .add_order(Order {
            order_type: OrderType::Bail,
            person,
            start,
            end: None,
            conditions: vec![Condition::NoContact],
            reference: None,
            issued_by: None,
        })
        .unwrap()
}

/// A figure from `/proc/self/status`, in KiB.
pub fn proc_status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().strip_suffix("kB"))
        .map(|v| v.trim().parse().unwrap())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}
