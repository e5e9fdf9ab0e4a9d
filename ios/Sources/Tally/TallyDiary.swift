// TallyDiary: the Swift face of a Tally diary, mirroring the Kotlin wrapper
// (android/tally/src/main/kotlin/app/tally/TallyDiary.kt) call for call: async where Kotlin
// suspends, every call run off the caller's thread (see Progress.swift), long work with a
// progress closure and stopped by cancelling the awaiting task. Errors are the generated
// `TallyApiError`, each case with a plain `reason` that names entries, files and fields but
// never diary text. `close()` locks the diary and wipes its keys.
//
// Conversion only: what anything means is decided in the Rust core. A new view from the
// core is one more line here of the same shape (`try await call { try $0.view(…) }`).
import Foundation

/// One step of an export, for callers that prefer a stream to a closure
/// (Kotlin's `Flow<ExportEvent>`).
public enum ExportEvent: Sendable {
    /// `done` of `total` units written so far; `total` when known.
    case progress(done: UInt64, total: UInt64?)
    /// The pack is complete.
    case done(ExportSummary)
}

/// An unlocked diary. Safe to share between tasks: the native diary serialises calls.
public final class TallyDiary: @unchecked Sendable {
    private let ffi: Diary

    private init(_ ffi: Diary) { self.ffi = ffi }

    deinit { ffi.lock() }

    private func call<T>(_ body: @escaping @Sendable (Diary) throws -> T) async throws -> T {
        let ffi = self.ffi
        return try await offMain { try body(ffi) }
    }

    // MARK: Opening

