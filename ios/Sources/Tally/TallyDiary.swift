// TallyDiary: the Swift face of a Tally diary. A thin async wrapper over the generated
// bindings (Generated/tally_ffi.swift): every call runs off the caller's thread and is
// awaited, errors are the generated `TallyApiError` (each case with a plain `reason`),
// and `close()` (or deinit) locks the diary and wipes its keys.
import Foundation

/// Runs blocking work on a global queue and resumes the awaiting task with its result.
private func offMain<T>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// Forwards export progress to a closure and cancellation from the awaiting task.
private final class TaskProgress: ProgressListener, @unchecked Sendable {
    private let onProgress: @Sendable (UInt64, UInt64?) -> Void
    private let cancelled: @Sendable () -> Bool

    init(onProgress: @escaping @Sendable (UInt64, UInt64?) -> Void, cancelled: @escaping @Sendable () -> Bool) {
        self.onProgress = onProgress
        self.cancelled = cancelled
    }

    func onProgress(done: UInt64, total: UInt64?) { onProgress(done, total) }
    func isCancelled() -> Bool { cancelled() }
}

/// An unlocked diary. Safe to share between tasks: the native diary serialises calls.
public final class TallyDiary: @unchecked Sendable {
    private let ffi: Diary

    private init(_ ffi: Diary) { self.ffi = ffi }

    deinit { ffi.lock() }

    /// Creates a new diary at `path`; refuses to overwrite a file.
    public static func create(path: String, passphrase: String, options: CreateOptions = CreateOptions()) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.create(path: path, passphrase: passphrase, options: options)) }
    }

    /// Unlocks the diary at `path`; a wrong passphrase throws `TallyApiError.WrongPassphrase`.
    public static func unlock(path: String, passphrase: String) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.unlock(path: path, passphrase: passphrase)) }
    }

    /// Unlocks with the raw key the Keychain kept behind Face ID / Touch ID.
    public static func unlock(path: String, rawKey: Data) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.unlockWithKey(path: path, rawKey: rawKey)) }
    }

    /// Verifies an evidence pack with no diary; `checkpoint` is one received earlier.
    public static func verifyPack(path: String, checkpoint: String? = nil) async throws -> PackVerdict {
        try await offMain { try Tally.verifyPack(path: path, checkpoint: checkpoint) }
    }

    /// Locks the diary: keys wiped, file closed; later calls throw `TallyApiError.Locked`.
    public func close() { ffi.lock() }

    public func entryCount() async throws -> UInt64 { try await offMain { try self.ffi.entryCount() } }
    public func fingerprint() async throws -> String { try await offMain { try self.ffi.fingerprint() } }
    public func rawKey() async throws -> Data { try await offMain { try self.ffi.rawKey() } }
    public func changePassphrase(old: String, new: String) async throws {
        try await offMain { try self.ffi.changePassphrase(old: old, new: new) }
    }
    public func addPerson(_ person: Person) async throws -> UInt64 { try await offMain { try self.ffi.addPerson(person: person) } }
    public func addIncident(_ incident: Incident) async throws -> UInt64 { try await offMain { try self.ffi.addIncident(incident: incident) } }
    public func addOrder(_ order: Order) async throws -> UInt64 { try await offMain { try self.ffi.addOrder(order: order) } }
    public func addPoliceContact(_ contact: PoliceContact) async throws -> UInt64 {
        try await offMain { try self.ffi.addPoliceContact(contact: contact) }
    }
    public func amend(_ target: UInt64, with replacement: EntryContent, reason: String? = nil) async throws -> UInt64 {
        try await offMain { try self.ffi.amend(target: target, replacement: replacement, reason: reason) }
    }
    public func erase(_ target: UInt64, reason: String? = nil) async throws -> UInt64 {
        try await offMain { try self.ffi.erase(target: target, reason: reason) }
    }
    public func get(_ seq: UInt64) async throws -> EntryView { try await offMain { try self.ffi.get(seq: seq) } }
    public func list(_ filter: ListFilter = ListFilter()) async throws -> [EntryView] { try await offMain { try self.ffi.list(filter: filter) } }
    public func history(_ seq: UInt64) async throws -> [HistoryStep] { try await offMain { try self.ffi.history(seq: seq) } }
    public func checkpoint() async throws -> String { try await offMain { try self.ffi.checkpoint() } }
    public func check() async throws -> CheckReport { try await offMain { try self.ffi.check() } }
    public func attach(_ bytes: Data, fileName: String? = nil, mediaType: String? = nil) async throws -> AttachmentRef {
        try await offMain { try self.ffi.attachBytes(bytes: bytes, fileName: fileName, mediaType: mediaType) }
    }
    public func attachFile(at path: String) async throws -> AttachmentRef {
        try await offMain { try self.ffi.attachFile(path: path, listener: nil) }
    }
    public func readAttachment(_ sha256: String) async throws -> Data { try await offMain { try self.ffi.readAttachment(sha256: sha256) } }
    public func summaryJSON(_ filter: SummaryFilter = SummaryFilter()) async throws -> String {
        try await offMain { try self.ffi.summary(filter: filter) }
    }

    /// Exports an evidence pack to `outPath`. Cancelling the awaiting task stops the export
    /// at its next safe point, leaving nothing at `outPath`.
    public func exportPack(
        to outPath: String,
        options: ExportOptions = ExportOptions(),
        onProgress: @escaping @Sendable (UInt64, UInt64?) -> Void = { _, _ in }
    ) async throws -> ExportSummary {
        let cancelled = ManagedCancelFlag()
        return try await withTaskCancellationHandler {
            try await offMain {
                let listener = TaskProgress(onProgress: onProgress, cancelled: { cancelled.isSet })
                return try self.ffi.exportPack(outPath: outPath, options: options, listener: listener)
            }
        } onCancel: {
            cancelled.set()
        }
    }
}

/// A flag set from the cancellation handler and read from the export's thread.
private final class ManagedCancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
