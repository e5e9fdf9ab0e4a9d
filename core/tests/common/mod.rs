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
