// Strings: every user-visible string is a key in Localizable.xcstrings (the same keys as
// Android's strings.xml where the text is the same). SwiftUI views take keys directly
// (`Text("unlock_title")`); code that needs a String uses `text(_:)`. Diary content is never
// a key, and what the core says about evidence (headlines, times, statuses, field errors,
// questions, summary sentences) arrives in the device's language already and is drawn with
// `Text(verbatim:)`. The reason inside a TallyApiError is English and technical, for bug
// reports only: screens show the key messageKey(for:) picks.
import Foundation
import Tally

/// The localized string for `key`, with `%1$lld` / `%1$@` arguments filled in.
func text(_ key: String, _ arguments: CVarArg...) -> String {
    let format = NSLocalizedString(key, comment: "")
    return arguments.isEmpty ? format : String(format: format, arguments: arguments)
}

/// The message for a failed diary call (mirrors Android's Errors.kt).
func messageKey(for error: Error) -> String {
    guard let error = error as? TallyApiError else { return "error_generic" }
    switch error {
    case .WrongPassphrase: return "unlock_wrong_passphrase"
    case .WeakPassphrase: return "create_weak"
    case .NotADiary: return "unlock_not_a_diary"
    case .Damaged, .Corrupt: return "unlock_damaged"
    case .Io: return "error_storage"
    case .Locked: return "locked"
    case .NotFound: return "error_not_found"
    case .Erased: return "error_erased"
    case .Invalid: return "error_invalid"
    case .WouldLoseEntries: return "restore_would_lose"
    default: return "error_generic"
    }
}
