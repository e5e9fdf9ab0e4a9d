// KeepSafe: what keeps the diary safe to keep and safe to lose, mirroring the bindings'
// backup, restore, device-kept head and duress calls: a backup to hand on, a restore on a
// new phone that continues the same log under the same key, the head this phone last
// verified (kept outside the file, so an older copy put back is noticed), the second
// passphrase that opens a decoy diary of its own, and a passphrase change with progress.
// Conversion only; every rule is the core's.
import Foundation

public extension TallyDiary {
    /// Writes one encrypted backup of the whole diary to `outPath` (which must not exist),
    /// opened by the same passphrase. Cancelling the task stops it and leaves nothing.
    func backup(to outPath: String, onProgress: ProgressHandler? = nil) async throws -> BackupSummary {
        let ffi = self.ffi
        return try await withProgress(onProgress) { try ffi.backup(outPath: outPath, listener: $0) }
    }

    /// Restores the backup at `backupPath` to `targetPath` after checking all of it.
    /// Refuses with `TallyApiError.WouldLoseEntries` when a diary there, or the head this
    /// device remembers (`seen`), holds later entries, unless `keepBoth`.
    static func restoreBackup(
        from backupPath: String,
        to targetPath: String,
        passphrase: String,
        keepBoth: Bool = false,
        seen: DeviceHead? = nil,
        onProgress: ProgressHandler? = nil
    ) async throws -> RestoreSummary {
        try await withProgress(onProgress) {
            try Tally.restoreBackup(
                backupPath: backupPath, targetPath: targetPath, passphrase: passphrase, keepBoth: keepBoth, seen: seen, listener: $0
            )
        }
    }

    /// The head as the record a device keeps: the core's text, the same the CLI and the
    /// Android app store, holding nothing of the diary's content.
    static func deviceHeadRecord(_ head: DeviceHead) -> String { Tally.deviceHeadText(head: head) }

    /// A stored record read back; a malformed one is no record (and must not be used).
    static func deviceHead(fromRecord record: String) -> DeviceHead? { try? Tally.parseDeviceHead(text: record) }

    /// The head this device should keep from now on (ask after every change).
    func deviceHead() async throws -> DeviceHead? { try await call { try $0.deviceHead() } }

    /// Tells an open diary the head this device remembers.
    func rememberDeviceHead(_ seen: DeviceHead?) async throws { try await call { try $0.rememberDeviceHead(seen: seen) } }

    /// How the diary falls short of the head this device remembers, if it does.
    func rollback() async throws -> Rollback? { try await call { try $0.rollback() } }

    /// Sets the second passphrase, which opens an empty decoy diary of its own; needs the
    /// diary opened with its own passphrase. An earlier one stops working.
    func setDuressPassphrase(_ duress: String) async throws { try await call { try $0.setDuressPassphrase(duress: duress) } }

    /// Removes the second passphrase and deletes its decoy diary.
    func removeDuressPassphrase() async throws { try await call { try $0.removeDuressPassphrase() } }

    /// `changePassphrase` with progress (rows re-keyed); cancelling changes nothing.
    func changePassphrase(old: String, new: String, onProgress: ProgressHandler?) async throws {
        let ffi = self.ffi
        try await withProgress(onProgress) { try ffi.changePassphraseWithProgress(old: old, new: new, listener: $0) }
    }
}
