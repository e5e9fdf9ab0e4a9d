//! Evidence-pack benchmarks. Every figure is printed beside its floor, measured in the same
//! run on the same bytes:
//! - export of 512 MiB and 1 GiB of attachments against `cp` + fsync of the same files into
//!   the same folder (writing a pack cannot beat copying its bytes);
//! - attach of those files against the same `cp` + fsync;
//! - verify of each pack (the zip, read in place) against `openssl dgst -sha256` over the
//!   same zip (verifying cannot beat hashing every byte once);
//! - vetting a zip of 2,000 empty members 200 folders deep, and of 20,000 flat members,
//!   against Info-ZIP listing the same zip (`unzip -Z1`);
//! - peak RSS while exporting one 500 MiB attachment, in a child process.
//!
//! Diagnostics show where export time goes: reading the attachments back out of the diary
//! (SQLite, AES-GCM) alone, and writing the same bytes into a zip alone.
//!
//! Run: `cargo bench -p tally-core --bench pack`. Temporary files go under the target
//! folder (on disk, not a small tmpfs). `TALLY_BENCH_RUNS` sets the runs per figure
//! (default 3; the best run counts, for both sides alike).
#![allow(clippy::unwrap_used, missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{CreateOptions, Diary, NoProgress};
use tally_core::model::{Category, Incident, Occurred};
use tally_core::pack::{BagWriter, DisclosureChoices, ExportOptions, verify_pack};
use tally_core::safe_zip::{SafeZip, ZipLimits};

const PASS: &str = "benchmark passphrase";
const MIB: u64 = 1 << 20;
/// Each attachment is this big; 512 MiB is four of them, 1 GiB eight.
const FILE_MIB: u64 = 128;
/// Set in the child process that measures peak RSS: `<diary path>\n<pack path>`.
const CHILD_ENV: &str = "TALLY_BENCH_RSS_CHILD";

