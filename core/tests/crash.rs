//! Crash safety: an append that returned survives the process being killed, and a kill at
//! any moment — mid-append, mid-attachment — leaves a diary that opens, checks clean and
//! holds every entry its writer had reported as done.
//!
//! The writer is this test binary re-executed as a child (`TALLY_CRASH_CHILD` tells the
//! child test what to do); the parent kills it with SIGKILL (`Child::kill` on Unix) at a
//! random moment, then reopens the one diary that grows across all the runs. A child
//! prints an entry number only after `add_incident` returned, so every number the parent
//! saw is a promise the diary must keep. Set `TALLY_CRASH_SEED` to replay a run.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use tally_core::diary::{AttachOptions, CHUNK_SIZE, Diary, NoProgress};
use tally_core::model::{Body, Category};

const CHILD_ENV: &str = "TALLY_CRASH_CHILD";
const CHILD_TEST: &str = "child_process_appending_until_killed";
/// Kills while appending small entries.
const APPEND_KILLS: usize = 50;
/// Kills while streaming multi-chunk attachments.
const ATTACH_KILLS: usize = 16;
/// Each attachment spans five chunks, the last one partial.
const ATTACHMENT_SIZE: usize = 4 * CHUNK_SIZE + 4321;

/// The summary the child gives entry `seq`; the parent expects exactly this back.
fn summary_for(seq: u64) -> String {
    format!("crash test {seq}")
}

/// Deterministic, incompressible-looking bytes for the attachment of entry `seq`.
struct Pattern {
    state: u64,
    left: usize,
}

impl Pattern {
    fn new(seq: u64) -> Self {
        Pattern {
            state: seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            left: ATTACHMENT_SIZE,
        }
    }
}

impl Read for Pattern {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.left) / 8 * 8;
        let n = if n == 0 { buf.len().min(self.left) } else { n };
        for word in buf[..n].chunks_mut(8) {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            word.copy_from_slice(&self.state.to_le_bytes()[..word.len()]);
        }
        self.left -= n;
        Ok(n)
    }
}

fn pattern_sha256(seq: u64) -> String {
    let mut reader = Pattern::new(seq);
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        ctx.update(&buf[..n]);
    }
    hex::encode(ctx.finish())
}

/// The child: unlocks the diary named in `TALLY_CRASH_CHILD` (`append:<path>` or
/// `attach:<path>`) and appends until killed. Does nothing when run as a plain test.
#[test]
fn child_process_appending_until_killed() {
    let Ok(order) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (mode, path) = order.split_once(':').unwrap();
    if mode == "passwd" {
        return changing_passphrases_until_killed(Path::new(path));
    }
    let mut diary = Diary::unlock(Path::new(path), PASS).unwrap();
    assert!(diary.damage().is_none(), "child opened a damaged diary");
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    // A guard against an orphaned child: the parent kills it within a second.
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let seq = diary.len() + 1;
        let mut inc = incident("2024-03-12T21:06:00Z", Category::Message, &summary_for(seq));
        if mode == "attach" {
            writeln!(out, "streaming {seq}").unwrap();
            out.flush().unwrap();
            let att = diary
                .attach_reader(Pattern::new(seq), AttachOptions::default(), &NoProgress)
                .unwrap();
            writeln!(out, "streamed {seq}").unwrap();
            out.flush().unwrap();
            inc.attachments.push(att);
        }
        let got = diary.add_incident(inc).unwrap();
        assert_eq!(got, seq);
        // Only now is the entry promised.
        writeln!(out, "done {seq}").unwrap();
        out.flush().unwrap();
    }
}

/// The passphrase the re-key child alternates with [`PASS`].
const OTHER_PASS: &str = "a different passphrase altogether";

