// LockPolicy: the core's rules for when the diary locks and how failed unlocks slow down
// (core/src/view/lock.rs), over the plain state the app keeps and persists. Every decision
// is one call into the core; this type only holds the state between calls, as Android's
// Session does. Failed attempts meet a growing delay, never a wipe. Locks fall due by
// wall-clock deadline, so an app suspended past its deadline locks the moment it wakes.
import Foundation

public struct LockPolicy: Equatable {
    /// What the app persists (failed attempts and the earliest next try survive a restart).
    public private(set) var state: LockState
    /// When to lock: idle time, time in the background, time behind the camera or share sheet.
    public var settings: LockSettings

    public init(state: LockState = LockState(), settings: LockSettings = LockPolicy.defaultSettings) {
        self.state = state
        self.settings = settings
    }

    /// The core's defaults (five minutes idle, at once in the background).
    public static var defaultSettings: LockSettings { Tally.defaultLockSettings() }

    /// Whether an unlock may be tried at `now`, or how long to wait, in the device's words.
    public func gate(now: Date = Date(), device: Device = Device()) -> UnlockGate {
        Tally.lockGate(state: state, now: now, locale: device.languageTag)
    }

    /// After a wrong passphrase.
    public mutating func failed(now: Date = Date()) { state = Tally.lockAfterFailure(state: state, now: now) }

    /// After a successful unlock.
    public mutating func unlocked(now: Date = Date()) { state = Tally.lockAfterUnlock(state: state, now: now) }

    /// After the diary locked, for whatever reason.
    public mutating func locked() { state = Tally.lockAfterLock(state: state) }

    /// The victim did something.
    public mutating func touched(now: Date = Date()) { state = Tally.lockAfterActivity(state: state, now: now) }

    /// The app is about to show the camera, photo picker or share sheet itself.
    public mutating func openingExternal(now: Date = Date()) {
        state = Tally.lockOpeningExternal(state: state, now: now, settings: settings)
    }

    /// The app left the foreground.
    public mutating func backgrounded(now: Date = Date()) { state = Tally.lockAfterBackground(state: state, now: now) }

    /// The app came back to the foreground (ask `due` first).
    public mutating func foregrounded(now: Date = Date()) { state = Tally.lockAfterForeground(state: state, now: now) }

    /// Whether the open diary must lock at `now`, and why.
    public func due(now: Date = Date()) -> LockReason? { Tally.lockDue(state: state, now: now, settings: settings) }

    /// When the diary must next lock if nothing happens; nil when it is locked.
    public var deadline: Date? { Tally.lockDeadline(state: state, settings: settings) }
}
