//! How fast the diary's everyday operations are, against baselines measured in the same
//! run: a durable append against a plain SQLite insert with the same durability pragmas,
//! opening and listing a 10,000-entry diary, and the passphrase KDF; beside them the peer
//! a user might pick instead, SQLCipher with its default settings (built and run as its
//! own program, `benches/sqlcipher-peer`, so Tally never links it); and how alike the
//! three outcomes of an unlock take (a wrong passphrase, the duress one, the real one).
//!
//! Run with `cargo bench -p tally-core --bench diary` (built optimised). Figures are
//! recorded in `BENCHMARKS.md` at the repository root.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use tally_core::crypto::kdf::KdfParams;
use tally_core::crypto::keys::DiaryKeys;
use tally_core::crypto::{aead, keys, random_bytes};
use tally_core::diary::{CreateOptions, Diary, ListFilter};
use tally_core::log::{Frontier, SignedHead, TreeHead, leaf_hash};
use tally_core::model::{Body, Category, Entry, Incident, Occurred};

const PASS: &str = "benchmark passphrase";
const DIARY_SIZE: u64 = 10_000;
const APPENDS: usize = 200;
const OPEN_RUNS: usize = 9;
const KDF_RUNS: usize = 5;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

/// A typical incident: a one-line summary and a paragraph of detail (about 400 bytes).
fn typical_incident(n: u64) -> BenchResult<Incident> {
    let start = chrono::DateTime::parse_from_rfc3339("2024-03-12T21:06:00+00:00")?
        + chrono::Duration::minutes(n as i64);
    let mut inc = Incident::new(
        Occurred::at(start),
        Category::VisitHome,
        format!("He was outside the house again ({n})"),
    );
    inc.details = Some(
        "Parked across the road from about nine. Rang the bell three times, then stood \
         at the front window shouting my name. Left when the neighbour came out. I have \
         the doorbell video and the neighbour saw his car. I did not open the door and \
         called 101 afterwards; they gave me a reference number."
            .into(),
    );
    Ok(inc)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// The baseline: a plain table in a file beside the diary, with the diary's pragmas
/// (`page_size` 0 keeps SQLite's default of 4 KiB; the diary uses 64 KiB).
fn baseline_db(dir: &Path, page_size: u32) -> BenchResult<Connection> {
    let conn = Connection::open(dir.join(format!("baseline-{page_size}.sqlite")))?;
    if page_size > 0 {
        conn.pragma_update(None, "page_size", page_size)?;
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.execute_batch("CREATE TABLE entries (seq INTEGER PRIMARY KEY, body BLOB NOT NULL)")?;
    Ok(conn)
}

/// One plain insert, in its own transaction like an append.
fn baseline_insert(conn: &Connection, seq: u64, bytes: &[u8]) -> BenchResult<()> {
    let tx = conn.unchecked_transaction()?;
    tx.prepare_cached("INSERT INTO entries (seq, body) VALUES (?1, ?2)")?
        .execute(rusqlite::params![seq as i64, bytes])?;
    tx.commit()?;
    Ok(())
}

/// Times the in-memory work of one append (everything but the SQLite commit), split by
/// step, to show what an append costs beyond the disk.
fn append_components(diary: &Diary) -> BenchResult<Vec<(&'static str, Duration)>> {
    let store = tally_core::store::Store::open(diary.path())?;
    let header = store.header()?;
    let keys = DiaryKeys::open(
        diary.raw_key(),
        &header.diary_id,
        &store.slots()?[0].sealed_signing_seed,
    )?;
    let public_key = diary.public_key();
    let mut frontier = Frontier::from_leaves(&diary.leaves()?);
    let mut samples: [Vec<Duration>; 5] = Default::default();
    for n in 0..APPENDS as u64 {
        let seq = frontier.size() + 1;
        let body = Body::Incident(typical_incident(n)?);
        let t = Instant::now();
        let bytes = Entry::new(seq, chrono::Utc::now(), random_bytes()?, body).to_canonical_bytes();
        let leaf = leaf_hash(&bytes);
        samples[0].push(t.elapsed());
        let t = Instant::now();
        let _sealed = aead::seal(&keys.entries, &keys::aad_entry(seq), &bytes)?;
        samples[1].push(t.elapsed());
        let t = Instant::now();
        frontier.push(leaf);
        let root = frontier.root();
        samples[2].push(t.elapsed());
        let t = Instant::now();
        let key_pair = keys.signing_key_pair()?;
        let head = SignedHead::sign(
            TreeHead::new(seq, &root, chrono::Utc::now(), &public_key),
            &key_pair,
        );
        samples[3].push(t.elapsed());
        let t = Instant::now();
        let _sealed_head = aead::seal(&keys.heads, &keys::aad_head(seq), &head.to_stored())?;
        samples[4].push(t.elapsed());
    }
    let [a, b, c, d, e] = samples;
    Ok(vec![
        ("serialise + leaf hash", median(a)),
        ("seal entry (AES-256-GCM)", median(b)),
        ("Merkle frontier + root", median(c)),
        ("Ed25519 key + sign head", median(d)),
        ("seal head", median(e)),
    ])
}

/// Where the time of reading every entry goes: SQLite rows, decryption, parsing.
fn read_components(path: &Path, raw_key: &[u8; 32]) -> BenchResult<Vec<(&'static str, Duration)>> {
    let store = tally_core::store::Store::open(path)?;
    let header = store.header()?;
    let keys = DiaryKeys::open(
        zeroize::Zeroizing::new(*raw_key),
        &header.diary_id,
        &store.slots()?[0].sealed_signing_seed,
    )?;
    let mut rows = Vec::new();
    let t = Instant::now();
    store.for_each_entry(|row| {
        rows.push(row);
        Ok::<(), tally_core::Error>(())
    })?;
    let read = t.elapsed();
    let t = Instant::now();
    let mut plain = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Some(sealed) = &row.sealed {
            plain.push(aead::open(
                &keys.entries,
                &keys::aad_entry(row.seq),
                sealed,
            )?);
        }
    }
    let decrypt = t.elapsed();
    let t = Instant::now();
    for bytes in &plain {
        std::hint::black_box(Entry::from_bytes(bytes)?);
    }
    let parse = t.elapsed();
    let t = Instant::now();
    for bytes in &plain {
        std::hint::black_box(leaf_hash(bytes));
    }
    let hash = t.elapsed();
    Ok(vec![
        ("read all rows (SQLite)", read),
        ("decrypt all (AES-256-GCM)", decrypt),
        ("parse all (Entry::from_bytes)", parse),
        ("leaf-hash all (SHA-256)", hash),
    ])
}

/// Runs of each unlock outcome.
const UNLOCK_RUNS: usize = 15;
const DURESS: &str = "a duress benchmark passphrase";

/// Times a wrong passphrase, the duress passphrase and the real one on the same diary
/// (10,000 real entries, a decoy of 10), interleaved so all three see the same machine.
fn unlock_outcomes(path: &Path) -> BenchResult<[Vec<Duration>; 3]> {
    let mut diary = Diary::unlock(path, PASS)?;
    diary.set_duress_passphrase(DURESS)?;
    drop(diary);
    let mut decoy = Diary::unlock(path, DURESS)?;
    for n in 0..10 {
        decoy.add_incident(typical_incident(n)?)?;
    }
    drop(decoy);
    let mut times: [Vec<Duration>; 3] = Default::default();
    for _ in 0..UNLOCK_RUNS {
        for (i, pass) in ["not the passphrase", DURESS, PASS].into_iter().enumerate() {
            let t = Instant::now();
            let outcome = Diary::unlock(path, pass);
            times[i].push(t.elapsed());
            std::hint::black_box(outcome.is_ok());
        }
    }
    Ok(times)
}

fn print_unlock_outcomes(times: &[Vec<Duration>; 3]) {
    println!();
    println!(
        "Unlock outcomes, default Argon2id, 10,000 real entries and a decoy of 10 ({UNLOCK_RUNS} runs each, interleaved):"
    );
    println!("| outcome | median | min | max |");
    println!("|---|---|---|---|");
    let mut medians = Vec::new();
    for (name, t) in ["wrong passphrase", "duress passphrase", "real passphrase"]
        .iter()
        .zip(times)
    {
        let m = median(t.clone());
        medians.push(m.as_secs_f64());
        let (lo, hi) = (
            t.iter().min().copied().unwrap_or_default(),
            t.iter().max().copied().unwrap_or_default(),
        );
        println!("| {name} | {} | {} | {} |", ms(m), ms(lo), ms(hi));
    }
    let spread = medians.iter().cloned().fold(f64::MIN, f64::max)
        - medians.iter().cloned().fold(f64::MAX, f64::min);
    let base = medians.iter().cloned().fold(f64::MAX, f64::min);
    println!(
        "largest difference between medians: {:.2} ms ({:.1} % of the fastest)",
        spread * 1e3,
        spread / base * 100.0
    );
}

/// What the SQLCipher peer measured.
struct Peer {
    lines: Vec<(String, String)>,
}

impl Peer {
    fn ms(&self, key: &str) -> Option<f64> {
        self.lines
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.parse().ok())
    }

    fn text(&self, key: &str) -> &str {
        self.lines
            .iter()
            .find(|(k, _)| k == key)
            .map_or("?", |(_, v)| v.as_str())
    }
}