/// The re-key child: changes the passphrase back and forth until killed, saying
/// "changing to X" before each change and "changed to X" once it returned.
fn changing_passphrases_until_killed(path: &Path) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let (from, to, mut diary) = match Diary::unlock(path, PASS) {
            Ok(d) => (PASS, OTHER_PASS, d),
            Err(_) => (OTHER_PASS, PASS, Diary::unlock(path, OTHER_PASS).unwrap()),
        };
        writeln!(out, "changing to {to}").unwrap();
        out.flush().unwrap();
        diary.change_passphrase(from, to).unwrap();
        writeln!(out, "changed to {to}").unwrap();
        out.flush().unwrap();
    }
}

/// A small xorshift generator: the delays need to vary, not to be unpredictable.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// What one killed child had printed.
struct Run {
    done: Vec<u64>,
    /// The kill landed after "streaming n" and before "streamed n".
    killed_mid_stream: bool,
}

/// A child process at work on the diary, its output collected as it comes.
struct Running {
    child: std::process::Child,
    reader: std::thread::JoinHandle<Vec<String>>,
    ready_rx: std::sync::mpsc::Receiver<bool>,
    /// The highest entry number the child has reported done so far.
    acknowledged: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Running {
    fn start(path: &Path, mode: &str) -> Running {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, format!("{mode}:{}", path.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let acknowledged = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let seen = acknowledged.clone();
        // The reader drains the pipe to EOF, so after the kill it holds every line printed.
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let line = line.unwrap();
                // libtest prints "test <name> ... " with no newline before the child's output.
                if line.ends_with("ready") {
                    let _ = ready_tx.send(false);
                } else if let Some(n) = line.strip_prefix("done ") {
                    seen.fetch_max(n.parse().unwrap(), std::sync::atomic::Ordering::SeqCst);
                    let _ = ready_tx.send(true);
                } else if line.starts_with("changed ") {
                    let _ = ready_tx.send(true);
                }
                lines.push(line);
            }
            lines
        });
        Running {
            child,
            reader,
            ready_rx,
            acknowledged,
        }
    }

    /// Waits for "ready" or, with `for_done`, for the first piece of work done.
    fn wait(&self, for_done: bool) -> bool {
        loop {
            match self.ready_rx.recv_timeout(Duration::from_secs(30)) {
                Ok(done) if done || !for_done => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
    }

    /// Kills the child (it must not have ended on its own) and returns all it printed.
    fn kill(mut self) -> Vec<String> {
        self.child.kill().unwrap();
        let status = self.child.wait().unwrap();
        let lines = self.reader.join().unwrap();
        if status.signal() != Some(9) {
            let mut err = String::new();
            self.child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            let tail = &lines[lines.len().saturating_sub(5)..];
            panic!("the child was not killed but ended with {status}:\n{tail:?}\n{err}");
        }
        lines
    }
}

/// Starts a child in `mode`, waits for it to be ready (or, with `wait_for_done`, to report
/// its first entry), lets it run 5–60 ms (5–400 ms when attaching: one 5-chunk attachment
/// takes longer than 60 ms in a debug build, and some must complete), kills it.
fn run_and_kill(path: &Path, mode: &str, wait_for_done: bool, rng: &mut Rng) -> Run {
    let running = Running::start(path, mode);
    let ready = running.wait(wait_for_done);
    if ready {
        let spread = if mode == "attach" { 396 } else { 56 };
        std::thread::sleep(Duration::from_millis(5 + rng.below(spread)));
    }
    let lines = running.kill();
    assert!(ready, "the child never got ready");
    let done = lines
        .iter()
        .filter_map(|l| l.strip_prefix("done "))
        .map(|n| n.parse().unwrap())
        .collect();
    let last_stream_line = lines
        .iter()
        .rev()
        .find(|l| l.starts_with("stream") || l.starts_with("done"));
    Run {
        done,
        killed_mid_stream: last_stream_line.is_some_and(|l| l.starts_with("streaming ")),
    }
}

/// After a kill: opens cleanly, checks clean, and keeps every promise made so far.
fn verify(path: &Path, promised: &BTreeMap<u64, bool>, kill: usize) {
    let diary = Diary::unlock(path, PASS).unwrap();
    assert_eq!(diary.damage(), None, "after kill {kill}");
    let report = diary.check().unwrap();
    assert!(report.is_ok(), "after kill {kill}: {:#?}", report.problems);
    let last = promised.keys().next_back().copied().unwrap_or(0);
    assert!(
        diary.len() >= last,
        "after kill {kill}: entry {last} was reported done but the diary holds {}",
        diary.len()
    );
    // Every entry present, promised or caught in flight, must be whole and the child's.
    for seq in 1..=diary.len() {
        let entry = diary
            .entry(seq)
            .unwrap_or_else(|e| panic!("after kill {kill}: entry {seq}: {e}"));
        let Body::Incident(inc) = entry.body else {
            panic!("entry {seq} is not an incident");
        };
        assert_eq!(inc.summary, summary_for(seq), "after kill {kill}");
        let with_attachment = promised.get(&seq).copied();
        if with_attachment == Some(true) {
            assert_eq!(inc.attachments.len(), 1, "entry {seq} lost its attachment");
        }
    }
}

fn seed() -> u64 {
    let seed = std::env::var("TALLY_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("TALLY_CRASH_SEED={seed}");
    seed
}

/// Kills while re-keying.
const PASSWD_KILLS: usize = 24;

#[test]
fn passwd_killed_at_any_moment_leaves_the_old_or_the_new_passphrase_never_neither() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut diary) = new_diary(dir.path());
    // Enough attachment bytes that a re-key takes a while, so kills land inside it.
    let mut expected = Vec::new();
    for seq in 1..=12u64 {
        let mut inc = incident("2024-03-12T21:06:00Z", Category::Message, &summary_for(seq));
        if seq % 4 == 0 {
            inc.attachments.push(
                diary
                    .attach_reader(Pattern::new(seq), AttachOptions::default(), &NoProgress)
                    .unwrap(),
            );
        }
        expected.push(diary.add_incident(inc).unwrap());
    }
    let fingerprint = diary.fingerprint();
    drop(diary);
    let mut rng = Rng(seed());
    let mut mid_change = 0;
    for kill in 0..PASSWD_KILLS {
        let running = Running::start(&path, "passwd");
        assert!(running.wait(false), "the child never got ready");
        std::thread::sleep(Duration::from_millis(20 + rng.below(600)));
        let lines = running.kill();
        let last = lines
            .iter()
            .rev()
            .find(|l| l.starts_with("changing to ") || l.starts_with("changed to "));
        let promised = last.and_then(|l| l.strip_prefix("changed to "));
        mid_change += usize::from(last.is_some_and(|l| l.starts_with("changing ")));
        let opened: Vec<(&str, Diary)> = [PASS, OTHER_PASS]
            .into_iter()
            .filter_map(|p| Diary::unlock(&path, p).ok().map(|d| (p, d)))
            .collect();
        assert_eq!(
            opened.len(),
            1,
            "after kill {kill}: {} passphrases open it",
            opened.len()
        );
        let (which, diary) = &opened[0];
        if let Some(promised) = promised {
            assert_eq!(
                *which, promised,
                "after kill {kill}: a change that returned was lost"
            );
        }
        assert_eq!(diary.damage(), None, "after kill {kill}");
        let report = diary.check().unwrap();
        assert!(report.is_ok(), "after kill {kill}: {:#?}", report.problems);
        assert_eq!(diary.fingerprint(), fingerprint);
        assert_eq!(diary.len(), expected.len() as u64);
        for &seq in &expected {
            let Body::Incident(inc) = diary.entry(seq).unwrap().body else {
                panic!("entry {seq} is not an incident");
            };
            assert_eq!(inc.summary, summary_for(seq), "after kill {kill}");
            if let Some(a) = inc.attachments.first() {
                assert_eq!(a.sha256, pattern_sha256(seq), "after kill {kill}");
            }
        }
    }
    println!("{PASSWD_KILLS} kills, {mid_change} during a passphrase change");
    assert!(
        mid_change >= 3,
        "only {mid_change} kills landed during a change"
    );
}

