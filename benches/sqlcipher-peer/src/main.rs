//! The SQLCipher peer: durable appends and open + list of a diary-sized table, with
//! SQLCipher's defaults (PBKDF2-HMAC-SHA512 over the passphrase, 4 KiB pages, an HMAC per
//! page, SQLite's default rollback journal). Run by Tally's diary bench, which prints the
//! figures beside its own:
//!
//! `sqlcipher-peer DIR ENTRIES APPENDS RUNS BODY_FILE` prints `key=value` lines (times in
//! milliseconds). BODY_FILE holds one entry's plaintext, the same bytes Tally seals.

use std::time::{Duration, Instant};

use rusqlite::{Connection, params};

const PASS: &str = "benchmark passphrase";

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

fn open(path: &std::path::Path, key: &str) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "key", key)?;
    Ok(conn)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, entries, appends, runs, body_file] = &args[..] else {
        return Err("usage: sqlcipher-peer DIR ENTRIES APPENDS RUNS BODY_FILE".into());
    };
    let (entries, appends, runs): (i64, usize, usize) =
        (entries.parse()?, appends.parse()?, runs.parse()?);
    let body = std::fs::read(body_file)?;
    let path = std::path::Path::new(dir).join("peer.sqlcipher");
    let _ = std::fs::remove_file(&path);
    let conn = open(&path, PASS)?;
    let version: String = conn.query_row("PRAGMA cipher_version", [], |r| r.get(0))?;
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    let synchronous: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
    let kdf_iter: String = conn.query_row("PRAGMA kdf_iter", [], |r| r.get(0))?;
    println!("cipher_version={version}");
    println!("settings=journal_mode {journal}, synchronous {synchronous}, kdf_iter {kdf_iter}");
    conn.execute_batch("CREATE TABLE entries (seq INTEGER PRIMARY KEY, body BLOB NOT NULL)")?;
    let tx = conn.unchecked_transaction()?;
    for seq in 1..=entries {
        tx.execute(
            "INSERT INTO entries (seq, body) VALUES (?1, ?2)",
            params![seq, body],
        )?;
    }
    tx.commit()?;
    let mut times = Vec::with_capacity(appends);
    for n in 0..appends as i64 {
        let t = Instant::now();
        let tx = conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO entries (seq, body) VALUES (?1, ?2)",
            params![entries + 1 + n, body],
        )?;
        tx.commit()?;
        times.push(t.elapsed());
    }
    println!("append_ms={:.3}", median(times));
    drop(conn);
    // The same table under a raw 256-bit key (SQLCipher's `x'…'` form skips its KDF), to
    // set beside Tally's open with its raw key.
    let raw_path = std::path::Path::new(dir).join("peer-raw.sqlcipher");
    let _ = std::fs::remove_file(&raw_path);
    let raw_key = format!(
        "x'{}'",
        "2dd29ca851e7b56e4697b0e1f08507293d761a05ce4d1b628663f411a8086d99"
    );
    std::fs::copy(&path, &raw_path)?;
    open(&raw_path, PASS)?.pragma_update(None, "rekey", &raw_key)?;
    for (name, file, key) in [
        ("open", &path, PASS),
        ("open_raw", &raw_path, raw_key.as_str()),
    ] {
        let (open_ms, list_ms, listed) = open_and_list(file, key, runs)?;
        println!("listed={listed}");
        println!("{name}_ms={open_ms:.3}");
        println!("{name}_list_ms={list_ms:.3}");
    }
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&raw_path);
    Ok(())
}

/// Opens (the key is checked on the first read) and reads every row, parsing each.
fn open_and_list(
    path: &std::path::Path,
    key: &str,
    runs: usize,
) -> Result<(f64, f64, u64), Box<dyn std::error::Error>> {
    let (mut opens, mut lists) = (Vec::new(), Vec::new());
    let mut listed = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let conn = open(path, key)?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })?;
        let opened = t.elapsed();
        let mut stmt = conn.prepare("SELECT body FROM entries ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        listed = 0;
        while let Some(row) = rows.next()? {
            let bytes: Vec<u8> = row.get(0)?;
            std::hint::black_box(serde_json::from_slice::<serde_json::Value>(&bytes)?);
            listed += 1;
        }
        opens.push(opened);
        lists.push(t.elapsed() - opened);
    }
    Ok((median(opens), median(lists), listed))
}
