//! Progress reporting and cancellation for long work (attach, export, import, verify).

/// Told how far long work has got; asked whether to stop.
pub trait Progress {
    /// `done` units (bytes, messages) of `total`, when the total is known.
    fn update(&self, done: u64, total: Option<u64>);
    /// Whether the caller wants the work stopped. Work stops at the next safe point and
    /// writes nothing.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Reports nowhere and never cancels.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&self, _done: u64, _total: Option<u64>) {}
}
