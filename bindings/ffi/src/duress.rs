//! The duress passphrase and the passphrase change, through the bindings. The app takes
//! either passphrase at the same unlock screen (`Diary.unlock` opens whichever it is);
//! biometric unlock opens whichever diary's `raw_key` the keystore was given. Converting
//! only; see `tally_core::diary::{duress, rekey}`.

use std::sync::Arc;

use crate::diary::Diary;
use crate::error::TallyApiError;
use crate::progress::{Listener, ProgressListener};

#[uniffi::export]
impl Diary {
    /// Sets a duress passphrase (at least 8 characters): it opens an empty decoy diary of
    /// its own, in which nothing of this diary shows, counts or changes. Any earlier one
    /// stops working and its decoy is deleted. Needs the diary's own passphrase to have
    /// opened it.
    pub fn set_duress_passphrase(&self, duress: String) -> Result<(), TallyApiError> {
        self.with(|d| Ok(d.set_duress_passphrase(&duress)?))
    }

    /// Removes the duress passphrase and deletes its decoy diary.
    pub fn remove_duress_passphrase(&self) -> Result<(), TallyApiError> {
        self.with(|d| Ok(d.remove_duress_passphrase()?))
    }

    /// Changes the passphrase and re-keys every entry, head and attachment; `listener`
    /// hears rows done and can cancel (nothing changes then). A keystore's copy of the old
    /// `raw_key` opens nothing afterwards: store the new one.
    pub fn change_passphrase_with_progress(
        &self,
        old: String,
        new: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<(), TallyApiError> {
        let listener = Listener(listener);
        self.with(|d| Ok(d.change_passphrase_with_progress(&old, &new, &listener)?))
    }
}
