// Errors: maps the bindings' typed exceptions to the message a screen shows. The reason
// text inside an exception is for logs and bug reports, never for the screen: it is English
// and technical, and the screen must be translatable.
package app.tally.ui

import app.tally.ffi.TallyApiException

/** The message for an unexpected failure of a diary call. */
fun messageFor(e: Throwable): Text = when (e) {
    is TallyApiException.WrongPassphrase -> Text.UNLOCK_WRONG_PASSPHRASE
    is TallyApiException.WeakPassphrase -> Text.CREATE_WEAK
    is TallyApiException.NotADiary -> Text.UNLOCK_NOT_A_DIARY
    is TallyApiException.Damaged, is TallyApiException.Corrupt -> Text.UNLOCK_DAMAGED
    is TallyApiException.Io -> Text.ERROR_STORAGE
    is TallyApiException.Locked, is LockedException -> Text.LOCKED
    else -> Text.ERROR_GENERIC
}
