//! Where the diary's times come from: the system clock, or a simulated one for tests and
//! the demo.

use chrono::{DateTime, SubsecRound, Utc};

/// A source of the current time.
pub trait Clock: Send {
    /// Now.
    fn now(&self) -> DateTime<Utc>;
}

/// The device's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Now, in whole seconds: sealed times carry no false precision.
pub(super) fn now_secs(clock: &dyn Clock) -> DateTime<Utc> {
    clock.now().trunc_subsecs(0)
}
