// DeviceHeads: the head this phone last verified of each diary — its file id, size and
// root, nothing of the content — kept outside the diary file, so that an older copy of the
// file put back in place opens read-only and says how many entries are missing. It is a
// Keychain item per diary, readable only while the phone is unlocked, never synced to
// iCloud Keychain and never restored onto another device or from an older backup of this
// one: exactly the copies a rollback would come from. Under the duress passphrase the core
// hands the head back unchanged, so the decoy never touches it.
import Foundation
import Security
import Tally

final class KeychainDeviceHeads: DeviceHeadStore {
    private let service = "device-head"

    func head(for diaryId: String) -> DeviceHead? {
        var query = baseQuery(diaryId)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        guard SecItemCopyMatching(query as CFDictionary, &result) == errSecSuccess,
              let data = result as? Data,
              let record = String(data: data, encoding: .utf8),
              let head = TallyDiary.deviceHead(fromRecord: record),
              head.diaryId == diaryId
        else { return nil }
        return head
    }

    func store(_ head: DeviceHead) {
        // The core's text, as the CLI and the Android app keep it.
        let data = Data(TallyDiary.deviceHeadRecord(head).utf8)
        let query = baseQuery(head.diaryId)
        let update: [String: Any] = [kSecValueData as String: data]
        if SecItemUpdate(query as CFDictionary, update as CFDictionary) == errSecItemNotFound {
            var item = query
            item[kSecValueData as String] = data
            item[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
            SecItemAdd(item as CFDictionary, nil)
        }
    }

    private func baseQuery(_ diaryId: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: diaryId,
        ]
    }
}
