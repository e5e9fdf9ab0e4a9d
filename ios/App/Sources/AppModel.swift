// AppModel: which screen is up (decoy, create, unlock, open), the open diary's session, and
// when it locks. Locking — by quick exit, by the core's lock policy (leaving the
// foreground, idle time, too long behind the camera or share sheet, a clock set back), or
// from Settings — closes the session (the library wipes its keys), deletes every temporary
// file and drops every screen that drew the diary, so nothing the victim wrote stays on
// screen or in memory behind a lock. A result that arrives after a lock is dropped.
//
// Every rule is the core's: the new-passphrase review, the growing delay after failed
// unlocks (never a wipe), and the lock deadlines, which are wall-clock times checked when
// the scene changes phase and when a deadline passes, so an app suspended past its
// deadline locks the moment it wakes. This class only keeps their state and calls them.
// Every unlock is held to the head this phone last verified (DeviceHeads), so an older copy
// of the diary put back in place opens read-only and says so; either passphrase opens the
// diary it belongs to, the duress passphrase its decoy.
import Foundation
import SwiftUI
import Tally

@MainActor
final class AppModel: ObservableObject {
    enum Phase: Equatable {
        /// The disguise's decoy screen; a long press reveals the lock screen.
        case decoy
        /// No diary yet: choose a passphrase.
        case create
        /// A diary exists and is locked.
        case unlock
        /// The diary is open.
        case open
    }

    @Published private(set) var phase: Phase
    /// The open diary, while it is open.
    @Published private(set) var session: DiarySession?
    /// A message for the lock screens (a string key).
    @Published var message: String?
    @Published private(set) var busy = false
    /// The scene is not active: the app-switcher snapshot and Control Center see a cover.
    @Published private(set) var covered = false
    /// The core's problems with a new passphrase, each shown beside its field.
    @Published private(set) var passphraseErrors: [FieldError] = []
    @Published private(set) var biometricEnabled: Bool
    @Published private(set) var disguise: Disguise
    /// How long the open diary may sit untouched before it locks.
    @Published private(set) var idleSeconds: UInt64

    let storage: DiaryStorage?
    let keys: BiometricKeyStore
    private let heads: DeviceHeadStore
    /// The zone and language every core call uses.
    let device = Device()
    private let disguises: DisguiseSetting
    private let preferences: Preferences
    /// Not published: it changes on every touch, and no screen draws it directly.
    private var policy: LockPolicy
    /// Bumped on every lock, so an unlock that finishes after a lock is thrown away.
    private var generation = 0
    private var inBackground = false
    private var deadlineWatch: Task<Void, Never>?

    init(
        storage: DiaryStorage?,
        keys: BiometricKeyStore,
        heads: DeviceHeadStore,
        disguises: DisguiseSetting,
        preferences: Preferences = Preferences()
    ) {
        self.storage = storage
        self.keys = keys
        self.heads = heads
        self.disguises = disguises
        self.preferences = preferences
        let disguise = disguises.current
        self.disguise = disguise
        var settings = LockPolicy.defaultSettings
        if let idle = preferences.idleSeconds { settings.idleSeconds = idle }
        idleSeconds = settings.idleSeconds
        policy = LockPolicy(state: preferences.lockState, settings: settings)
        biometricEnabled = preferences.biometric && keys.isEnrolled
        phase = Self.restingPhase(disguise: disguise, storage: storage)
        storage?.removeTemporaryFiles()
        if storage == nil { message = "error_storage" }
    }

    /// The screen shown while locked: the decoy when disguised, else create or unlock.
    private static func restingPhase(disguise: Disguise, storage: DiaryStorage?) -> Phase {
        if disguise != .none { return .decoy }
        return storage?.diaryExists == true ? .unlock : .create
    }

    private var restingPhase: Phase { Self.restingPhase(disguise: disguise, storage: storage) }

    var canUseBiometrics: Bool { biometricEnabled && keys.isAvailable }

    // MARK: Scene and activity

