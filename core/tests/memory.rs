//! Bounded memory: a 200 MB attachment streams into the diary and back out with the
//! process's peak resident memory far below its size, so a long video can be kept on a
//! phone that could never hold it in memory.
//!
//! The work runs in a child process (this test binary re-executed with
//! `TALLY_MEMORY_CHILD` set), so the peak it reports (`VmHWM` in `/proc/self/status`) is
//! that of the streaming alone, not of whatever other tests did first.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};
use std::process::Command;

use common::*;
use tally_core::diary::{AttachOptions, NoProgress};

const CHILD_ENV: &str = "TALLY_MEMORY_CHILD";
const CHILD_TEST: &str = "child_process_streaming_200_mb";
/// 200 MB, not a whole number of chunks.
const SIZE: u64 = 200 * 1000 * 1000 + 17;
/// The promise: peak resident memory under 100 MiB.
const LIMIT_KIB: u64 = 100 * 1024;

/// Generates `SIZE` pseudo-random bytes on demand, hashing what it hands out.
struct Generated {
    state: u64,
    left: u64,
    sha: ring::digest::Context,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        for word in buf[..want].chunks_mut(8) {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            word.copy_from_slice(&self.state.to_le_bytes()[..word.len()]);
        }
        self.sha.update(&buf[..want]);
        self.left -= want as u64;
        Ok(want)
    }
}

/// A sink that only hashes and counts.
struct HashingSink {
    sha: ring::digest::Context,
    bytes: u64,
}

impl Write for HashingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.sha.update(buf);
        self.bytes += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The child: attaches 200 MB from a generator, reads it back into a hashing sink, and
/// prints the hashes and its peak memory. Does nothing when run as a plain test.
#[test]
fn child_process_streaming_200_mb() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut diary) = new_diary(dir.path());
    let before_kib = proc_status_kib("VmHWM");
    let mut input = Generated {
        state: 0x2545_F491_4F6C_DD1D,
        left: SIZE,
        sha: ring::digest::Context::new(&ring::digest::SHA256),
    };
    let att = diary
        .attach_reader(&mut input, AttachOptions::default(), &NoProgress)
        .unwrap();
    let in_sha = hex::encode(input.sha.finish());
    let mut sink = HashingSink {
        sha: ring::digest::Context::new(&ring::digest::SHA256),
        bytes: 0,
    };
    let written = diary.read_attachment(&att.sha256, &mut sink).unwrap();
    let out_sha = hex::encode(sink.sha.finish());
    let peak_kib = proc_status_kib("VmHWM");
    let mut out = std::io::stdout().lock();
    writeln!(out).unwrap();
    writeln!(out, "in {in_sha} {SIZE}").unwrap();
    writeln!(out, "stored {} {}", att.sha256, att.size).unwrap();
    writeln!(out, "out {out_sha} {written} {}", sink.bytes).unwrap();
    writeln!(out, "peak {before_kib} {peak_kib}").unwrap();
    out.flush().unwrap();
}

#[test]
fn a_200_mb_attachment_streams_in_and_out_in_bounded_memory() {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the child failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let field = |name: &str| -> Vec<String> {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("the child did not report {name:?}: {stdout}"))
            .split(' ')
            .map(str::to_owned)
            .collect()
    };
    let (input, stored, out, peak) = (field("in"), field("stored"), field("out"), field("peak"));
    assert_eq!(input[1], SIZE.to_string());
    assert_eq!(
        stored[0], input[0],
        "the diary recorded a different SHA-256"
    );
    assert_eq!(stored[1], SIZE.to_string());
    assert_eq!(
        out[0], input[0],
        "the bytes read back differ from those put in"
    );
    assert_eq!(out[1], SIZE.to_string());
    assert_eq!(out[2], SIZE.to_string());
    let before: u64 = peak[0].parse().unwrap();
    let peak: u64 = peak[1].parse().unwrap();
    println!(
        "200 MB in and out: peak resident memory {:.1} MiB (before streaming {:.1} MiB), \
         SHA-256 {}",
        peak as f64 / 1024.0,
        before as f64 / 1024.0,
        input[0]
    );
    assert!(
        peak < LIMIT_KIB,
        "peak resident memory {peak} KiB is not under {LIMIT_KIB} KiB"
    );
}