    /// Creates a new diary at `path`; refuses to overwrite a file.
    public static func create(path: String, passphrase: String, options: CreateOptions = CreateOptions()) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.create(path: path, passphrase: passphrase, options: options)) }
    }

    /// Unlocks the diary at `path`; a wrong passphrase throws `TallyApiError.WrongPassphrase`
    /// and changes nothing.
    public static func unlock(path: String, passphrase: String) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.unlock(path: path, passphrase: passphrase)) }
    }

    /// Unlocks with the raw key the Keychain released after Face ID or Touch ID.
    public static func unlockWithKey(path: String, rawKey: Data) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.unlockWithKey(path: path, rawKey: rawKey)) }
    }

    /// Verifies an evidence pack with no diary; `checkpoint` is one received earlier.
    public static func verifyPack(path: String, checkpoint: String? = nil) async throws -> PackVerdict {
        try await offMain { try Tally.verifyPack(path: path, checkpoint: checkpoint) }
    }

    /// The version of the Rust core inside the app.
    public static var coreVersion: String { Tally.coreVersion() }

    /// Locks the diary: keys wiped, file closed; later calls throw `TallyApiError.Locked`.
    /// Idempotent.
    public func close() { ffi.lock() }

    /// Whether the diary has been locked.
    public var isLocked: Bool { ffi.isLocked() }

    // MARK: The diary itself

    /// Number of entries.
    public func entryCount() async throws -> UInt64 { try await call { try $0.entryCount() } }

    /// The signing key's fingerprint (`SHA256:…`).
    public func fingerprint() async throws -> String { try await call { try $0.fingerprint() } }

    /// The signing key as an OpenSSH public-key line.
    public func publicKey() async throws -> String { try await call { try $0.publicKey() } }

    /// Why the diary failed its integrity check on opening, if it did.
    public func damage() async throws -> String? { try await call { try $0.damage() } }

    /// The raw data key, for the Keychain only (BiometricKeychain wraps it).
    public func rawKey() async throws -> Data { try await call { try $0.rawKey() } }

    /// Re-wraps the key under a new passphrase.
    public func changePassphrase(old: String, new: String) async throws {
        try await call { try $0.changePassphrase(old: old, new: new) }
    }

    // MARK: Recording

    /// Adds a person; returns the entry number.
    public func addPerson(_ person: Person) async throws -> UInt64 { try await call { try $0.addPerson(person: person) } }

    /// Adds an incident; returns the entry number.
    public func addIncident(_ incident: Incident) async throws -> UInt64 { try await call { try $0.addIncident(incident: incident) } }

    /// Adds an order; returns the entry number.
    public func addOrder(_ order: Order) async throws -> UInt64 { try await call { try $0.addOrder(order: order) } }

    /// Adds a police contact; returns the entry number.
    public func addPoliceContact(_ contact: PoliceContact) async throws -> UInt64 {
        try await call { try $0.addPoliceContact(contact: contact) }
    }

    /// Corrects entry `target`; the original stays in its history.
    public func amend(_ target: UInt64, with replacement: EntryContent, reason: String? = nil) async throws -> UInt64 {
        try await call { try $0.amend(target: target, replacement: replacement, reason: reason) }
    }

    /// Removes entry `target`'s content; its hash stays.
    public func erase(_ target: UInt64, reason: String? = nil) async throws -> UInt64 {
        try await call { try $0.erase(target: target, reason: reason) }
    }

    // MARK: Reading

    /// Entry `seq` as the diary shows it.
    public func get(_ seq: UInt64) async throws -> EntryView { try await call { try $0.get(seq: seq) } }

    /// The entries `filter` selects, in order.
    public func list(_ filter: ListFilter = ListFilter()) async throws -> [EntryView] { try await call { try $0.list(filter: filter) } }

    /// Entry `seq` as sealed, its amendments, and its erasure.
    public func history(_ seq: UInt64) async throws -> [HistoryStep] { try await call { try $0.history(seq: seq) } }

    /// A signed checkpoint of the current state, to send to someone trusted.
    public func checkpoint() async throws -> String { try await call { try $0.checkpoint() } }

    /// Checks every entry, head and attachment.
    public func check() async throws -> CheckReport { try await call { try $0.check() } }

    /// The course-of-conduct summary as plain records: counts, weeks, breaches, police contacts.
    public func summaryReport(_ filter: SummaryFilter = SummaryFilter()) async throws -> SummaryReport {
        try await call { try $0.summaryReport(filter: filter) }
    }

    /// The course-of-conduct summary as JSON.
    public func summaryJson(_ filter: SummaryFilter = SummaryFilter()) async throws -> String {
        try await call { try $0.summary(filter: filter) }
    }

    // MARK: Attachments

    /// Stores bytes (a photo from the camera, a picked screenshot); returns the reference to
    /// put in an entry. The bytes are kept exactly as given.
    public func attachBytes(_ bytes: Data, fileName: String? = nil, mediaType: String? = nil) async throws -> AttachmentRef {
        try await call { try $0.attachBytes(bytes: bytes, fileName: fileName, mediaType: mediaType) }
    }

    /// Streams a file into the diary, reporting the bytes read; cancelling the task stops it.
    public func attachFile(at path: String, onProgress: ProgressHandler? = nil) async throws -> AttachmentRef {
        let ffi = self.ffi
        return try await withProgress(onProgress) { try ffi.attachFile(path: path, listener: $0) }
    }

    /// An attachment's original bytes, checked against its hash.
    public func readAttachment(_ sha256: String) async throws -> Data { try await call { try $0.readAttachment(sha256: sha256) } }

    /// Writes an attachment's original bytes to a new file at `outPath`; returns the bytes
    /// written. A failed copy is removed.
    public func saveAttachment(_ sha256: String, to outPath: String) async throws -> UInt64 {
        try await call { try $0.saveAttachment(sha256: sha256, outPath: outPath) }
    }

    // MARK: Imports

    /// Imports a WhatsApp chat export (.txt, or .zip with media) as one message-log entry.
    /// `senders` are the names whose messages matter; `dateOrder` is "dmy" or "mdy" when
    /// the file cannot prove it; `timeZone` is the IANA zone the chat's local times are read
    /// in — the device's unless the victim says otherwise.
    public func importWhatsApp(
        path: String,
        senders: [String],
        dateOrder: String? = nil,
        timeZone: String = TimeZone.current.identifier,
        people: [UInt64] = [],
        onProgress: ProgressHandler? = nil
    ) async throws -> ImportSummary {
        let ffi = self.ffi
        return try await withProgress(onProgress) {
            try ffi.importWhatsapp(
                path: path, senders: senders, dateOrder: dateOrder, timeZone: timeZone, people: people, listener: $0
            )
        }
    }

    /// Imports an SMS Backup & Restore file, keeping the messages with `addresses` (all if
    /// empty). Its times are instants, so no zone is needed.
    public func importSms(
        path: String,
        addresses: [String] = [],
        people: [UInt64] = [],
        onProgress: ProgressHandler? = nil
    ) async throws -> ImportSummary {
        let ffi = self.ffi
        return try await withProgress(onProgress) {
            try ffi.importSms(path: path, addresses: addresses, people: people, listener: $0)
        }
    }

    // MARK: Export

    /// Exports an evidence pack to `outPath`. Cancelling the awaiting task stops the export
    /// at its next safe point, leaving nothing at `outPath`.
    public func exportPack(
        to outPath: String,
        options: ExportOptions = ExportOptions(),
        onProgress: ProgressHandler? = nil
    ) async throws -> ExportSummary {
        let ffi = self.ffi
        return try await withProgress(onProgress) {
            try ffi.exportPack(outPath: outPath, options: options, listener: $0)
        }
    }

    /// The same export as a stream of progress events ending in `.done`; ending the
    /// iteration early (or cancelling its task) stops the export and leaves nothing.
    public func exportEvents(to outPath: String, options: ExportOptions = ExportOptions()) -> AsyncThrowingStream<ExportEvent, Error> {
        AsyncThrowingStream(bufferingPolicy: .bufferingNewest(8)) { continuation in
            let task = Task {
                do {
                    let summary = try await self.exportPack(to: outPath, options: options) { done, total in
                        // A slow reader sees only the newest events, so `.done` is never lost.
                        continuation.yield(.progress(done: done, total: total))
                    }
                    continuation.yield(.done(summary))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
