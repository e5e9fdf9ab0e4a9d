//! Evidence-pack benchmarks (issue 3, "Benchmarks"): export and verify of 1 GiB of
//! attachments against `openssl dgst -sha256` over the same plaintext files in the same run
//! (the floor: every byte hashed once with the CPU's SHA instructions), and peak RSS while
//! exporting one 500 MiB attachment, measured in a child process from `/proc/self/status`.
//!
//! Run: `cargo bench -p tally-core --bench pack`. Temporary files go under the target
//! folder (on disk, not a small tmpfs); `TALLY_BENCH_GIB` scales the first part (default 1).
#![allow(clippy::unwrap_used, missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{CreateOptions, Diary, NoProgress};
use tally_core::model::{Category, Incident, Occurred};
use tally_core::pack::{ExportOptions, verify_pack};

const PASS: &str = "benchmark passphrase";
const MIB: u64 = 1 << 20;
/// Set in the child process that measures peak RSS: `<diary path>\n<pack path>`.
const CHILD_ENV: &str = "TALLY_BENCH_RSS_CHILD";

fn main() {
    if let Ok(spec) = std::env::var(CHILD_ENV) {
        rss_child(&spec);
        return;
    }
    let root = bench_root();
    let scratch = tempfile::tempdir_in(&root).unwrap();
    println!("# tally-core pack benchmarks (scratch: {})", root.display());
    let gib: u64 = std::env::var("TALLY_BENCH_GIB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    export_and_verify(scratch.path(), gib);
    peak_rss(scratch.path());
}

/// `$CARGO_TARGET_DIR/bench-pack`, or `target/bench-pack` beside the workspace.
fn bench_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let root = target.join("bench-pack");
    std::fs::create_dir_all(&root).unwrap();
    root
}

fn new_diary(dir: &Path) -> Diary {
    let options = CreateOptions {
        kdf: KdfParams::insecure_for_tests(),
    };
    Diary::create(&dir.join("bench.tally"), PASS, options).unwrap()
}

/// Writes `size` bytes of random data (incompressible, like photos and video).
fn random_file(path: &Path, size: u64) {
    let rng = ring::rand::SystemRandom::new();
    let mut buf = vec![0u8; MIB as usize];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut left = size;
    while left > 0 {
        ring::rand::SecureRandom::fill(&rng, &mut buf).unwrap();
        let n = left.min(MIB) as usize;
        out.write_all(&buf[..n]).unwrap();
        left -= n as u64;
    }
    out.into_inner().unwrap().sync_all().unwrap();
}

/// Best of `runs` timings of `openssl dgst -sha256` over `files` (one process, all files).
fn openssl_sha256(files: &[PathBuf], runs: usize) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new("openssl")
            .args(["dgst", "-sha256"])
            .args(files)
            .output()
            .expect("openssl must be installed for the baseline");
        assert!(out.status.success(), "openssl dgst failed");
        best = best.min(start.elapsed());
    }
    best
}

fn mib_s(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / MIB as f64 / d.as_secs_f64()
}

