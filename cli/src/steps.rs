//! A progress bar counting steps (pages copied, rows re-sealed) on a terminal, nothing
//! otherwise; it hands the core's long work its [`Progress`].

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use tally_core::diary::Progress;

/// A bar showing `done/total` with a message, on a terminal only.
pub struct Steps(Option<ProgressBar>);

impl Steps {
    pub fn new(message: &'static str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Steps(None);
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {percent}% {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(message);
        Steps(Some(bar))
    }
}

impl Drop for Steps {
    fn drop(&mut self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl Progress for Steps {
    fn update(&self, done: u64, total: Option<u64>) {
        if let Some(b) = &self.0 {
            if let Some(t) = total {
                b.set_length(t);
            }
            b.set_position(done);
        }
    }
}
