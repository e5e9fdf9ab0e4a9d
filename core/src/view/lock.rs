//! When the diary locks and how failed unlocks slow down: pure rules over a plain record
//! the shell keeps (and persists, so killing the app neither resets the delay nor skips a
//! lock). Failed attempts are met with a growing delay and never with a wipe: the person
//! most likely to mistype is the victim in a hurry, and wiping would destroy the evidence
//! a stalker wants gone. Locks fall due by wall-clock deadline — after leaving the
//! foreground, or after idle time — checked whenever the shell asks, so a suspended app
//! that wakes late locks at once.
//!
//! A clock set backwards must not shorten a delay: a deadline further ahead than the
//! longest delay is pulled back to now plus that delay, and an idle or background deadline
//! is treated as passed when time appears to run backwards.

use std::time::{Duration, SystemTime};

use crate::locale::Words;

/// The shell's choices for when to lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockSettings {
    /// Lock after this long without activity while open in the foreground.
    pub idle_seconds: u64,
    /// Lock this long after the app leaves the foreground (0: at once).
    pub background_seconds: u64,
    /// How long the app may stay open behind the camera or share sheet it opened itself.
    pub external_seconds: u64,
}

impl Default for LockSettings {
    fn default() -> Self {
        LockSettings {
            idle_seconds: 5 * 60,
            background_seconds: 0,
            external_seconds: 5 * 60,
        }
    }
}

/// Failed attempts allowed before any delay.
pub const FREE_ATTEMPTS: u32 = 3;
/// The delay after the first failure beyond the free ones; each further failure doubles it.
pub const FIRST_DELAY_SECONDS: u64 = 30;
/// The longest delay.
pub const MAX_DELAY_SECONDS: u64 = 15 * 60;

/// What the shell keeps between calls (and across restarts).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LockState {
    /// Failed unlocks since the last success.
    pub failed_attempts: u32,
    /// No unlock may be tried before this time.
    pub retry_after: Option<SystemTime>,
    /// The diary is open.
    pub open: bool,
    /// The last time the victim did something in the open diary.
    pub last_activity: Option<SystemTime>,
    /// The app left the foreground at this time, and has not come back.
    pub background_since: Option<SystemTime>,
    /// The app opened the camera or share sheet itself; it may stay open until this time.
    pub external_until: Option<SystemTime>,
}

/// Why the diary should lock now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LockReason {
    /// Nothing happened for the idle time.
    Idle,
    /// The app left the foreground.
    Background,
    /// The camera or share sheet stayed open longer than allowed.
    ExternalTooLong,
    /// The device clock went backwards while the diary was open.
    ClockChanged,
}

/// Whether an unlock may be tried now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlockGate {
    /// Go ahead.
    Allowed,
    /// Wait until then.
    Wait {
        /// The earliest time to try.
        until: SystemTime,
        /// Seconds left, rounded up.
        seconds: u64,
        /// "Too many attempts. Try again in 2 minutes."
        text: String,
    },
}

/// The delay after `failed` failed attempts.
pub fn delay_after(failed: u32) -> Duration {
    if failed <= FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failed - FREE_ATTEMPTS - 1).min(16);
    let secs = FIRST_DELAY_SECONDS
        .saturating_mul(1u64 << doublings)
        .min(MAX_DELAY_SECONDS);
    Duration::from_secs(secs)
}

fn later(a: SystemTime, b: SystemTime) -> bool {
    a.duration_since(b).is_ok_and(|d| !d.is_zero())
}

impl LockState {
    /// Whether an unlock may be tried at `now`.
    pub fn gate(&self, now: SystemTime, words: &Words) -> UnlockGate {
        let Some(until) = self.retry_after else {
            return UnlockGate::Allowed;
        };
        // A clock set back cannot stretch the wait beyond the longest delay.
        let cap = now + Duration::from_secs(MAX_DELAY_SECONDS);
        let until = if later(until, cap) { cap } else { until };
        match until.duration_since(now) {
            Ok(left) if !left.is_zero() => {
                let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
                let text = if seconds < 60 {
                    words.with("lock-wait-seconds", &[("n", seconds.into())])
                } else {
                    words.with("lock-wait-minutes", &[("n", seconds.div_ceil(60).into())])
                };
                UnlockGate::Wait {
                    until,
                    seconds,
                    text,
                }
            }
            _ => UnlockGate::Allowed,
        }
    }

    /// After a wrong passphrase at `now`.
    pub fn failed(&self, now: SystemTime) -> LockState {
        let failed_attempts = self.failed_attempts.saturating_add(1);
        let delay = delay_after(failed_attempts);
        LockState {
            failed_attempts,
            retry_after: (!delay.is_zero()).then(|| now + delay),
            open: false,
            ..self.clone()
        }
    }

    /// After a successful unlock at `now`.
    pub fn unlocked(&self, now: SystemTime) -> LockState {
        LockState {
            failed_attempts: 0,
            retry_after: None,
            open: true,
            last_activity: Some(now),
            background_since: None,
            external_until: None,
        }
    }

    /// After the diary locked, for whatever reason.
    pub fn locked(&self) -> LockState {
        LockState {
            open: false,
            last_activity: None,
            background_since: None,
            external_until: None,
            ..self.clone()
        }
    }

    /// The victim did something at `now` (typed, scrolled, saved).
    pub fn touched(&self, now: SystemTime) -> LockState {
        LockState {
            last_activity: Some(now),
            ..self.clone()
        }
    }

