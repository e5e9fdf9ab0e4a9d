//! Reads that never wait: the diary's entry count and fingerprint, answered at once from
//! memory when no other call holds the diary, and failing at once with `Busy` when one does.
//!
//! Every other call waits its turn for the diary's lock, so it must run off a UI thread;
//! an export or a backup holds that lock for seconds. A shell hopping to a worker thread and
//! back for a read that takes microseconds pays several times more for the hop than for the
//! read (BENCHMARKS.md, the bindings' trivial call), so these let it read on its own thread
//! and fall back to the waiting call, on a worker, only when the diary is busy.
//!
//! Busy is an error rather than a `None` because uniffi hands an `Option` back in a buffer
//! that costs two more crossings to read and free: the answer would cost twice as much.

use crate::{Diary, TallyApiError};

#[uniffi::export]
impl Diary {
    /// The number of entries, or `Busy` at once if another call holds the diary (then call
    /// `entry_count` off the UI thread). `Locked` once the diary is locked.
    pub fn entry_count_now(&self) -> Result<u64, TallyApiError> {
        self.with_now(|d| Ok(d.len()))
    }

    /// The signing key's fingerprint, or `Busy` at once if another call holds the diary
    /// (then call `fingerprint` off the UI thread). `Locked` once the diary is locked.
    pub fn fingerprint_now(&self) -> Result<String, TallyApiError> {
        self.with_now(|d| Ok(d.fingerprint()))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, mpsc};

    use super::*;
    use crate::CreateOptions;

    fn diary(dir: &tempfile::TempDir) -> Arc<Diary> {
        let options = CreateOptions {
            kdf_memory_kib: Some(19456),
            kdf_iterations: Some(2),
            kdf_parallelism: None,
        };
        let path = dir.path().join("d.tally").to_string_lossy().into_owned();
        Diary::create(path, "correct horse".into(), options).expect("create")
    }

    #[test]
    fn a_free_diary_answers_at_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = diary(&dir);
        assert_eq!(
            d.entry_count_now().expect("count"),
            d.entry_count().expect("count")
        );
        assert_eq!(
            d.fingerprint_now().expect("fp"),
            d.fingerprint().expect("fp")
        );
    }

    #[test]
    fn a_busy_diary_says_so_without_waiting() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = diary(&dir);
        // Another call in progress holds the diary for as long as it runs.
        let other = Arc::clone(&d);
        let (started, running) = mpsc::channel();
        let (finish, finished) = mpsc::channel::<()>();
        let busy = std::thread::spawn(move || {
            other.with(|_| {
                started.send(()).expect("send");
                finished.recv().expect("recv");
                Ok(())
            })
        });
        running.recv().expect("started");
        assert!(matches!(
            d.entry_count_now(),
            Err(TallyApiError::Busy { .. })
        ));
        assert!(matches!(
            d.fingerprint_now(),
            Err(TallyApiError::Busy { .. })
        ));
        finish.send(()).expect("send");
        busy.join().expect("join").expect("busy call");
        assert!(
            d.entry_count_now().is_ok(),
            "free again once the other call ends"
        );
    }

    #[test]
    fn a_locked_diary_is_locked_not_busy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = diary(&dir);
        d.lock();
        assert!(matches!(
            d.entry_count_now(),
            Err(TallyApiError::Locked { .. })
        ));
        assert!(matches!(
            d.fingerprint_now(),
            Err(TallyApiError::Locked { .. })
        ));
    }
}
