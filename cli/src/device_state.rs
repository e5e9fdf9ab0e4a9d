//! What this device keeps about each diary outside the diary file, under
//! `$XDG_STATE_HOME/tally/` (by default `~/.local/state/tally/`), one file per diary id:
//!
//! - `<id>.head`: the last verified tree head (size, root, id), so a diary put back from an
//!   older copy is noticed (see `tally_core::diary::device_head`);
//! - `<id>.attempts`: wrong passphrases since the last success, so guessing slows down
//!   (the core's lock policy, `tally_core::view::lock`);
//! - `<id>.superseded-<time>.head`: a later head this device had seen, kept when the owner
//!   restored an older backup and asked to keep both.
//!
//! None of them holds diary content. Every file is written whole to a temporary file in
//! the same folder, synced, then renamed over the old one, so a crash leaves the old
//! record or the new, never half of one. The folder is private to the user (0700).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tally_core::diary::DeviceHead;
use tally_core::view::LockState;

/// The folder holding this device's records.
pub fn dir() -> Result<PathBuf> {
    let base = match std::env::var_os("XDG_STATE_HOME").filter(|v| !v.is_empty()) {
        Some(state) => PathBuf::from(state),
        None => {
            let home = std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .context("no state folder: set XDG_STATE_HOME or HOME")?;
            PathBuf::from(home).join(".local").join("state")
        }
    };
    Ok(base.join("tally"))
}

/// A diary id as a file name: exactly 32 hex digits, nothing else.
fn file_of(id: &str, suffix: &str) -> Result<PathBuf> {
    anyhow::ensure!(
        id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "the diary id is malformed"
    );
    Ok(dir()?.join(format!("{id}{suffix}")))
}

/// A record's text, if there is one (records are small: a longer file is not read).
fn read(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    (bytes.len() <= 4096).then(|| String::from_utf8(bytes).ok())?
}

/// Writes a record atomically (temporary file, sync, rename, sync the folder).
fn write(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().context("the state folder has no parent")?;
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = private_file(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("writing {}", path.display()))
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// The head this device remembers for diary `id`. A record that cannot be read is
/// reported and not used (the diary then opens as on a device that never saw it).
pub fn head(id: &str) -> Result<Option<DeviceHead>> {
    let path = file_of(id, ".head")?;
    let Some(text) = read(&path) else {
        return Ok(None);
    };
    match DeviceHead::from_text(&text) {
        Ok(head) => Ok(Some(head)),
        Err(e) => {
            eprintln!("tally: warning: {}: {e}; it is not used", path.display());
            Ok(None)
        }
    }
}

/// Remembers `head` for its diary.
pub fn save_head(head: &DeviceHead) -> Result<()> {
    write(&file_of(&head.diary_id, ".head")?, &head.to_text())
}

/// Keeps a later head this device had seen beside the current record (an older backup was
/// restored and the owner asked to keep both). Returns where.
pub fn keep_superseded(head: &DeviceHead) -> Result<PathBuf> {
    let now = chrono::Utc::now().timestamp();
    let path = file_of(&head.diary_id, &format!(".superseded-{now}.head"))?;
    write(&path, &head.to_text())?;
    Ok(path)
}

/// What this device stores of the lock policy's state: the failed attempts and when the
/// next try is allowed (Unix seconds). Plain numbers, nothing of the diary.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Attempts {
    failures: u32,
    retry_after: Option<u64>,
}

/// The unlock state recorded for diary `id`: failed attempts and the earliest next try.
pub fn lock_state(id: &str) -> Result<LockState> {
    let path = file_of(id, ".attempts")?;
    let record: Attempts = read(&path)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    Ok(LockState {
        failed_attempts: record.failures,
        retry_after: record
            .retry_after
            .map(|secs| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)),
        ..LockState::default()
    })
}

/// Records the unlock state for diary `id`; no failures removes the record.
pub fn save_lock_state(id: &str, state: &LockState) -> Result<()> {
    let path = file_of(id, ".attempts")?;
    if state.failed_attempts == 0 {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("removing {}", path.display()))
            }
            _ => Ok(()),
        };
    }
    let record = Attempts {
        failures: state.failed_attempts,
        retry_after: state
            .retry_after
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs()),
    };
    write(&path, &serde_json::to_string(&record).unwrap_or_default())
}
