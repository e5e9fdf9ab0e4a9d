//! Import benchmarks, figures recorded in `BENCHMARKS.md` (Imports):
//!
//! 1. importing a generated 100,000-message WhatsApp export into a diary, against just
//!    reading the same file and splitting it into lines, in the same run;
//! 2. importing a generated 100,000-message Telegram export, against parsing the same
//!    JSON with serde_json into nothing (the floor of any JSON reader);
//! 3. attaching an 8000 × 8000 16-bit PNG and a 12000² JPEG, against decoding the same
//!    files with the same decoders alone (the PNG row by row, the JPEG at 1/8 scale);
//! 4. peak RSS (VmHWM from `/proc/self/status`) of a fresh process importing a generated
//!    200 MB SMS Backup & Restore file: the benchmark re-executes itself as a child so the
//!    figure is that import's alone.
//!
//! The peak memory of a message log and of images at the size limit is measured by
//! `core/tests/import_memory.rs` (run it in release with `TALLY_IMPORT_MEMORY_MB=120`).
//!
//! Run: `cargo bench -p tally-core --bench import [whatsapp|telegram|images|sms]`.
#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../tests/common/images.rs"]
mod images;

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{CreateOptions, Diary, NoProgress};
use tally_core::import::json::JsonFormat;
use tally_core::import::{JsonImport, SmsImport, WhatsAppImport};
use tally_core::zone::Zone;

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
        time_zone: Some(Zone::named("Europe/London").expect("a zone database")),
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

/// A Telegram Desktop single-chat export of `n` messages: plain text, formatted text,
/// photos left out of the export, and a missed call now and then.
fn telegram_export(n: usize) -> String {
    let mut out = String::with_capacity(n * 200);
    out.push_str("{\n \"name\": \"Sam Stalker\",\n \"type\": \"personal_chat\",\n \"id\": 1,\n \"messages\": [\n");
    for i in 0..n {
        if i > 0 {
            out.push_str(",\n");
        }
        let unix = 1_700_000_000 + i as u64 * 37;
        let (from, id) = if i % 3 == 0 {
            ("Alex", 2)
        } else {
            ("Sam Stalker", 1)
        };
        let _ = match i % 50 {
            0 => write!(
                out,
                "  {{\"id\": {i}, \"type\": \"service\", \"date\": \"2023-11-14T22:13:20\", \"date_unixtime\": \"{unix}\", \"actor\": \"Sam Stalker\", \"actor_id\": \"user1\", \"action\": \"phone_call\", \"discard_reason\": \"missed\", \"text\": \"\", \"text_entities\": []}}"
            ),
            7 => write!(
                out,
                "  {{\"id\": {i}, \"type\": \"message\", \"date\": \"2023-11-14T22:13:20\", \"date_unixtime\": \"{unix}\", \"from\": \"{from}\", \"from_id\": \"user{id}\", \"photo\": \"(File not included. Change data exporting settings to download.)\", \"width\": 1280, \"height\": 960, \"text\": \"look\", \"text_entities\": [{{\"type\": \"plain\", \"text\": \"look\"}}]}}"
            ),
            13 => write!(
                out,
                "  {{\"id\": {i}, \"type\": \"message\", \"date\": \"2023-11-14T22:13:20\", \"date_unixtime\": \"{unix}\", \"from\": \"{from}\", \"from_id\": \"user{id}\", \"text\": [\"I saw you at \", {{\"type\": \"bold\", \"text\": \"the station\"}}, \" again\"], \"text_entities\": []}}"
            ),
            _ => write!(
                out,
                "  {{\"id\": {i}, \"type\": \"message\", \"date\": \"2023-11-14T22:13:20\", \"date_unixtime\": \"{unix}\", \"from\": \"{from}\", \"from_id\": \"user{id}\", \"text\": \"message number {i} with some words\", \"text_entities\": [{{\"type\": \"plain\", \"text\": \"message number {i} with some words\"}}]}}"
            ),
        };
    }
    out.push_str("\n ]\n}\n");
    out
}

fn bench_telegram() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("result.json");
    std::fs::write(&path, telegram_export(100_000)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    let (baseline, ()) = best_of(5, || {
        let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
        let _: serde::de::IgnoredAny = serde_json::from_reader(file).unwrap();
    });
    let options = JsonImport {
        senders: vec!["Sam Stalker".into()],
        time_zone: Some(Zone::named("Europe/London").expect("a zone database")),
        ..JsonImport::default()
    };
    let (import, summary) = best_of(3, || {
        let diary_dir = tempfile::tempdir().unwrap();
        let mut diary = new_diary(diary_dir.path());
        diary
            .import_json(&path, JsonFormat::Telegram, &options, &NoProgress)
            .unwrap()
    });
    println!(
        "telegram: {} messages ({} notices), {:.1} MB",
        summary.messages,
        summary.notices,
        size as f64 / 1e6
    );
    println!(
        "  serde_json parse into nothing: {:.1} ms",
        baseline.as_secs_f64() * 1e3
    );
    println!(
        "  import into diary:             {:.1} ms  (ratio {:.1}x)",
        import.as_secs_f64() * 1e3,
        import.as_secs_f64() / baseline.as_secs_f64()
    );
}

/// Decodes the PNG row by row and the JPEG at 1/8 scale with the same decoders and
/// nothing else: the floor of reading them at all.
fn decode_only(png: &Path, jpeg: &Path) -> (Duration, Duration) {
    let (png_floor, ()) = best_of(3, || {
        let file = std::io::BufReader::new(std::fs::File::open(png).unwrap());
        let mut decoder = png::Decoder::new(file);
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().unwrap();
        while reader.next_row().unwrap().is_some() {}
        reader.finish().unwrap();
    });
    let (jpeg_floor, ()) = best_of(3, || {
        let file = std::io::BufReader::new(std::fs::File::open(jpeg).unwrap());
        let mut decoder = jpeg_decoder::Decoder::new(file);
        decoder.scale(320, 320).unwrap();
        decoder.decode().unwrap();
    });
    (png_floor, jpeg_floor)
}

fn bench_images() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("big.png");
    let jpeg = dir.path().join("big.jpg");
    images::write_big_png(&png);
    images::write_big_jpeg(&jpeg, false);
    let (png_floor, jpeg_floor) = decode_only(&png, &jpeg);
    for (name, path, floor) in [
        ("8000x8000 16-bit RGBA PNG", &png, png_floor),
        ("12000x12000 JPEG", &jpeg, jpeg_floor),
    ] {
        let (attach, reference) = best_of(3, || {
            let diary_dir = tempfile::tempdir().unwrap();
            let mut diary = new_diary(diary_dir.path());
            diary.attach_file(path).unwrap()
        });
        println!(
            "image: {name}, {:.1} MB, {:?}",
            reference.size as f64 / 1e6,
            reference.dimensions
        );
        println!("  decode only:      {:.1} ms", floor.as_secs_f64() * 1e3);
        println!(
            "  attach to diary:  {:.1} ms  (ratio {:.2}x: inspection, thumbnail, sealed storage)",
            attach.as_secs_f64() * 1e3,
            attach.as_secs_f64() / floor.as_secs_f64()
        );
    }
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
    if wants("telegram") {
        bench_telegram();
    }
    if wants("images") {
        bench_images();
    }
    if wants("sms") {
        bench_sms_rss();
    }
}