#[test]
fn backup_taken_during_appends_holds_every_acknowledged_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (path, diary) = new_diary(dir.path());
    drop(diary);
    for round in 0..4 {
        let running = Running::start(&path, "append");
        assert!(running.wait(true), "the child never appended");
        // Let it get some way, so the backup has a log to copy while it grows.
        std::thread::sleep(Duration::from_millis(50));
        let owner = Diary::unlock(&path, PASS).unwrap();
        let acknowledged = running
            .acknowledged
            .load(std::sync::atomic::Ordering::SeqCst);
        let out = dir.path().join(format!("backup-{round}.tally"));
        let summary = owner.backup(&out, &NoProgress).unwrap();
        drop(owner);
        let lines = running.kill();
        let done_after = lines.iter().filter(|l| l.starts_with("done ")).count() as u64;
        let copy = Diary::unlock(&out, PASS).unwrap();
        assert!(
            copy.len() >= acknowledged,
            "round {round}: the backup holds {} entries, {acknowledged} were acknowledged before it began",
            copy.len()
        );
        assert_eq!(copy.len(), summary.entries);
        assert!(copy.damage().is_none());
        let report = copy.check().unwrap();
        assert!(report.is_ok(), "round {round}: {:#?}", report.problems);
        for seq in 1..=copy.len() {
            let Body::Incident(inc) = copy.entry(seq).unwrap().body else {
                panic!("entry {seq} is not an incident");
            };
            assert_eq!(inc.summary, summary_for(seq));
        }
        println!(
            "round {round}: {acknowledged} acknowledged before, backup holds {}, child wrote {done_after} in all",
            copy.len()
        );
    }
}

