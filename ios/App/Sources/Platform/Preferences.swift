// Preferences: the app's own settings, kept in UserDefaults — whether biometric unlock is
// set up, how long the diary may sit idle, and the lock policy's count of failed unlocks
// with the earliest next try, so killing the app neither resets the growing delay nor
// skips it. None of it is diary content. (The disguise is kept by AlternateIcons.)
import Foundation
import Tally

final class Preferences {
    private let defaults: UserDefaults

    init(_ defaults: UserDefaults = .standard) { self.defaults = defaults }

    /// Biometric unlock is set up (the Keychain holds the key).
    var biometric: Bool {
        get { defaults.bool(forKey: "biometric") }
        set { defaults.set(newValue, forKey: "biometric") }
    }

    /// The idle time the victim chose, in seconds; nil keeps the core's default.
    var idleSeconds: UInt64? {
        get { (defaults.object(forKey: "lock.idleSeconds") as? NSNumber)?.uint64Value }
        set { defaults.set(newValue.map { NSNumber(value: $0) }, forKey: "lock.idleSeconds") }
    }

    /// The part of the lock policy's state that must outlive the process. The rest (open,
    /// last activity, time in the background) describes a diary that is open, and no diary
    /// is open when the app starts.
    var lockState: LockState {
        get {
            LockState(
                failedAttempts: UInt32(clamping: defaults.integer(forKey: "lock.failedAttempts")),
                retryAfter: defaults.object(forKey: "lock.retryAfter") as? Date
            )
        }
        set {
            defaults.set(Int(newValue.failedAttempts), forKey: "lock.failedAttempts")
            defaults.set(newValue.retryAfter, forKey: "lock.retryAfter")
        }
    }
}
