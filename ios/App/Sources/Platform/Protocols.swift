// The platform services the screens call, each behind a small protocol so a screen never
// touches the Keychain, the file system or UIKit directly and a preview can pass a stand-in.
// Nothing here decides anything about evidence; the core does (through TallyDiary).
import Foundation
import Tally

/// Where the diary and every temporary file live: protected (complete) and out of backups.
protocol DiaryStorage {
    /// The diary file.
    var diaryURL: URL { get }
    /// Whether a diary exists yet (the first run creates one instead of unlocking).
    var diaryExists: Bool { get }
    /// A fresh path in the protected temporary folder (for a pack about to be shared).
    func temporaryURL(named name: String) -> URL
    /// Renames a temporary file, keeping it protected; returns its new path.
    func renameTemporary(_ file: URL, to name: String) throws -> URL
    /// Re-applies protection and the backup exclusion to the diary after the library wrote it.
    func protectDiary()
    /// Deletes every temporary file: on launch and on every lock.
    func removeTemporaryFiles()
}

/// The diary's raw data key, kept in the Keychain behind Face ID or Touch ID.
protocol BiometricKeyStore {
    /// Whether this device can do biometric authentication now.
    var isAvailable: Bool { get }
    /// Whether a key is stored (asked without showing any prompt).
    var isEnrolled: Bool { get }
    /// Stores `rawKey` after one biometric check, replacing any earlier key.
    func enroll(rawKey: Data, reason: String) async throws
    /// Shows the biometric prompt and returns the key.
    func release(reason: String) async throws -> Data
    /// Forgets the key.
    func remove()
}

/// The head this device last verified of each diary, kept outside the diary file.
protocol DeviceHeadStore {
    /// The head kept for the diary with this file id, if any.
    func head(for diaryId: String) -> DeviceHead?
    /// Keeps `head` for its diary, replacing the one kept before.
    func store(_ head: DeviceHead)
}

/// Why biometric unlock did not give a key.
enum BiometricFailure: Error, Equatable {
    /// The victim chose the passphrase instead, or dismissed the prompt.
    case cancelled
    /// Fingers or a face were enrolled or removed since setup: the Keychain item is gone
    /// (that is what `.biometryCurrentSet` promises), and the passphrase is needed once.
    case invalidated
    /// No biometrics on this device, or none enrolled.
    case unavailable
    /// Any other Keychain or LocalAuthentication status (kept for a bug report).
    case failed(status: Int)
}

/// The app-wide choice of home-screen icon and the decoy screen that goes with it.
protocol DisguiseSetting {
    var current: Disguise { get }
    /// Switches the icon; iOS shows its own short notice that the icon changed.
    func apply(_ disguise: Disguise) async throws
}
