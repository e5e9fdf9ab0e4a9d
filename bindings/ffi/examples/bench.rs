//! Times the calls the Kotlin benchmark (android/tally/src/test/kotlin/app/tally/Bench.kt)
//! times, from Rust, so the two can be compared in one run: one trivial call, and listing
//! 10,000 entries — through the core directly and through the bindings' `Diary`, and
//! building the timeline view of them.
//!
//! `cargo run --release -p tally-ffi --example bench -- DIARY` creates DIARY with 10,000
//! incidents (weak KDF; a benchmark, not a diary) when it does not exist.

use std::time::Instant;

use tally_core::diary::ListFilter;
use tally_core::model::{Category, Incident, Occurred, Person, Relationship};
use tally_ffi::{CreateOptions, Diary, TallyApiError};

const PASSPHRASE: &str = "benchmark passphrase";
const ENTRIES: u64 = 10_000;

fn main() -> Result<(), TallyApiError> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| TallyApiError::Invalid {
            reason: "usage: bench DIARY".into(),
        })?;
    if !std::path::Path::new(&path).exists() {
        let started = Instant::now();
        let options = CreateOptions {
            kdf_memory_kib: Some(19456),
            kdf_iterations: Some(2),
            kdf_parallelism: None,
        };
        let diary = Diary::create(path.clone(), PASSPHRASE.into(), options)?;
        let person = diary.add_person(Person::new("J. Doe", Relationship::ExPartner))?;
        for i in 1..ENTRIES {
            let start = format!("2024-03-01T{:02}:{:02}:00+00:00", (i / 60) % 24, i % 60);
            let start = chrono::DateTime::parse_from_rfc3339(&start).map_err(|_| {
                TallyApiError::Invalid {
                    reason: "bad time".into(),
                }
            })?;
            let mut incident = Incident::new(
                Occurred::at(start),
                Category::Call,
                format!("missed call {i}"),
            );
            incident.people = vec![person];
            diary.add_incident(incident)?;
        }
        println!(
            "bench: created {ENTRIES} entries in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }

    let diary = Diary::unlock(path.clone(), PASSPHRASE.into())?;
    let calls = 100_000u32;
    let started = Instant::now();
    for _ in 0..calls {
        std::hint::black_box(diary.entry_count()?);
    }
    let per_call = started.elapsed().as_nanos() as f64 / f64::from(calls);
    println!("bench: rust   trivial call (entry_count): {per_call:.0} ns");

    let best = |f: &mut dyn FnMut() -> Result<usize, TallyApiError>| -> Result<(f64, usize), TallyApiError> {
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..5 {
            let t = Instant::now();
            n = f()?;
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        Ok((best, n))
    };
    let (ms, n) = best(&mut || Ok(diary.list(ListFilter::default())?.len()))?;
    println!("bench: rust   list {n} entries (tally_ffi Diary): {ms:.1} ms (best of 5)");
    let (ms, n) = best(&mut || {
        let t = diary.timeline(Default::default(), "Europe/London".into(), "en-GB".into())?;
        Ok(t.shown as usize)
    })?;
    println!("bench: rust   timeline of {n} entries (view): {ms:.1} ms (best of 5)");
    let core = tally_core::diary::Diary::unlock(std::path::Path::new(&path), PASSPHRASE)?;
    let (ms, n) = best(&mut || Ok(core.list(&Default::default())?.len()))?;
    println!("bench: rust   list {n} entries (core, no conversion): {ms:.1} ms (best of 5)");
    Ok(())
}