/// Builds and runs `benches/sqlcipher-peer` on a table of the same size holding the same
/// plaintext bytes per entry, in the same folder.
fn sqlcipher_peer(dir: &Path, entries: u64, body: &[u8]) -> BenchResult<Peer> {
    let body_file = dir.join("entry.json");
    std::fs::write(&body_file, body)?;
    let manifest =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../benches/sqlcipher-peer/Cargo.toml");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--release", "--manifest-path"])
        .arg(&manifest)
        .arg("--")
        .arg(dir)
        .arg((entries - APPENDS as u64).to_string())
        .arg(APPENDS.to_string())
        .arg(OPEN_RUNS.to_string())
        .arg(&body_file)
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "the SQLCipher peer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let lines = String::from_utf8(out.stdout)?
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    Ok(Peer { lines })
}

fn print_peer(peer: &Peer, append: Duration, open_raw: Duration, open_pass: Duration) {
    let ours = |d: Duration| d.as_secs_f64() * 1e3;
    println!();
    println!(
        "The peer: SQLCipher {} with its default settings ({}), same entries, same folder:",
        peer.text("cipher_version"),
        peer.text("settings")
    );
    println!("| measurement | Tally | SQLCipher | Tally ÷ SQLCipher |");
    println!("|---|---|---|---|");
    let row = |name: &str, t: f64, key: &str| {
        if let Some(p) = peer.ms(key) {
            println!("| {name} | {t:.3} ms | {p:.3} ms | {:.2}× |", t / p);
        }
    };
    row("durable append (median)", ours(append), "append_ms");
    let raw = peer.ms("open_raw_ms").unwrap_or(0.0) + peer.ms("open_raw_list_ms").unwrap_or(0.0);
    if raw > 0.0 {
        println!(
            "| open with a raw key + list every entry (median) | {:.3} ms | {raw:.3} ms | {:.2}× |",
            ours(open_raw),
            ours(open_raw) / raw
        );
    }
    let pass = peer.ms("open_ms").unwrap_or(0.0) + peer.ms("open_list_ms").unwrap_or(0.0);
    if pass > 0.0 {
        println!(
            "| open with the passphrase (each its own KDF) + list every entry | {:.3} ms | {pass:.3} ms | {:.2}× |",
            ours(open_pass),
            ours(open_pass) / pass
        );
    }
}