    func scenePhaseChanged(_ scene: ScenePhase) {
        switch scene {
        case .active:
            covered = false
            let returning = inBackground
            inBackground = false
            guard session != nil else { return }
            if policy.due() != nil {
                lock()
            } else if returning {
                policy.foregrounded()
                watchDeadline()
            }
        case .inactive:
            // Face ID, Control Center and the app switcher make the scene inactive; the cover
            // goes up before the system takes its snapshot.
            covered = true
        case .background:
            covered = true
            inBackground = true
            guard session != nil else { return }
            policy.backgrounded()
            if policy.due() != nil { lock() }
        @unknown default:
            covered = true
        }
    }

    /// A touch anywhere, or a change to a form: the idle lock counts from now.
    func touch() {
        guard session != nil else { return }
        policy.touched()
    }

    /// The app is about to show the camera, photo picker or share sheet, which may send it
    /// to the background for a while: the policy allows that long before it locks.
    func holdForExternal() {
        guard session != nil else { return }
        policy.openingExternal()
    }

    /// Sleeps until the policy's next deadline, then locks if it is still due. It wakes at
    /// least every half minute, so a clock moved forward is noticed soon; a suspended app
    /// is checked again by `scenePhaseChanged` when it comes back.
    private func watchDeadline() {
        deadlineWatch?.cancel()
        deadlineWatch = Task { [weak self] in
            while !Task.isCancelled {
                guard let deadline = self?.policy.deadline else { return }
                let wait = min(max(deadline.timeIntervalSinceNow, 0.5), 30)
                try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                guard !Task.isCancelled, let self else { return }
                if self.policy.due() != nil {
                    self.lock()
                    return
                }
            }
        }
    }

    // MARK: Lock and unlock

    /// Long press on the decoy.
    func reveal() {
        guard phase == .decoy else { return }
        phase = storage?.diaryExists == true ? .unlock : .create
    }

    func lock() {
        generation += 1
        deadlineWatch?.cancel()
        deadlineWatch = nil
        session?.close()
        session = nil
        policy.locked()
        preferences.lockState = policy.state
        busy = false
        passphraseErrors = []
        storage?.removeTemporaryFiles()
        phase = restingPhase
    }

    /// Quick exit: lock at once and show the decoy (or the lock screen when undisguised).
    /// iOS gives apps no way to leave to the home screen themselves.
    func quickExit() {
        lock()
        message = nil
    }

    /// Whether an unlock may be tried at `now`, or how long to wait, in the core's words.
    func gate(at now: Date) -> UnlockGate { policy.gate(now: now, device: device) }

    func create(passphrase: String, confirmation: String) async {
        guard let storage else { return }
        passphraseErrors = TallyDiary.reviewNewPassphrase(passphrase, confirmation: confirmation, device: device)
        guard passphraseErrors.isEmpty else { return }
        await opening(storage, biometric: false) {
            try await TallyDiary.create(path: storage.diaryURL.path, passphrase: passphrase, device: device)
        }
    }

    /// Either passphrase the diary has: the library opens whichever diary it unlocks.
    func unlock(passphrase: String) async {
        guard let storage else { return }
        let path = storage.diaryURL.path
        let seen = await seenHead(path)
        await opening(storage, biometric: false) {
            try await TallyDiary.unlockOnDevice(path: path, passphrase: passphrase, seen: seen, device: device)
        }
    }

    /// A new phone: the backup the victim chose (from Files), restored where the diary
    /// lives after the core has checked all of it, then opened with its passphrase.
    func restore(backup: URL, passphrase: String) async {
        guard let storage else { return }
        busy = true
        message = nil
        // A file chosen in Files is lent for as long as this scope lasts.
        let lent = backup.startAccessingSecurityScopedResource()
        defer { if lent { backup.stopAccessingSecurityScopedResource() } }
        let path = storage.diaryURL.path
        do {
            let restored = try await TallyDiary.restoreBackup(from: backup.path, to: path, passphrase: passphrase)
            if let head = restored.deviceHead { heads.store(head) }
            busy = false
            await opening(storage, biometric: false) {
                try await TallyDiary.unlockOnDevice(path: path, passphrase: passphrase, seen: restored.deviceHead, device: device)
            }
        } catch {
            busy = false
            message = messageKey(for: error)
        }
    }

