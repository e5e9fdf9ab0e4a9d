//! How fast large files go into the diary and come back out, and what keeping the diary
//! safe costs, each against a floor measured in the same run on the same bytes:
//!
//! - **attach** 4 × 128 MiB (as `tally add … --attach` does) against `cp` + fsync of the
//!   same files into the same folder: every byte written once, durably;
//! - **read back** those attachments (every chunk decrypted and authenticated, the SHA-256
//!   checked) against reading and hashing the original files once;
//! - **re-key** (a passphrase change) of a 1 GiB diary against copying the diary file +
//!   fsync (a re-key must read and write every byte at least once), with its peak memory;
//! - **backup** of that diary against the same copy.
//!
//! Run: `cargo bench -p tally-core --bench store`. Files go under
//! `$CARGO_TARGET_DIR/bench-store` (on disk, not a tmpfs); `TALLY_BENCH_GIB` sets the
//! re-key diary's size (default 1). Figures are recorded in `BENCHMARKS.md`.
#![allow(clippy::unwrap_used, missing_docs)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{CreateOptions, Diary, NoProgress};
use tally_core::model::{Category, Incident, Occurred};

const PASS: &str = "benchmark passphrase";
const MIB: u64 = 1 << 20;

fn bench_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let root = target.join("bench-store");
    std::fs::create_dir_all(&root).unwrap();
    root
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

/// Drops the page cache when allowed (root), so reads come from the disk; otherwise the
/// files were just written and sit in the cache for both sides alike.
fn drop_caches() {
    let _ = Command::new("sync").status();
    let _ = std::fs::write("/proc/sys/vm/drop_caches", "3\n");
}

use std::process::Command;

/// `cp` + fsync of each file into `dir`: the floor for storing them durably.
fn cp_fsync(files: &[PathBuf], dir: &Path) -> Duration {
    let start = Instant::now();
    for f in files {
        let to = dir.join(f.file_name().unwrap());
        let status = Command::new("cp").arg(f).arg(&to).status().unwrap();
        assert!(status.success());
        std::fs::File::open(&to).unwrap().sync_all().unwrap();
    }
    let took = start.elapsed();
    for f in files {
        std::fs::remove_file(dir.join(f.file_name().unwrap())).unwrap();
    }
    took
}

/// Reads and hashes each file once: the floor for reading attachments back checked.
fn read_hash(files: &[PathBuf]) -> Duration {
    let start = Instant::now();
    let mut buf = vec![0u8; MIB as usize];
    for f in files {
        let mut file = std::fs::File::open(f).unwrap();
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        loop {
            let n = file.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            ctx.update(&buf[..n]);
        }
        std::hint::black_box(ctx.finish());
    }
    start.elapsed()
}

fn new_diary(path: &Path) -> Diary {
    let options = CreateOptions {
        kdf: KdfParams::floor(),
    };
    Diary::create(path, PASS, options).unwrap()
}

/// Attaches every file and records one incident holding them all, as `tally add` does.
fn attach_all(diary: &mut Diary, files: &[PathBuf]) -> Duration {
    let start = Instant::now();
    let start_at = chrono::DateTime::parse_from_rfc3339("2024-03-12T21:06:00+00:00").unwrap();
    let mut inc = Incident::new(Occurred::at(start_at), Category::Other, "video");
    for f in files {
        inc.attachments.push(diary.attach_file(f).unwrap());
    }
    diary.add_incident(inc).unwrap();
    start.elapsed()
}

fn mib_per_s(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / MIB as f64 / d.as_secs_f64()
}

/// Peak resident memory of this process so far (KiB), and a reset of the peak.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Runs per size; each run alternates the floor and the diary on the same files.
const RUNS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn attach_and_read(dir: &Path) {
    let files: Vec<PathBuf> = (0..4).map(|i| dir.join(format!("video-{i}.bin"))).collect();
    for f in &files {
        random_file(f, 128 * MIB);
    }
    let bytes = 4 * 128 * MIB;
    let sink = dir.join("cp-target");
    std::fs::create_dir_all(&sink).unwrap();
    println!();
    println!("## attach 4 × 128 MiB, and read it back ({RUNS} runs, floor and diary alternated)");
    println!("| run | cp + fsync | attach | ratio | read + hash files | read back | ratio |");
    println!("|---|---|---|---|---|---|---|");
    let (mut attach_ratios, mut read_ratios) = (Vec::new(), Vec::new());
    for run in 1..=RUNS {
        drop_caches();
        let floor = cp_fsync(&files, &sink);
        let path = dir.join(format!("attach-{run}.tally"));
        let mut diary = new_diary(&path);
        drop_caches();
        let attach = attach_all(&mut diary, &files);
        drop_caches();
        let read_floor = read_hash(&files);
        let hashes: Vec<String> = match diary.entry(1).unwrap().body {
            tally_core::model::Body::Incident(i) => {
                i.attachments.iter().map(|a| a.sha256.clone()).collect()
            }
            _ => unreachable!(),
        };
        drop_caches();
        let start = Instant::now();
        for sha in &hashes {
            diary.read_attachment(sha, &mut std::io::sink()).unwrap();
        }
        let read = start.elapsed();
        let (a, r) = (
            floor.as_secs_f64() / attach.as_secs_f64(),
            read_floor.as_secs_f64() / read.as_secs_f64(),
        );
        attach_ratios.push(a);
        read_ratios.push(r);
        println!(
            "| {run} | {:.2} s ({:.0} MiB/s) | {:.2} s ({:.0} MiB/s) | {a:.2}× | {:.2} s ({:.0} MiB/s) | {:.2} s ({:.0} MiB/s) | {r:.2}× |",
            floor.as_secs_f64(),
            mib_per_s(bytes, floor),
            attach.as_secs_f64(),
            mib_per_s(bytes, attach),
            read_floor.as_secs_f64(),
            mib_per_s(bytes, read_floor),
            read.as_secs_f64(),
            mib_per_s(bytes, read),
        );
        drop(diary);
        std::fs::remove_file(&path).unwrap();
    }
    println!(
        "| **median** | | | **{:.2}×** | | | **{:.2}×** |",
        median(attach_ratios),
        median(read_ratios)
    );
    for f in &files {
        std::fs::remove_file(f).unwrap();
    }
}