fn main() -> BenchResult<()> {
    let dir = match std::env::var_os("TALLY_BENCH_DIR") {
        Some(d) => tempfile::tempdir_in(d)?,
        None => tempfile::tempdir()?,
    };
    println!("Tally core benchmarks (files in {})", dir.path().display());

    // Setup, not measured: a diary of 10,000 typical incidents.
    let path = dir.path().join("bench.tally");
    let t = Instant::now();
    let mut diary = Diary::create(
        &path,
        PASS,
        CreateOptions {
            kdf: KdfParams::default(),
        },
    )?;
    for n in 0..DIARY_SIZE {
        diary.add_incident(typical_incident(n)?)?;
    }
    println!(
        "setup: {DIARY_SIZE} entries appended in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Durable append vs plain insert, interleaved so both see the same disk.
    let baseline = baseline_db(dir.path(), 64 * 1024)?;
    let baseline_4k = baseline_db(dir.path(), 0)?;
    let mut appends = Vec::with_capacity(APPENDS);
    let mut inserts = Vec::with_capacity(APPENDS);
    let mut inserts_4k = Vec::with_capacity(APPENDS);
    let mut plaintext_bytes = 0;
    let mut body_bytes = Vec::new();
    for n in 0..APPENDS as u64 {
        let body = typical_incident(DIARY_SIZE + n)?;
        let t = Instant::now();
        let seq = diary.add_incident(body)?;
        appends.push(t.elapsed());
        let bytes = diary.entry_bytes(seq)?;
        plaintext_bytes = bytes.len();
        let t = Instant::now();
        baseline_insert(&baseline, seq, &bytes)?;
        inserts.push(t.elapsed());
        let t = Instant::now();
        baseline_insert(&baseline_4k, seq, &bytes)?;
        inserts_4k.push(t.elapsed());
        body_bytes = bytes;
    }
    let append = median(appends);
    let insert = median(inserts);
    let insert_4k = median(inserts_4k);
    let components = append_components(&diary)?;
    let raw_key = diary.raw_key();
    let entries = diary.len();
    drop(diary);

    // Open with the raw key (no KDF) and list everything.
    let mut opens = Vec::with_capacity(OPEN_RUNS);
    let mut unlocks = Vec::with_capacity(OPEN_RUNS);
    let mut lists = Vec::with_capacity(OPEN_RUNS);
    let mut listed = 0;
    for _ in 0..OPEN_RUNS {
        let t = Instant::now();
        let diary = Diary::unlock_with_key(&path, raw_key.as_ref())?;
        let unlocked = t.elapsed();
        listed = diary.list(&ListFilter::default())?.len();
        opens.push(t.elapsed());
        unlocks.push(unlocked);
        lists.push(opens[opens.len() - 1] - unlocked);
    }
    let open = median(opens);
    // The timeline view of the same diary, against `list` (reading every entry) as the
    // floor: what building the screen's items and days costs on top of the reading.
    let diary = Diary::unlock_with_key(&path, raw_key.as_ref())?;
    let zone = tally_core::view::parse_zone("Europe/London").unwrap_or(tally_core::zone::Zone::UTC);
    let words = tally_core::locale::Words::en_gb();
    let mut timelines = Vec::with_capacity(OPEN_RUNS);
    let mut floors = Vec::with_capacity(OPEN_RUNS);
    let mut shown = 0;
    for _ in 0..OPEN_RUNS {
        let t = Instant::now();
        std::hint::black_box(diary.list(&ListFilter::default())?.len());
        floors.push(t.elapsed());
        let t = Instant::now();
        let rows = tally_core::view::Rows::read(&diary)?;
        shown = tally_core::view::timeline(&rows, &Default::default(), zone, words).shown;
        timelines.push(t.elapsed());
    }
    drop(diary);
    let (timeline, floor) = (median(timelines), median(floors));
    let reading = read_components(&path, &raw_key)?;
    let (unlock, list) = (median(unlocks), median(lists));

    // The passphrase KDF with the parameters real diaries use.
    let params = KdfParams::default();
    let salt: [u8; 16] = random_bytes()?;
    let mut kdfs = Vec::with_capacity(KDF_RUNS);
    for _ in 0..KDF_RUNS {
        let t = Instant::now();
        let key = params.derive(PASS.as_bytes(), &salt)?;
        kdfs.push(t.elapsed());
        std::hint::black_box(&key);
    }
    let kdf = median(kdfs);

    // Open with the passphrase (the KDF included) and list, as the peer is opened.
    let t = Instant::now();
    let diary = Diary::unlock(&path, PASS)?;
    let listed_with_pass = diary.list(&ListFilter::default())?.len();
    let open_with_pass = t.elapsed();
    drop(diary);
    let unlock_times = unlock_outcomes(&path)?;
    let peer = sqlcipher_peer(dir.path(), entries, &body_bytes)?;

    let ratio = append.as_secs_f64() / insert.as_secs_f64();
    println!();
    println!("| measurement | median | baseline | ratio | aim |");
    println!("|---|---|---|---|---|");
    println!(
        "| durable append into {entries}-entry diary ({APPENDS} runs, {plaintext_bytes}-byte entry) | {} | {} (plain SQLite insert, WAL + synchronous=FULL) | {ratio:.2}× | ≤ 1.3× |",
        ms(append),
        ms(insert)
    );
    println!(
        "| … the same insert with SQLite's default 4 KiB pages | {} | — | {:.2}× | — |",
        ms(insert_4k),
        append.as_secs_f64() / insert_4k.as_secs_f64()
    );
    println!(
        "| open with raw key + list {listed} entries ({OPEN_RUNS} runs) | {} | — | — | ≤ 50 ms |",
        ms(open)
    );
    println!(
        "| … of which `unlock_with_key` (rebuild log, verify latest head, build index) | {} | — | — | — |",
        ms(unlock)
    );
    println!(
        "| … of which `list` (decrypt and parse every entry) | {} | — | — | — |",
        ms(list)
    );
    println!(
        "| timeline view of {shown} entries ({OPEN_RUNS} runs) | {} | {} (`list`, same diary) | {:.2}× | ≤ 1.5× |",
        ms(timeline),
        ms(floor),
        timeline.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "| Argon2id KDF, {} KiB, {} passes, {} lane ({KDF_RUNS} runs) | {} | — | — | — |",
        params.memory_kib,
        params.iterations,
        params.parallelism,
        ms(kdf)
    );
    println!(
        "| open with the passphrase (Argon2id) + list {listed_with_pass} entries (1 run) | {} | — | — | — |",
        ms(open_with_pass)
    );
    print_peer(&peer, append, open, open_with_pass);
    print_unlock_outcomes(&unlock_times);
    println!();
    println!("In-memory work of one append (median of {APPENDS}):");
    let mut total = Duration::ZERO;
    for (step, d) in &components {
        println!("  {step:<28} {}", us(*d));
        total += *d;
    }
    println!(
        "  {:<28} {}  (the rest of the append is the SQLite commit)",
        "total",
        us(total)
    );
    println!();
    println!("Reading all {entries} entries once, by step:");
    for (step, d) in &reading {
        println!("  {step:<30} {}", ms(*d));
    }
    Ok(())
}
