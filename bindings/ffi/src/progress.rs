//! The foreign progress listener and its adapter to the core's [`Progress`].

use std::sync::Arc;

use tally_core::progress::Progress;

/// Told how far long work (an export, attaching a file) has got, and asked whether to
/// stop. Implemented by the app (a Kotlin, Swift or Python object).
///
/// The listener is called on the thread that made the call, while the diary is held:
/// it must not call back into the same diary (that would wait for itself forever).
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    /// `done` units (bytes, entries) of `total`, when the total is known.
    fn on_progress(&self, done: u64, total: Option<u64>);
    /// Whether the user wants the work stopped. It stops at the next safe point and
    /// writes nothing; the call then fails with `Cancelled`.
    fn is_cancelled(&self) -> bool;
}

/// Adapts an optional foreign listener to the core's trait.
pub(crate) struct Listener(pub(crate) Option<Arc<dyn ProgressListener>>);

impl Progress for Listener {
    fn update(&self, done: u64, total: Option<u64>) {
        if let Some(l) = &self.0 {
            l.on_progress(done, total);
        }
    }

    fn cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(|l| l.is_cancelled())
    }
}