fn rekey_and_backup(dir: &Path, gib: u64) {
    let path = dir.join("rekey.tally");
    let mut diary = new_diary(&path);
    let file = dir.join("part.bin");
    let parts = gib * 8;
    for n in 0..parts {
        random_file(&file, 128 * MIB);
        let mut inc = Incident::new(
            Occurred::at(
                chrono::DateTime::parse_from_rfc3339("2024-03-12T21:06:00+00:00").unwrap(),
            ),
            Category::Other,
            format!("part {n}"),
        );
        inc.attachments.push(diary.attach_file(&file).unwrap());
        diary.add_incident(inc).unwrap();
    }
    std::fs::remove_file(&file).unwrap();
    for n in 0..1000 {
        diary
            .add_incident(Incident::new(
                Occurred::at(
                    chrono::DateTime::parse_from_rfc3339("2024-03-12T21:06:00+00:00").unwrap(),
                ),
                Category::Message,
                format!("message {n}"),
            ))
            .unwrap();
    }
    drop(diary);
    let size = std::fs::metadata(&path).unwrap().len();
    println!();
    println!(
        "## re-key and backup of a {:.2} GiB diary ({} entries)",
        size as f64 / (1u64 << 30) as f64,
        parts + 1000
    );
    println!(
        "| run | copy + fsync of the file | re-key (passphrase change) | ratio | peak RSS growth | backup | ratio |"
    );
    println!("|---|---|---|---|---|---|---|");
    let passes = [PASS, "another benchmark passphrase"];
    for run in 0..2 {
        let (old, new) = (passes[run % 2], passes[(run + 1) % 2]);
        drop_caches();
        let copy = dir.join("copy.tally");
        let t = Instant::now();
        std::fs::copy(&path, &copy).unwrap();
        std::fs::File::open(&copy).unwrap().sync_all().unwrap();
        let floor = t.elapsed();
        std::fs::remove_file(&copy).unwrap();
        let mut diary = Diary::unlock(&path, old).unwrap();
        drop_caches();
        reset_peak_rss();
        let before = peak_rss_kib();
        let t = Instant::now();
        diary.change_passphrase(old, new).unwrap();
        let rekey = t.elapsed();
        let growth = peak_rss_kib().saturating_sub(before);
        drop_caches();
        let backup = dir.join("backup.tally");
        let t = Instant::now();
        diary.backup(&backup, &NoProgress).unwrap();
        let backup_time = t.elapsed();
        std::fs::remove_file(&backup).unwrap();
        println!(
            "| {} | {:.2} s | {:.2} s | **{:.2}×** | {:.1} MiB | {:.2} s | **{:.2}×** |",
            run + 1,
            floor.as_secs_f64(),
            rekey.as_secs_f64(),
            floor.as_secs_f64() / rekey.as_secs_f64(),
            growth as f64 / 1024.0,
            backup_time.as_secs_f64(),
            floor.as_secs_f64() / backup_time.as_secs_f64(),
        );
    }
    std::fs::remove_file(&path).unwrap();
}

fn main() {
    let root = bench_root();
    let scratch = tempfile::tempdir_in(&root).unwrap();
    let gib: u64 = std::env::var("TALLY_BENCH_GIB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    println!(
        "# tally-core store benchmarks (scratch: {})",
        root.display()
    );
    let only = std::env::var("TALLY_BENCH_ONLY").unwrap_or_default();
    if only.is_empty() || only == "attach" {
        attach_and_read(scratch.path());
    }
    if only.is_empty() || only == "rekey" {
        rekey_and_backup(scratch.path(), gib);
    }
}
