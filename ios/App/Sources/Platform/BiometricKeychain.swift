// BiometricKeychain: biometric unlock. The diary's raw data key is one Keychain item
// (a generic password) whose access control is `.biometryCurrentSet` and whose protection is
// `kSecAttrAccessibleWhenUnlockedThisDeviceOnly`: readable only after Face ID or Touch ID
// matches someone enrolled when the item was made, only while the phone is unlocked, never
// synced to iCloud Keychain and never restored onto another device from a backup. When
// fingers or a face are added or removed the system invalidates the item; the app then
// deletes what is left and asks for the passphrase once to set biometrics up again. The
// passphrase always still works.
import Foundation
import LocalAuthentication
import Security

final class BiometricKeychain: BiometricKeyStore {
    private let service = "diary-key"
    private let account = "biometric-unlock"

    var isAvailable: Bool {
        var error: NSError?
        return LAContext().canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &error)
    }

    var isEnrolled: Bool {
        // A context that may not show UI: an existing item that needs a biometric answers
        // errSecInteractionNotAllowed instead of prompting.
        let context = LAContext()
        context.interactionNotAllowed = true
        var query = baseQuery()
        query[kSecUseAuthenticationContext as String] = context
        query[kSecReturnAttributes as String] = true
        let status = SecItemCopyMatching(query as CFDictionary, nil)
        return status == errSecSuccess || status == errSecInteractionNotAllowed
    }

    func enroll(rawKey: Data, reason: String) async throws {
        guard isAvailable else { throw BiometricFailure.unavailable }
        // Adding an access-controlled item needs no biometric; asking for one first proves
        // the victim's face or finger works before the passphrase is no longer needed.
        let context = LAContext()
        try await evaluate(context, reason: reason)
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            kCFAllocatorDefault, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, .biometryCurrentSet, &error
        ) else {
            throw BiometricFailure.failed(status: Int(errSecParam))
        }
        remove()
        var item = baseQuery()
        item[kSecAttrAccessControl as String] = access
        item[kSecUseAuthenticationContext as String] = context
        item[kSecValueData as String] = rawKey
        let status = SecItemAdd(item as CFDictionary, nil)
        guard status == errSecSuccess else { throw BiometricFailure.failed(status: Int(status)) }
    }

    func release(reason: String) async throws -> Data {
        let context = LAContext()
        // The prompt offers no device-passcode fallback: the diary's own fallback is its
        // passphrase, and a phone passcode the stalker may know must not open it.
        context.localizedFallbackTitle = ""
        try await evaluate(context, reason: reason)
        var query = baseQuery()
        // The context already holds a successful evaluation, so the Keychain does not ask again.
        query[kSecUseAuthenticationContext as String] = context
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            guard let key = result as? Data else { throw BiometricFailure.failed(status: Int(status)) }
            return key
        case errSecUserCanceled:
            throw BiometricFailure.cancelled
        case errSecItemNotFound, errSecAuthFailed:
            // The item was invalidated by a change of enrolled biometrics (or never made).
            remove()
            throw BiometricFailure.invalidated
        default:
            throw BiometricFailure.failed(status: Int(status))
        }
    }

    func remove() {
        SecItemDelete(baseQuery() as CFDictionary)
    }

    private func baseQuery() -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
        ]
    }

    /// Face ID or Touch ID only (`.deviceOwnerAuthenticationWithBiometrics`, no passcode).
    private func evaluate(_ context: LAContext, reason: String) async throws {
        do {
            _ = try await context.evaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, localizedReason: reason)
        } catch let error as LAError {
            switch error.code {
            case .userCancel, .appCancel, .systemCancel, .userFallback:
                throw BiometricFailure.cancelled
            case .biometryNotAvailable, .biometryNotEnrolled, .biometryLockout:
                throw BiometricFailure.unavailable
            default:
                throw BiometricFailure.failed(status: error.errorCode)
            }
        }
    }
}