#[test]
fn appends_that_returned_survive_sigkill() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let (path, diary) = new_diary(dir.path());
    drop(diary);
    let mut rng = Rng(seed());
    // Entry number → whether its child was attaching.
    let mut promised: BTreeMap<u64, bool> = BTreeMap::new();
    let mut mid_stream = 0;
    let modes = std::iter::repeat_n("append", APPEND_KILLS)
        .chain(std::iter::repeat_n("attach", ATTACH_KILLS));
    for (kill, mode) in modes.enumerate() {
        let last = kill + 1 == APPEND_KILLS + ATTACH_KILLS;
        let run = run_and_kill(&path, mode, last, &mut rng);
        for seq in run.done {
            promised.insert(seq, mode == "attach");
        }
        mid_stream += usize::from(run.killed_mid_stream);
        verify(&path, &promised, kill);
    }
    // Attachments promised are the very bytes the child streamed.
    let diary = Diary::unlock(&path, PASS).unwrap();
    let attached: Vec<u64> = promised
        .iter()
        .filter(|(_, a)| **a)
        .map(|(s, _)| *s)
        .collect();
    for &seq in &attached {
        let Body::Incident(inc) = diary.entry(seq).unwrap().body else {
            unreachable!()
        };
        assert_eq!(
            inc.attachments[0].sha256,
            pattern_sha256(seq),
            "entry {seq}"
        );
        assert_eq!(inc.attachments[0].size, ATTACHMENT_SIZE as u64);
    }
    println!(
        "{} kills ({mid_stream} mid-attachment); {} entries promised, {} with attachments; \
         diary holds {}; {:.1} s",
        APPEND_KILLS + ATTACH_KILLS,
        promised.len(),
        attached.len(),
        diary.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        // Loose on purpose: a disk slowed by other work must not make this flaky.
        promised.len() >= 10,
        "too few appends completed for the test to mean anything"
    );
    assert!(
        !attached.is_empty(),
        "no attachment completed before its child was killed"
    );
    assert!(
        mid_stream >= 2,
        "only {mid_stream} kills landed while an attachment was streaming"
    );
}
