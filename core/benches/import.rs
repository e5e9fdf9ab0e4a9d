//! Import benchmarks (issue 5), figures recorded in `BENCHMARKS-import.md`:
//!
//! 1. importing a generated 100,000-message WhatsApp export into a diary, against just
//!    reading the same file and splitting it into lines, in the same run;
//! 2. peak RSS (VmHWM from `/proc/self/status`) of a fresh process importing a generated
//!    200 MB SMS Backup & Restore file: the benchmark re-executes itself as a child so the
//!    figure is that import's alone.
//!
//! Run: `cargo bench -p tally-core --bench import`.
#![allow(clippy::unwrap_used, missing_docs)]

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{CreateOptions, Diary, NoProgress};
use tally_core::import::{SmsImport, WhatsAppImport};

const CHILD: &str = "TALLY_IMPORT_BENCH_CHILD";
const STALKER: &str = "+447700900123";

fn new_diary(dir: &Path) -> Diary {
    Diary::create(
        &dir.join("diary.tally"),
        "correct horse battery staple",
        CreateOptions {
            kdf: KdfParams::insecure_for_tests(),
        },
    )
    .unwrap()
}

/// A day-first Android export of `n` messages between two people; every tenth message
/// runs over three lines.
fn whatsapp_export(n: usize) -> String {
    let mut out = String::with_capacity(n * 60);
    for i in 0..n {
        let day = 1 + (i / 2000) % 28;
        let month = 1 + (i / 56_000) % 12;
        let minute = (i / 2) % 60;
        let hour = (i / 120) % 24;
        let sender = if i % 3 == 0 { "Alex" } else { "Sam Stalker" };
        let _ = write!(
            out,
            "{day:02}/{month:02}/2023, {hour:02}:{minute:02} - {sender}: message number {i} with some words"
        );
        if i % 10 == 0 {
            out.push_str("\nand a second line\nand a third");
        }
        out.push('\n');
    }
    // One date that proves day-first.
    out.push_str("28/12/2023, 23:59 - Alex: last\n");
    out
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.unwrap())
}

fn bench_whatsapp() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("WhatsApp Chat with Sam Stalker.txt");
    std::fs::write(&path, whatsapp_export(100_000)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();

    let (baseline, lines) = best_of(5, || {
        let text = std::fs::read_to_string(&path).unwrap();
        text.split('\n').count()
    });
    let options = WhatsAppImport {
        senders: vec!["Sam Stalker".into()],
        time_zone: Some(chrono_tz::Europe::London),
        ..WhatsAppImport::default()
    };
    let (import, summary) = best_of(3, || {
        // A fresh diary each time, so every run stores the original (no deduplication).
        let diary_dir = tempfile::tempdir().unwrap();
        let mut diary = new_diary(diary_dir.path());
        diary.import_whatsapp(&path, &options, &NoProgress).unwrap()
    });
    println!(
        "whatsapp: {} messages, {:.1} MB, {lines} lines",
        summary.messages,
        size as f64 / 1e6
    );
    println!(
        "  read + split lines: {:.1} ms",
        baseline.as_secs_f64() * 1e3
    );
    println!(
        "  import into diary:  {:.1} ms  (ratio {:.1}x)",
        import.as_secs_f64() * 1e3,
        import.as_secs_f64() / baseline.as_secs_f64()
    );
}

/// A ~`target` byte SMS backup: most of its bulk is MMS photos (as in real backups) from
/// many numbers; the stalker's number has 5,000 SMS and 20 MMS.
fn sms_backup(path: &Path, target: u64) {
    let mut out = BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"0\">"
    )
    .unwrap();
    // 120 KB of base64 "photo" (not a real image: stored as a plain file).
    let blob: String = "QUJD".repeat(30_000);
    let mut written = 0u64;
    let mut i = 0u64;
    let mut stalker_mms = 0;
    while written < target {
        let date = 1_700_000_000_000u64 + i * 60_000;
        let line = if i.is_multiple_of(50) && stalker_mms < 20 {
            stalker_mms += 1;
            format!(
                "<mms date=\"{date}\" msg_box=\"1\" address=\"{STALKER}\"><parts><part ct=\"text/plain\" text=\"look {i}\" /><part ct=\"image/jpeg\" name=\"IMG_{i}.jpg\" data=\"{blob}{i:08}\" /></parts><addrs><addr address=\"{STALKER}\" type=\"137\" /></addrs></mms>\n"
            )
        } else if i % 10 == 5 {
            format!(
                "<mms date=\"{date}\" msg_box=\"1\" address=\"+4477009{:05}\"><parts><part ct=\"image/jpeg\" name=\"IMG_{i}.jpg\" data=\"{blob}\" /></parts><addrs><addr address=\"+4477009{:05}\" type=\"137\" /></addrs></mms>\n",
                i % 1000,
                i % 1000
            )
        } else if i.is_multiple_of(4) {
            format!(
                "<sms address=\"{STALKER}\" date=\"{date}\" type=\"1\" body=\"message {i} from the number that matters\" contact_name=\"null\" />\n"
            )
        } else {
            format!(
                "<sms address=\"+4477009{:05}\" date=\"{date}\" type=\"{}\" body=\"an unrelated message number {i}\" contact_name=\"null\" />\n",
                i % 1000,
                1 + i % 2
            )
        };
        out.write_all(line.as_bytes()).unwrap();
        written += line.len() as u64;
        i += 1;
    }
    writeln!(out, "</smses>").unwrap();
    out.flush().unwrap();
}

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The child: imports the backup named in the environment and prints its peak RSS.
fn child(backup: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = new_diary(dir.path());
    let start = Instant::now();
    let summary = diary
        .import_sms(
            backup,
            &SmsImport {
                addresses: vec![STALKER.into()],
                people: Vec::new(),
            },
            &NoProgress,
        )
        .unwrap();
    let elapsed = start.elapsed();
    println!(
        "{} {} {} {:.2}",
        vm_hwm_kib(),
        summary.messages,
        summary.media,
        elapsed.as_secs_f64()
    );
}

fn bench_sms_rss() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("sms-200MB.xml");
    sms_backup(&backup, 200_000_000);
    let size = std::fs::metadata(&backup).unwrap().len();
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe)
        .env(CHILD, &backup)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = stdout.split_whitespace().collect();
    let [hwm, messages, media, secs] = fields.as_slice() else {
        panic!("unexpected child output {stdout:?}");
    };
    let hwm: f64 = hwm.parse::<f64>().unwrap() / 1024.0;
    println!(
        "sms: {:.0} MB backup, kept {messages} messages and {media} media files in {secs} s",
        size as f64 / 1e6
    );
    println!(
        "  peak RSS (VmHWM): {hwm:.1} MiB  (aim <= 64 MiB: {})",
        if hwm <= 64.0 { "met" } else { "MISSED" }
    );
}

fn main() {
    if let Some(backup) = std::env::var_os(CHILD) {
        child(Path::new(&backup));
        return;
    }
    // `cargo bench` passes `--bench`; a filter argument selects one part.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wants = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    if wants("whatsapp") {
        bench_whatsapp();
    }
    if wants("sms") {
        bench_sms_rss();
    }
}