fn main() {
    if let Ok(spec) = std::env::var(CHILD_ENV) {
        rss_child(&spec);
        return;
    }
    let root = bench_root();
    let scratch = tempfile::tempdir_in(&root).unwrap();
    let runs: usize = std::env::var("TALLY_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    println!("# tally-core pack benchmarks (scratch: {})", root.display());
    println!("# ratio = floor time / our time (1.00: as fast as the floor); best of {runs}");
    zip_vetting(scratch.path(), runs);
    export_and_verify(scratch.path(), runs);
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

fn best(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..runs.max(1)).map(|_| f()).min().unwrap()
}

fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

/// `openssl dgst -sha256 FILE`.
fn openssl_sha256(file: &Path) -> Duration {
    timed(|| {
        let out = Command::new("openssl")
            .args(["dgst", "-sha256"])
            .arg(file)
            .output()
            .expect("openssl must be installed for the floor");
        assert!(out.status.success(), "openssl dgst failed");
    })
}

/// `cp FILES DIR` then fsync of each copy, as a careful copy does; the copies are removed.
fn cp_fsync(files: &[PathBuf], dir: &Path) -> Duration {
    let into = dir.join("copies");
    std::fs::create_dir_all(&into).unwrap();
    let d = timed(|| {
        let ok = Command::new("cp")
            .args(files)
            .arg(&into)
            .status()
            .unwrap()
            .success();
        assert!(ok, "cp failed");
        for f in files {
            std::fs::File::open(into.join(f.file_name().unwrap()))
                .unwrap()
                .sync_all()
                .unwrap();
        }
    });
    std::fs::remove_dir_all(&into).unwrap();
    d
}

fn mib_s(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / MIB as f64 / d.as_secs_f64()
}

fn line(what: &str, bytes: u64, ours: Duration, floor_name: &str, floor: Duration, aim: &str) {
    println!(
        "{what:<34} {:>7.3} s {:>6.0} MiB/s | {floor_name:<24} {:>7.3} s {:>6.0} MiB/s | ratio {:>5.2} (aim {aim})",
        ours.as_secs_f64(),
        mib_s(bytes, ours),
        floor.as_secs_f64(),
        mib_s(bytes, floor),
        floor.as_secs_f64() / ours.as_secs_f64(),
    );
}

/// Zip vetting: the two shapes that were quadratic, through the pack reader (which
/// `tally verify` uses) and the chat-export reader (which `tally import whatsapp` uses).
fn zip_vetting(scratch: &Path, runs: usize) {
    let deep: String = (0..200).map(|i| format!("d{i}/")).collect();
    let shapes: [(&str, Vec<String>); 2] = [
        (
            "2,000 empty members 200 deep",
            (0..2000).map(|i| format!("{deep}f{i}")).collect(),
        ),
        (
            "20,000 flat members",
            (0..20_000).map(|i| format!("bag/f{i}.txt")).collect(),
        ),
    ];
    for (what, names) in shapes {
        let zip = scratch.join("vet.zip");
        let mut w = zip::ZipWriter::new(std::fs::File::create(&zip).unwrap());
        for name in &names {
            w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
        }
        w.finish().unwrap();
        let size = std::fs::metadata(&zip).unwrap().len();
        let floor = best(runs, || {
            timed(|| {
                let out = Command::new("unzip").arg("-Z1").arg(&zip).output().unwrap();
                assert!(out.status.success());
            })
        });
        for (reader, open) in [
            (
                "pack reader",
                SafeZip::open_pack as fn(&Path, ZipLimits) -> _,
            ),
            ("chat-export reader", SafeZip::open),
        ] {
            let ours = best(runs, || {
                timed(|| {
                    let z = open(&zip, ZipLimits::default()).unwrap();
                    assert!(!z.names().is_empty());
                })
            });
            line(
                &format!("vet {what}, {reader}"),
                size,
                ours,
                "unzip -Z1 (Info-ZIP)",
                floor,
                "well under 1 s",
            );
        }
        std::fs::remove_file(&zip).unwrap();
    }
}

fn export_and_verify(scratch: &Path, runs: usize) {
    let dir = scratch.join("export");
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = (0..8).map(|i| dir.join(format!("video-{i}.mp4"))).collect();
    for f in &files {
        random_file(f, FILE_MIB * MIB);
    }
    let mut diary = new_diary(&dir);
    let mut seqs = Vec::new();
    let mut attach_times = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let mut incident = Incident::new(
            Occurred::at(
                chrono::DateTime::parse_from_rfc3339("2024-03-01T21:00:00+00:00").unwrap(),
            ),
            Category::SightingOrFollowing,
            "Followed home; filmed him on the street",
        );
        let start = Instant::now();
        incident.attachments.push(diary.attach_file(f).unwrap());
        attach_times.push(start.elapsed());
        incident.summary = format!("Followed home, evening {i}");
        seqs.push(diary.add_incident(incident).unwrap());
    }
    println!();
    for (label, n) in [("512 MiB", 4usize), ("1 GiB", 8)] {
        let bytes = n as u64 * FILE_MIB * MIB;
        let chosen = &files[..n];
        let floor = best(runs, || cp_fsync(chosen, &dir));
        let attach: Duration = attach_times[..n].iter().sum();
        line(
            &format!("attach {label} (once)"),
            bytes,
            attach,
            "cp + fsync",
            floor,
            ">= 0.50",
        );
        let pack = dir.join("pack.zip");
        let options = ExportOptions {
            choices: DisclosureChoices {
                entries: seqs[..n].to_vec(),
                ..Default::default()
            },
            checkpoints: Vec::new(),
        };
        let export = best(runs, || {
            let _ = std::fs::remove_file(&pack);
            timed(|| {
                let s = diary.export_pack(&pack, &options, &NoProgress).unwrap();
                assert_eq!(s.attachment_bytes, bytes);
            })
        });
        line(
            &format!("export {label}"),
            bytes,
            export,
            "cp + fsync",
            floor,
            ">= 0.80",
        );

        // Where export time goes: reading the attachments back out of the diary alone
        // (SQLite, AES-GCM; no pack), and writing the same bytes into a zip alone (CRC-32,
        // write, one fsync; from memory).
        let shas: Vec<String> = diary
            .views()
            .unwrap()
            .iter()
            .filter(|v| seqs[..n].contains(&v.seq))
            .filter_map(|v| v.incident())
            .flat_map(|i| i.attachments.iter().map(|a| a.sha256.clone()))
            .collect();
        let read_back = best(runs, || {
            timed(|| {
                for sha in &shas {
                    diary.read_attachment(sha, &mut std::io::sink()).unwrap();
                }
            })
        });
        line(
            "  diagnostic: read back from diary",
            bytes,
            read_back,
            "cp + fsync",
            floor,
            "-",
        );
        for (how, mmap) in [("", 0i64), (", mmap", 1 << 30)] {
            let sqlite = best(runs, || sqlite_read(diary.path(), n, mmap));
            line(
                &format!("  diagnostic: SQLite rows alone{how}"),
                bytes,
                sqlite,
                "cp + fsync",
                floor,
                "-",
            );
        }
        let write_only = best(runs, || write_zip_from_memory(&dir, bytes));
        line(
            "  diagnostic: zip write + fsync",
            bytes,
            write_only,
            "cp + fsync",
            floor,
            "-",
        );

        let openssl = best(runs, || openssl_sha256(&pack));
        let verify = best(runs, || {
            timed(|| {
                let v = verify_pack(&pack, &Default::default()).unwrap();
                assert!(v.is_ok(), "{:?}", v.problems);
            })
        });
        line(
            &format!("verify {label} (zip in place)"),
            bytes,
            verify,
            "openssl dgst -sha256",
            openssl,
            ">= 0.70",
        );
        std::fs::remove_file(&pack).unwrap();
        println!();
    }
    drop(diary);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Reads the sealed chunk rows of the first `blobs` attachments straight from SQLite, in
/// order, as the diary does but with no decryption: the store's share of an export.
/// `mmap`: a `PRAGMA mmap_size` to try (0: the diary's own setting, none).
fn sqlite_read(path: &Path, blobs: usize, mmap: i64) -> Duration {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.pragma_update(None, "mmap_size", mmap).unwrap();
    let ids: Vec<Vec<u8>> = conn
        .prepare("SELECT id FROM blobs ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .take(blobs)
        .collect();
    timed(|| {
        let mut stmt = conn
            .prepare("SELECT sealed FROM blob_chunks WHERE blob_id = ?1 AND idx = ?2")
            .unwrap();
        let mut total = 0usize;
        for id in &ids {
            for idx in 0.. {
                let row: Option<Vec<u8>> = rusqlite::OptionalExtension::optional(
                    stmt.query_row(rusqlite::params![id, idx], |r| r.get(0)),
                )
                .unwrap();
                match row {
                    Some(b) => total += b.len(),
                    None => break,
                }
            }
        }
        assert!(total > 0);
    })
}

/// Writes `bytes` of one reused random buffer into a stored zip member through the bag
/// writer, then syncs: the writing half of an export, without the diary.
fn write_zip_from_memory(dir: &Path, bytes: u64) -> Duration {
    let mut chunk = vec![0u8; MIB as usize];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut chunk).unwrap();
    let path = dir.join("write-only.zip");
    let d = timed(|| {
        let file = std::fs::File::create(&path).unwrap();
        let mut bag = BagWriter::new(file, "bench").unwrap();
        let mut left = bytes / MIB;
        bag.add_payload_prehashed(
            "attachments/x.bin",
            [0; 32],
            bytes,
            || {
                (left > 0).then(|| {
                    left -= 1;
                    Ok(chunk.clone())
                })
            },
            drop,
        )
        .unwrap();
        let file = bag.finish(&[], |_| Ok(Vec::new())).unwrap();
        file.sync_all().unwrap();
    });
    std::fs::remove_file(&path).unwrap();
    d
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
        "peak RSS exporting one 500 MiB attachment: {:.1} MiB (after unlock, before export: {:.1} MiB); ratio to the 64 MiB aim {:.2} (aim <= 1.00)",
        peak as f64 / 1024.0,
        before as f64 / 1024.0,
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