    /// The head this phone last verified of the diary at `path`, if it kept one.
    private func seenHead(_ path: String) async -> DeviceHead? {
        guard let id = try? await TallyDiary.diaryFileId(path: path) else { return nil }
        return heads.head(for: id)
    }

    func unlockWithBiometrics() async {
        guard let storage, gate(at: Date()) == .allowed else { return }
        do {
            var key = try await keys.release(reason: text("unlock_biometric_reason"))
            // Best effort: Data gives no guarantee that no other copy exists.
            defer { key.resetBytes(in: 0..<key.count) }
            let (path, rawKey) = (storage.diaryURL.path, key)
            let seen = await seenHead(path)
            await opening(storage, biometric: true) {
                try await TallyDiary.unlockWithKeyOnDevice(path: path, rawKey: rawKey, seen: seen, device: device)
            }
        } catch BiometricFailure.cancelled {
            return
        } catch BiometricFailure.invalidated {
            setBiometricFlag(false)
            message = "unlock_biometric_key_invalid"
        } catch {
            message = "unlock_biometric_key_invalid"
        }
    }

    private func opening(_ storage: DiaryStorage, biometric: Bool, _ open: () async throws -> TallyDiary) async {
        // The unlock screen shows the wait in the core's words; nothing is tried meanwhile.
        guard gate(at: Date()) == .allowed else { return }
        busy = true
        message = nil
        let token = generation
        do {
            let opened = try await open()
            // The core says whether this copy is older than the one this phone last saw.
            let missing = (try? await opened.rollback())?.missing
            guard token == generation else {
                opened.close()
                busy = false
                return
            }
            policy.unlocked()
            preferences.lockState = policy.state
            storage.protectDiary()
            passphraseErrors = []
            session = DiarySession(
                diary: opened,
                storage: storage,
                heads: heads,
                missing: missing,
                onActivity: { [weak self] in self?.touch() },
                onExternal: { [weak self] in self?.holdForExternal() }
            )
            session?.changed()
            phase = .open
            watchDeadline()
        } catch {
            let wrong = Self.isWrongPassphrase(error)
            if wrong && !biometric {
                policy.failed()
                preferences.lockState = policy.state
            }
            message = wrong && biometric ? "unlock_biometric_key_invalid" : Self.unlockMessage(for: error)
        }
        busy = false
    }

    private static func isWrongPassphrase(_ error: Error) -> Bool {
        if let failure = error as? TallyApiError, case .WrongPassphrase = failure { return true }
        return false
    }

    /// On the lock screen a missing file means there is no diary, not a missing entry.
    private static func unlockMessage(for error: Error) -> String {
        if let failure = error as? TallyApiError, case .NotFound = failure { return "unlock_no_diary" }
        return messageKey(for: error)
    }

    // MARK: Settings

    func setBiometric(_ enabled: Bool) async {
        guard enabled else {
            keys.remove()
            setBiometricFlag(false)
            return
        }
        guard let session else { return }
        let token = generation
        do {
            var key = try await session.diary.rawKey()
            defer { key.resetBytes(in: 0..<key.count) }
            try await keys.enroll(rawKey: key, reason: text("unlock_biometric_reason"))
            guard token == generation else { return }
            setBiometricFlag(true)
        } catch {
            keys.remove()
            setBiometricFlag(false)
        }
    }

    /// The passphrase changed and every row was re-keyed: the Keychain's copy of the old
    /// key opens nothing, so biometric unlock is set up again with the new one (one more
    /// Face ID or Touch ID check), or turned off if that fails.
    func passphraseChanged() async {
        guard biometricEnabled else { return }
        await setBiometric(true)
    }

    private func setBiometricFlag(_ on: Bool) {
        biometricEnabled = on
        preferences.biometric = on
    }

    func setDisguise(_ chosen: Disguise) async {
        do {
            try await disguises.apply(chosen)
            disguise = chosen
        } catch {
            session?.message = "error_generic"
        }
    }

    /// The idle time the victim chose; the next deadline follows it at once.
    func setIdleSeconds(_ seconds: UInt64) {
        idleSeconds = seconds
        preferences.idleSeconds = seconds
        policy.settings.idleSeconds = seconds
        if session != nil { watchDeadline() }
    }
}