    /// The app is about to open the camera or share sheet, which sends it to the
    /// background: it may stay open for `settings.external_seconds`.
    pub fn opening_external(&self, now: SystemTime, settings: &LockSettings) -> LockState {
        LockState {
            external_until: Some(now + Duration::from_secs(settings.external_seconds)),
            ..self.clone()
        }
    }

    /// The app left the foreground at `now`.
    pub fn backgrounded(&self, now: SystemTime) -> LockState {
        LockState {
            background_since: Some(now),
            ..self.clone()
        }
    }

    /// The app came back to the foreground at `now` (after [`LockState::due`] was asked).
    pub fn foregrounded(&self, now: SystemTime) -> LockState {
        LockState {
            background_since: None,
            external_until: None,
            last_activity: Some(now),
            ..self.clone()
        }
    }

    /// Whether the open diary must lock at `now`, and why.
    pub fn due(&self, now: SystemTime, settings: &LockSettings) -> Option<LockReason> {
        if !self.open {
            return None;
        }
        let went_back = |t: Option<SystemTime>| t.is_some_and(|t| later(t, now));
        if went_back(self.last_activity) || went_back(self.background_since) {
            return Some(LockReason::ClockChanged);
        }
        if let Some(since) = self.background_since {
            if let Some(until) = self.external_until {
                return later(now, until).then_some(LockReason::ExternalTooLong);
            }
            let deadline = since + Duration::from_secs(settings.background_seconds);
            return (!later(deadline, now)).then_some(LockReason::Background);
        }
        let idle = self
            .last_activity
            .map(|t| t + Duration::from_secs(settings.idle_seconds));
        idle.filter(|d| !later(*d, now)).map(|_| LockReason::Idle)
    }

    /// The next time the diary must lock if nothing happens, for the shell to schedule a
    /// check then; `None` when it is locked.
    pub fn deadline(&self, settings: &LockSettings) -> Option<SystemTime> {
        if !self.open {
            return None;
        }
        if let Some(since) = self.background_since {
            return Some(
                self.external_until
                    .unwrap_or(since + Duration::from_secs(settings.background_seconds)),
            );
        }
        self.last_activity
            .map(|t| t + Duration::from_secs(settings.idle_seconds))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> SystemTime {
        let base = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        if secs >= 0 {
            base + Duration::from_secs(secs.unsigned_abs())
        } else {
            base - Duration::from_secs(secs.unsigned_abs())
        }
    }

    #[test]
    fn three_wrong_passphrases_cost_nothing_and_the_fourth_costs_thirty_seconds() {
        let w = Words::en_gb();
        let mut s = LockState::default();
        for _ in 0..3 {
            s = s.failed(at(0));
            assert_eq!(s.gate(at(0), w), UnlockGate::Allowed);
        }
        s = s.failed(at(0));
        match s.gate(at(0), w) {
            UnlockGate::Wait { seconds, text, .. } => {
                assert_eq!(seconds, 30);
                assert_eq!(text, "Too many attempts. Try again in 30 seconds.");
            }
            other => panic!("expected a wait, got {other:?}"),
        }
        assert_eq!(s.gate(at(30), w), UnlockGate::Allowed);
    }

    #[test]
    fn delays_double_and_stop_at_fifteen_minutes_and_nothing_is_wiped() {
        assert_eq!(delay_after(5), Duration::from_secs(60));
        assert_eq!(delay_after(6), Duration::from_secs(120));
        assert_eq!(delay_after(100), Duration::from_secs(MAX_DELAY_SECONDS));
        let s = (0..100).fold(LockState::default(), |s, _| s.failed(at(0)));
        assert_eq!(s.failed_attempts, 100);
        assert!(s.unlocked(at(2000)).failed_attempts == 0);
    }

    #[test]
    fn a_clock_set_back_cannot_stretch_the_wait() {
        let s = (0..10).fold(LockState::default(), |s, _| s.failed(at(10_000)));
        // The clock now reads a day earlier: the wait is still at most the longest delay.
        match s.gate(at(10_000 - 86_400), Words::en_gb()) {
            UnlockGate::Wait { seconds, .. } => assert!(seconds <= MAX_DELAY_SECONDS),
            other => panic!("expected a wait, got {other:?}"),
        }
    }

    #[test]
    fn leaving_the_app_locks_unless_it_opened_the_camera_itself() {
        let settings = LockSettings::default();
        let open = LockState::default().unlocked(at(0));
        assert_eq!(open.due(at(10), &settings), None);
        let away = open.backgrounded(at(10));
        assert_eq!(away.due(at(10), &settings), Some(LockReason::Background));
        let camera = open
            .opening_external(at(10), &settings)
            .backgrounded(at(11));
        assert_eq!(camera.due(at(100), &settings), None);
        assert_eq!(
            camera.due(at(311), &settings),
            Some(LockReason::ExternalTooLong)
        );
    }

    #[test]
    fn idle_time_locks_by_deadline_and_activity_moves_it() {
        let settings = LockSettings::default();
        let open = LockState::default().unlocked(at(0));
        assert_eq!(open.deadline(&settings), Some(at(300)));
        assert_eq!(open.due(at(299), &settings), None);
        assert_eq!(open.due(at(300), &settings), Some(LockReason::Idle));
        assert_eq!(open.touched(at(200)).due(at(300), &settings), None);
        assert_eq!(
            open.due(at(0) - Duration::from_secs(5), &settings),
            Some(LockReason::ClockChanged)
        );
    }
}