fn export_and_verify(scratch: &Path, gib: u64) {
    let dir = scratch.join("one-gib");
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = (0..8 * gib)
        .map(|i| dir.join(format!("video-{i}.bin")))
        .collect();
    let total = files.len() as u64 * 128 * MIB;
    for f in &files {
        random_file(f, 128 * MIB);
    }
    let mut diary = new_diary(&dir);
    let start = Instant::now();
    let mut incident = Incident::new(
        Occurred::at(chrono::DateTime::parse_from_rfc3339("2024-03-01T21:00:00+00:00").unwrap()),
        Category::SightingOrFollowing,
        "Followed home; filmed him on the street",
    );
    for f in &files {
        incident.attachments.push(diary.attach_file(f).unwrap());
    }
    diary.add_incident(incident).unwrap();
    let attach = start.elapsed();

    // Warm the page cache for both sides alike, then take the baseline.
    let _ = openssl_sha256(&files, 1);
    let openssl = openssl_sha256(&files, 2);

    // Diagnostics for where export time goes: reading the attachments back out of the
    // diary (SQLite, AES-GCM, the reader's own SHA-256) with no pack, and the disk's cost
    // of writing 1 GiB and syncing it (export syncs the pack before renaming it).
    let shas: Vec<String> = {
        let v = diary.views().unwrap();
        let inc = v.iter().find_map(|v| v.incident()).unwrap();
        inc.attachments.iter().map(|a| a.sha256.clone()).collect()
    };
    let start = Instant::now();
    for sha in &shas {
        diary.read_attachment(sha, &mut std::io::sink()).unwrap();
    }
    let read_back = start.elapsed();
    let start = Instant::now();
    {
        let sink = dir.join("disk-floor.bin");
        let mut out = std::fs::File::create(&sink).unwrap();
        for f in &files {
            std::io::copy(&mut std::fs::File::open(f).unwrap(), &mut out).unwrap();
        }
        out.sync_all().unwrap();
        std::fs::remove_file(&sink).unwrap();
    }
    let disk = start.elapsed();

    let pack = dir.join("pack.zip");
    let start = Instant::now();
    let summary = diary
        .export_pack(&pack, &ExportOptions::default(), &NoProgress)
        .unwrap();
    let export = start.elapsed();
    assert_eq!(summary.attachment_bytes, total);

    let start = Instant::now();
    let verdict = verify_pack(&pack, &Default::default()).unwrap();
    let verify = start.elapsed();
    assert!(verdict.is_ok(), "{:?}", verdict.problems);

    let openssl_rate = mib_s(total, openssl);
    println!(
        "openssl dgst -sha256, {} MiB:   {:>7.2} s  {:>7.0} MiB/s  (baseline)",
        total / MIB,
        openssl.as_secs_f64(),
        openssl_rate
    );
    println!(
        "attach (not a target):         {:>7.2} s  {:>7.0} MiB/s  ratio {:.2}",
        attach.as_secs_f64(),
        mib_s(total, attach),
        openssl.as_secs_f64() / attach.as_secs_f64()
    );
    println!(
        "  diagnostic: read back from diary: {:>5.2} s  {:>7.0} MiB/s  ratio {:.2}",
        read_back.as_secs_f64(),
        mib_s(total, read_back),
        openssl.as_secs_f64() / read_back.as_secs_f64()
    );
    println!(
        "  diagnostic: copy + fsync 1 file:  {:>5.2} s  {:>7.0} MiB/s  ratio {:.2}",
        disk.as_secs_f64(),
        mib_s(total, disk),
        openssl.as_secs_f64() / disk.as_secs_f64()
    );
    println!(
        "export {} MiB of attachments: {:>7.2} s  {:>7.0} MiB/s  ratio {:.2} (aim >= 0.70)",
        total / MIB,
        export.as_secs_f64(),
        mib_s(total, export),
        openssl.as_secs_f64() / export.as_secs_f64()
    );
    println!(
        "verify that pack (zip):        {:>7.2} s  {:>7.0} MiB/s  ratio {:.2} (aim >= 0.80)",
        verify.as_secs_f64(),
        mib_s(total, verify),
        openssl.as_secs_f64() / verify.as_secs_f64()
    );
    drop(diary);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Peak resident memory of a child that unlocks a diary and exports one 500 MiB attachment.
fn peak_rss(scratch: &Path) {
    let dir = scratch.join("rss");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("video.bin");
    random_file(&file, 500 * MIB);
    let diary_path = {
        let mut diary = new_diary(&dir);
        let mut incident = Incident::new(
            Occurred::at(
                chrono::DateTime::parse_from_rfc3339("2024-03-02T21:00:00+00:00").unwrap(),
            ),
            Category::SightingOrFollowing,
            "Parked outside the house all evening",
        );
        incident.attachments.push(diary.attach_file(&file).unwrap());
        diary.add_incident(incident).unwrap();
        diary.path().to_owned()
    };
    std::fs::remove_file(&file).unwrap();
    let pack = dir.join("pack.zip");
    let out = Command::new(std::env::current_exe().unwrap())
        .env(
            CHILD_ENV,
            format!("{}\n{}", diary_path.display(), pack.display()),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap()
    };
    let before = field("before_kib=");
    let peak = field("peak_kib=");
    println!(
        "peak RSS exporting one 500 MiB attachment: {:.1} MiB (after unlock, before export: {:.1} MiB; growth {:.1} MiB); ratio to the 64 MiB aim {:.2} (aim <= 1.00)",
        peak as f64 / 1024.0,
        before as f64 / 1024.0,
        (peak.saturating_sub(before)) as f64 / 1024.0,
        peak as f64 / 1024.0 / 64.0
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// In the child: unlock, export, report VmHWM (peak resident set) before and after.
fn rss_child(spec: &str) {
    let (diary, pack) = spec.split_once('\n').unwrap();
    let diary = Diary::unlock(Path::new(diary), PASS).unwrap();
    println!("before_kib={}", vm_hwm_kib());
    diary
        .export_pack(Path::new(pack), &ExportOptions::default(), &NoProgress)
        .unwrap();
    println!("peak_kib={}", vm_hwm_kib());
}

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}
