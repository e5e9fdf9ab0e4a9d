// AppModel: the one place the open diary lives while the app runs, and which screen is up
// (decoy, create, unlock, open). Locking — by quick exit, by leaving the foreground, or from
// Settings — closes the diary (the library wipes its keys), deletes every temporary file and
// drops what the screens held, so nothing the victim wrote stays on screen or in memory
// behind a lock. Like Android's Session, a result that arrives after a lock is dropped.
//
// UI state only. When the core's views are bound, the unlock gate (growing delay after
// failed attempts), the lock policy (idle and background deadlines) and the new-passphrase
// review come from core/src/view and replace the plain calls below.
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
    /// A message for the lock screen or settings (a string key).
    @Published var message: String?
    @Published private(set) var busy = false
    /// The scene is not active: the app-switcher snapshot and Control Center see a cover.
    @Published private(set) var covered = false
    /// Files the share extension left for the diary.
    @Published private(set) var inbox: [SharedInbox.Item] = []
    /// Photos attached in this capture so far (their references, no content).
    @Published private(set) var attached: [AttachmentRef] = []
    @Published private(set) var biometricEnabled: Bool
    @Published private(set) var disguise: Disguise

    private(set) var diary: TallyDiary?
    /// Bumped on every lock, so work started before a lock cannot publish after it.
    private var generation = 0

    let storage: DiaryStorage?
    let keys: BiometricKeyStore
    private let disguises: DisguiseSetting
    private let defaults = UserDefaults.standard

    init(storage: DiaryStorage?, keys: BiometricKeyStore, disguises: DisguiseSetting) {
        self.storage = storage
        self.keys = keys
        self.disguises = disguises
        let disguise = disguises.current
        self.disguise = disguise
        biometricEnabled = UserDefaults.standard.bool(forKey: "biometric") && keys.isEnrolled
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

    // MARK: Scene

    func scenePhaseChanged(_ scene: ScenePhase) {
        switch scene {
        case .active:
            covered = false
        case .inactive:
            // Face ID, Control Center and the app switcher make the scene inactive; the cover
            // goes up before the system takes its snapshot.
            covered = true
        case .background:
            covered = true
            lock()
        @unknown default:
            covered = true
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
        diary?.close()
        diary = nil
        attached = []
        inbox = []
        busy = false
        storage?.removeTemporaryFiles()
        phase = restingPhase
    }

    /// Quick exit: lock at once and show the decoy (or the lock screen when undisguised).
    /// iOS gives apps no way to leave to the home screen themselves.
    func quickExit() {
        lock()
        message = nil
    }

    func create(passphrase: String, confirmation: String) async {
        guard let storage else { return }
        // The core's new-passphrase review takes this over when the views are bound.
        guard passphrase == confirmation else {
            message = "create_mismatch"
            return
        }
        await opening { try await TallyDiary.create(path: storage.diaryURL.path, passphrase: passphrase) }
    }

    func unlock(passphrase: String) async {
        guard let storage else { return }
        await opening { try await TallyDiary.unlock(path: storage.diaryURL.path, passphrase: passphrase) }
    }

    func unlockWithBiometrics() async {
        guard let storage else { return }
        do {
            var key = try await keys.release(reason: text("unlock_biometric_reason"))
            // Best effort: Data gives no guarantee that no other copy exists.
            defer { key.resetBytes(in: 0..<key.count) }
            let path = storage.diaryURL.path
            let rawKey = key
            await opening { try await TallyDiary.unlockWithKey(path: path, rawKey: rawKey) }
        } catch BiometricFailure.cancelled {
            return
        } catch BiometricFailure.invalidated {
            setBiometricFlag(false)
            message = "unlock_biometric_key_invalid"
        } catch {
            message = "unlock_biometric_key_invalid"
        }
    }

    private func opening(_ open: @escaping () async throws -> TallyDiary) async {
        busy = true
        message = nil
        let token = generation
        do {
            let opened = try await open()
            guard token == generation else {
                opened.close()
                return
            }
            diary = opened
            storage?.protectDiary()
            phase = .open
            refreshInbox()
        } catch {
            message = messageKey(for: error)
        }
        busy = false
    }

    // MARK: Settings

    func setBiometric(_ enabled: Bool) async {
        guard enabled else {
            keys.remove()
            setBiometricFlag(false)
            return
        }
        guard let diary else { return }
        let token = generation
        do {
            var key = try await diary.rawKey()
            defer { key.resetBytes(in: 0..<key.count) }
            try await keys.enroll(rawKey: key, reason: text("unlock_biometric_reason"))
            guard token == generation else { return }
            setBiometricFlag(true)
        } catch {
            keys.remove()
            setBiometricFlag(false)
        }
    }

    private func setBiometricFlag(_ on: Bool) {
        biometricEnabled = on
        defaults.set(on, forKey: "biometric")
    }

    func setDisguise(_ chosen: Disguise) async {
        do {
            try await disguises.apply(chosen)
            disguise = chosen
        } catch {
            message = "error_generic"
        }
    }

    // MARK: Capture and inbox

    /// Stores a photo's bytes in the diary; the capture screen puts the reference in its entry.
    func attach(_ bytes: Data, fileName: String?, mediaType: String?) async {
        guard let diary else { return }
        let token = generation
        do {
            let ref = try await diary.attachBytes(bytes, fileName: fileName, mediaType: mediaType)
            guard token == generation else { return }
            attached.append(ref)
        } catch {
            guard token == generation else { return }
            message = messageKey(for: error)
        }
    }

    func refreshInbox() {
        inbox = SharedInbox.open()?.pending() ?? []
    }

    /// Deletes a shared file the victim does not want in the diary.
    func discard(_ item: SharedInbox.Item) {
        SharedInbox.open()?.remove(item)
        refreshInbox()
    }
}
