//! Failed unlocks slow down: a delay that grows with each wrong passphrase, kept across
//! restarts by whoever stores [`UnlockAttempts`] (the CLI in its state folder), and never
//! a wipe — evidence is not destroyed because someone guessed wrong.
//!
//! The record is plain and holds no secret: a count and the time of the last failure.
//! It cannot stop an attacker who copies the file and guesses offline (Argon2id is the
//! defence there); it stops someone guessing at the device itself. A success with any
//! passphrase — the duress one too, which must look like a success — resets it.

use serde::{Deserialize, Serialize};

/// Failures allowed before any delay (typing mistakes).
pub const FREE_FAILURES: u32 = 3;
/// The first delay, after the free failures; each further failure doubles it.
pub const FIRST_DELAY_SECS: u64 = 5;
/// The longest delay.
pub const MAX_DELAY_SECS: u64 = 15 * 60;

/// Wrong-passphrase attempts since the last success.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockAttempts {
    /// Wrong passphrases in a row.
    pub failures: u32,
    /// When the last one was tried (Unix seconds).
    pub last_failure: i64,
}

impl UnlockAttempts {
    /// How long after the last failure the next attempt must wait.
    pub fn delay_secs(&self) -> u64 {
        match self.failures.checked_sub(FREE_FAILURES) {
            None | Some(0) => 0,
            Some(extra) => FIRST_DELAY_SECS
                .saturating_mul(1u64.checked_shl(extra - 1).unwrap_or(u64::MAX))
                .min(MAX_DELAY_SECS),
        }
    }

    /// Seconds still to wait at `now` (Unix seconds) before another attempt; 0 when one
    /// may be made. A clock set back before the last failure waits the full delay.
    pub fn wait_secs(&self, now: i64) -> u64 {
        let delay = self.delay_secs();
        let elapsed = u64::try_from(now.saturating_sub(self.last_failure)).unwrap_or(0);
        if now < self.last_failure {
            return delay;
        }
        delay.saturating_sub(elapsed)
    }

    /// Records a wrong passphrase at `now`.
    pub fn failed(&mut self, now: i64) {
        self.failures = self.failures.saturating_add(1);
        self.last_failure = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_passphrases_wait_longer_each_time_and_never_forever() {
        let mut a = UnlockAttempts::default();
        let mut delays = Vec::new();
        for n in 0..20 {
            a.failed(1_000 + n);
            delays.push(a.delay_secs());
        }
        assert_eq!(&delays[..6], &[0, 0, 0, 5, 10, 20]);
        assert!(delays.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*delays.last().unwrap_or(&0), MAX_DELAY_SECS);
        assert_eq!(a.wait_secs(a.last_failure + 60), MAX_DELAY_SECS - 60);
        assert_eq!(a.wait_secs(a.last_failure + 10_000), 0);
        // A clock set back does not shorten the wait.
        assert_eq!(a.wait_secs(a.last_failure - 3_600), MAX_DELAY_SECS);
    }
}
