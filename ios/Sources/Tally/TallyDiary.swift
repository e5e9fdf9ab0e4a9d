// TallyDiary: the Swift face of a Tally diary, mirroring the Kotlin wrapper
// (android/tally/src/main/kotlin/app/tally/TallyDiary.kt) call for call: async where Kotlin
// suspends, every async call run off the caller's thread (see Progress.swift), long work with
// a progress closure and stopped by cancelling the awaiting task. Errors are the generated
// `TallyApiError`, each case with a plain `reason` that names entries, files and fields but
// never diary text. `close()` locks the diary and wipes its keys.
//
// Every view and form call passes the device's time zone and language (`Device`, read at
// each call so a change of zone is followed). The records returned are the core's views:
// nothing here decides what a screen shows. The reviews and new drafts are plain, fast
// functions of their arguments (no diary is read), so they are synchronous, as in Kotlin,
// and a form may call them on every keystroke.
import Foundation

/// One step of an export, for callers that prefer a stream to a closure
/// (Kotlin's `Flow<ExportEvent>`).
public enum ExportEvent: Sendable {
    /// `done` of `total` units written so far; `total` when known.
    case progress(done: UInt64, total: UInt64?)
    /// The pack is complete.
    case done(ExportSummary)
}

/// Where the views read local times and which language they speak: the device's, read at
/// each call, unless fixed (previews and tests fix them).
public struct Device: Sendable {
    private let zone: @Sendable () -> String
    private let language: @Sendable () -> String

    /// The device's zone, following changes while the app runs (`autoupdatingCurrent`:
    /// `TimeZone.current` is a snapshot the system caches), and the language the app's own
    /// strings are shown in, so a screen never mixes two languages.
    public init() {
        zone = { TimeZone.autoupdatingCurrent.identifier }
        language = { Bundle.main.preferredLocalizations.first ?? "en" }
    }

    /// A fixed zone and language.
    public init(zoneId: String, languageTag: String = "en-GB") {
        zone = { zoneId }
        language = { languageTag }
    }

    /// The IANA zone id to pass to the core ("Europe/London").
    public var zoneId: String { zone() }

    /// The BCP 47 tag to pass to the core ("en-GB", "cy").
    public var languageTag: String { language() }
}

/// An unlocked diary. Safe to share between tasks: the native diary serialises calls.
public final class TallyDiary: @unchecked Sendable {
    /// The generated diary; module-internal so the wrapper's other files reach it.
    let ffi: Diary
    /// The zone and language the views use.
    public let device: Device

    init(_ ffi: Diary, device: Device) {
        self.ffi = ffi
        self.device = device
    }

    deinit { ffi.lock() }

    func call<T>(_ body: @escaping @Sendable (Diary) throws -> T) async throws -> T {
        let ffi = self.ffi
        return try await offMain { try body(ffi) }
    }

    var zone: String { device.zoneId }
    var lang: String { device.languageTag }

    // MARK: Opening

    /// Creates a new diary at `path`; refuses to overwrite a file.
    public static func create(
        path: String, passphrase: String, options: CreateOptions = CreateOptions(), device: Device = Device()
    ) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.create(path: path, passphrase: passphrase, options: options), device: device) }
    }

    /// Unlocks the diary at `path`; a wrong passphrase throws `TallyApiError.WrongPassphrase`
    /// and changes nothing.
    public static func unlock(path: String, passphrase: String, device: Device = Device()) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.unlock(path: path, passphrase: passphrase), device: device) }
    }

    /// Unlocks with the raw key the Keychain released after Face ID or Touch ID.
    public static func unlockWithKey(path: String, rawKey: Data, device: Device = Device()) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.unlockWithKey(path: path, rawKey: rawKey), device: device) }
    }

    /// Unlocks with either passphrase, held to the head this device remembers (`seen`, as
    /// stored from `deviceHead()`): a diary older than that opens read-only, and
    /// `rollback()` says how many entries are missing.
    public static func unlockOnDevice(
        path: String, passphrase: String, seen: DeviceHead?, device: Device = Device()
    ) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.unlockOnDevice(path: path, passphrase: passphrase, seen: seen), device: device) }
    }

    /// Unlocks with the Keychain's raw key, held to the head this device remembers.
    public static func unlockWithKeyOnDevice(
        path: String, rawKey: Data, seen: DeviceHead?, device: Device = Device()
    ) async throws -> TallyDiary {
        try await offMain { TallyDiary(try Diary.unlockWithKeyOnDevice(path: path, rawKey: rawKey, seen: seen), device: device) }
    }

    /// The id of the diary file at `path`, read without a key and without writing: what
    /// this device keeps the diary's head under.
    public static func diaryFileId(path: String) async throws -> String {
        try await offMain { try Tally.diaryFileId(path: path) }
    }

    /// Verifies an evidence pack with no diary; `checkpoint` is one received earlier,
    /// `expectedFingerprint` (`SHA256:…`) the key it must be signed by.
    public static func verifyPack(path: String, checkpoint: String? = nil, expectedFingerprint: String? = nil) async throws -> PackVerdict {
        try await offMain { try Tally.verifyPack(path: path, checkpoint: checkpoint, expectedFingerprint: expectedFingerprint) }
    }

    /// The problems with a new passphrase and its confirmation, each beside its field;
    /// empty when both are fine. Needs no diary: the create screen asks it.
    public static func reviewNewPassphrase(_ passphrase: String, confirmation: String, device: Device = Device()) -> [FieldError] {
        Tally.reviewNewPassphrase(passphrase: passphrase, confirmation: confirmation, locale: device.languageTag)
    }

    /// Whether the library answers: one round trip with no work in it (`ping`), and the same
    /// through an async call (`pingAsync`). Called at launch, it makes a library built for
    /// the wrong device, or left out of the bundle, fail before any diary is touched.
    public static func libraryResponds() async -> Bool {
        let probe: UInt64 = 0x7a11
        guard Tally.ping(n: probe) == probe else { return false }
        return await Tally.pingAsync(n: probe) == probe
    }

    /// The languages the core speaks, British English first.
    public static var locales: [LocaleInfo] { Tally.locales() }

    /// The version of the Rust core inside the app.
    public static var coreVersion: String { Tally.coreVersion() }

    /// Locks the diary: keys wiped, file closed; later calls throw `TallyApiError.Locked`.
    /// Idempotent.
    public func close() { ffi.lock() }

    /// Whether the diary has been locked.
    public var isLocked: Bool { ffi.isLocked() }

    // MARK: The diary itself

    /// Number of entries. An in-memory read: answered on the caller's thread unless other
    /// work (an export, a backup) holds the diary, and only then off the main thread. A hop
    /// to another thread and back costs several times the read itself.
    public func entryCount() async throws -> UInt64 {
        if let count = try now({ try $0.entryCountNow() }) { return count }
        return try await call { try $0.entryCount() }
    }

    /// The signing key's fingerprint (`SHA256:…`); read as `entryCount` is.
    public func fingerprint() async throws -> String {
        if let fingerprint = try now({ try $0.fingerprintNow() }) { return fingerprint }
        return try await call { try $0.fingerprint() }
    }

    /// A read that never waits; nil when other work holds the diary.
    private func now<T>(_ read: (Diary) throws -> T) throws -> T? {
        do {
            return try read(ffi)
        } catch TallyApiError.Busy(_) {
            return nil
        }
    }

    /// The signing key as an OpenSSH public-key line.
    public func publicKey() async throws -> String { try await call { try $0.publicKey() } }

    /// Why the diary failed its integrity check on opening, if it did.
    public func damage() async throws -> String? { try await call { try $0.damage() } }

    /// The raw data key, for the Keychain only (BiometricKeychain wraps it).
    public func rawKey() async throws -> Data { try await call { try $0.rawKey() } }

    /// Changes the passphrase and re-keys every row: the raw key changes, so a Keychain
    /// copy of the old one opens nothing afterwards.
    public func changePassphrase(old: String, new: String) async throws {
        try await call { try $0.changePassphrase(old: old, new: new) }
    }

    /// Adds a person record as it is (forms use `savePerson`); returns the entry number.
    public func addPerson(_ person: Person) async throws -> UInt64 { try await call { try $0.addPerson(person: person) } }

    /// Adds an incident record as it is (forms use `saveIncident`).
    public func addIncident(_ incident: Incident) async throws -> UInt64 { try await call { try $0.addIncident(incident: incident) } }

    /// Adds an order record as it is (forms use `saveOrder`).
    public func addOrder(_ order: Order) async throws -> UInt64 { try await call { try $0.addOrder(order: order) } }

    /// Adds a police-contact record as it is (forms use `savePoliceContact`).
    public func addPoliceContact(_ contact: PoliceContact) async throws -> UInt64 {
        try await call { try $0.addPoliceContact(contact: contact) }
    }

    /// Removes entry `target`'s content; its hash stays. Returns the removal's entry number.
    public func erase(_ target: UInt64, reason: String? = nil) async throws -> UInt64 {
        try await call { try $0.erase(target: target, reason: reason) }
    }

    /// Entry `seq` as the model reads it (screens use `entryDetail`).
    public func get(_ seq: UInt64) async throws -> EntryView { try await call { try $0.get(seq: seq) } }

    /// The entries `filter` selects, as the model reads them.
    public func list(_ filter: ListFilter = ListFilter()) async throws -> [EntryView] { try await call { try $0.list(filter: filter) } }

    // MARK: Views

    /// The timeline, grouped by the local day each entry happened, newest first.
    public func timeline(_ filter: TimelineFilter = TimelineFilter()) async throws -> Timeline {
        let (zone, lang) = (self.zone, self.lang)
        return try await call { try $0.timeline(filter: filter, timeZone: zone, locale: lang) }
    }

    /// The entries `filter` selects, in entry order, as items with their headlines.
    public func entryList(_ filter: ListFilter = ListFilter()) async throws -> [TimelineItem] {
        let (zone, lang) = (self.zone, self.lang)
        return try await call { try $0.entryList(filter: filter, timeZone: zone, locale: lang) }
    }

    /// Entry `seq` in full, with its history.
    public func entryDetail(_ seq: UInt64) async throws -> EntryDetail {
        let (zone, lang) = (self.zone, self.lang)
        return try await call { try $0.entryDetail(seq: seq, timeZone: zone, locale: lang) }
    }

    /// The diary's people, for pickers.
    public func people() async throws -> [PersonRef] { try await call { try $0.people() } }

    /// The summary screen, in the device's language.
    public func summaryView(_ filter: SummaryFilter = SummaryFilter()) async throws -> SummaryView {
        let lang = self.lang
        return try await call { try $0.summaryView(filter: filter, locale: lang) }
    }

    /// The export screen for `choices`: every entry the pack would carry and why, the count
    /// withheld, and the problems with the choices, before anything is written.
    public func exportScreen(_ choices: DisclosureChoices) async throws -> ExportScreen {
        let (zone, lang) = (self.zone, self.lang)
        return try await call { try $0.exportScreen(choices: choices, timeZone: zone, locale: lang) }
    }

    /// The pack's own disclosure plan for `choices`, unworded (screens use `exportScreen`).
    public func disclosurePlan(_ choices: DisclosureChoices) async throws -> DisclosurePlan {
        try await call { try $0.disclosurePlan(choices: choices) }
    }

    /// What the forms offer to pick from, labelled in the device's language.
    public func choices() -> Choices { Tally.formChoices(locale: lang) }

    // MARK: Forms

    /// A new incident draft at `now` in the device's zone (to the minute).
    public func newIncidentDraft(now: Date = Date()) throws -> IncidentDraft {
        try Tally.newIncidentDraft(timeZone: zone, now: now)
    }

    /// What the incident form shows for `draft`: its problems, the clock-change questions,
    /// the times it would store.
    public func reviewIncident(_ draft: IncidentDraft, now: Date = Date()) throws -> Review {
        try Tally.reviewIncident(draft: draft, timeZone: zone, now: now, locale: lang)
    }

    /// Seals `draft`, or refuses it naming every field to fix.
    public func saveIncident(_ draft: IncidentDraft, now: Date = Date()) async throws -> FormOutcome {
        let (zone, lang) = (self.zone, self.lang)
        return try await call { try $0.saveIncident(draft: draft, timeZone: zone, now: now, locale: lang) }
    }

    /// Adds details to incident `seq` after a quick capture, as a correction.
    public func addDetails(_ seq: UInt64, details: String) async throws -> FormOutcome {
        let lang = self.lang
        return try await call { try $0.addDetails(seq: seq, details: details, locale: lang) }
    }

    /// What the person form shows for `draft`.
    public func reviewPerson(_ draft: PersonDraft) -> Review { Tally.reviewPerson(draft: draft, locale: lang) }

    /// Seals a person draft.
    public func savePerson(_ draft: PersonDraft) async throws -> FormOutcome {
        let lang = self.lang
        return try await call { try $0.savePerson(draft: draft, locale: lang) }
    }

    /// A new order draft starting today in the device's zone.
    public func newOrderDraft(now: Date = Date()) throws -> OrderDraft { try Tally.newOrderDraft(timeZone: zone, now: now) }

    /// What the order form shows for `draft`.
    public func reviewOrder(_ draft: OrderDraft) -> Review { Tally.reviewOrder(draft: draft, locale: lang) }

    /// Seals an order draft.
    public func saveOrder(_ draft: OrderDraft) async throws -> FormOutcome {
        let lang = self.lang
        return try await call { try $0.saveOrder(draft: draft, locale: lang) }
    }

    /// A new police-contact draft at `now` in the device's zone.
    public func newPoliceContactDraft(now: Date = Date()) throws -> PoliceContactDraft {
        try Tally.newPoliceContactDraft(timeZone: zone, now: now)
    }

    /// What the police-contact form shows for `draft`.
    public func reviewPoliceContact(_ draft: PoliceContactDraft, now: Date = Date()) throws -> Review {
        try Tally.reviewPoliceContact(draft: draft, timeZone: zone, now: now, locale: lang)
    }

    /// Seals a police-contact draft.
    public func savePoliceContact(_ draft: PoliceContactDraft, now: Date = Date()) async throws -> FormOutcome {
        let (zone, lang) = (self.zone, self.lang)
        return try await call { try $0.savePoliceContact(draft: draft, timeZone: zone, now: now, locale: lang) }
    }

    /// The draft for correcting entry `target`, or why it cannot be corrected.
    public func amendmentDraft(_ target: UInt64) async throws -> AmendmentStart {
        let lang = self.lang
        return try await call { try $0.amendmentDraft(target: target, locale: lang) }
    }

    /// What the correction form shows for `draft`.
    public func reviewAmendment(_ draft: AmendmentDraft, now: Date = Date()) throws -> Review {
        try Tally.reviewAmendment(draft: draft, timeZone: zone, now: now, locale: lang)
    }

    /// Seals a correction.
    public func saveAmendment(_ draft: AmendmentDraft, now: Date = Date()) async throws -> FormOutcome {
        let (zone, lang) = (self.zone, self.lang)
        return try await call { try $0.saveAmendment(draft: draft, timeZone: zone, now: now, locale: lang) }
    }

    // MARK: Files and imports

    /// A signed checkpoint of the current state, to send to someone trusted.
    public func checkpoint() async throws -> String { try await call { try $0.checkpoint() } }

    /// Checks every entry, head and attachment.
    public func check() async throws -> CheckReport { try await call { try $0.check() } }

    /// Stores bytes (a photo from the camera, a picked screenshot) with the same checks as a
    /// file; returns the reference to put in an entry. The bytes are kept exactly as given.
    public func attachBytes(_ bytes: Data, fileName: String? = nil, mediaType: String? = nil) async throws -> AttachmentRef {
        try await call { try $0.attachBytes(bytes: bytes, fileName: fileName, mediaType: mediaType) }
    }

    /// Stores a file (images decoded first, their EXIF time, camera, place and size kept).
    public func attachFile(at path: String) async throws -> AttachmentRef { try await call { try $0.attachFile(path: path) } }

    /// An attachment's original bytes, checked against its hash.
    public func readAttachment(_ sha256: String) async throws -> Data { try await call { try $0.readAttachment(sha256: sha256) } }

    /// Writes an attachment's original bytes to a new file at `outPath`; returns the bytes
    /// written. A failed copy is removed.
    public func saveAttachment(_ sha256: String, to outPath: String) async throws -> UInt64 {
        try await call { try $0.saveAttachment(sha256: sha256, outPath: outPath) }
    }

    /// The import wizard: what the file holds, before anything is written. `dateOrder`
    /// answers the day/month question and `chat` the choice of chat, once asked.
    public func previewImport(path: String, dateOrder: DateOrder? = nil, chat: String? = nil) async throws -> ImportPreview {
        let (zone, lang) = (self.zone, self.lang)
        return try await offMain {
            try Tally.previewImport(path: path, timeZone: zone, dateOrder: dateOrder, chat: chat, locale: lang)
        }
    }

    /// Imports a WhatsApp chat export (.txt, or .zip with media) as one message-log entry,
    /// reading its local times in the device's zone. `senders` are the names whose messages
    /// matter; `dateOrder` answers the wizard's day/month question.
    public func importWhatsApp(
        path: String,
        senders: [String],
        dateOrder: DateOrder? = nil,
        people: [UInt64] = [],
        onProgress: ProgressHandler? = nil
    ) async throws -> ImportSummary {
        let (ffi, zone) = (self.ffi, self.zone)
        return try await withProgress(onProgress) {
            try ffi.importWhatsapp(
                path: path, senders: senders, dateOrder: dateOrder, timeZone: zone, people: people, listener: $0
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

    /// Imports a Telegram, Instagram or Messenger download (`format`, as the wizard's
    /// preview says) as one message-log entry; `chat` is the chat chosen from a Telegram
    /// export of all chats.
    public func importChatJson(
        path: String,
        format: ImportFormat,
        senders: [String],
        chat: String? = nil,
        people: [UInt64] = [],
        onProgress: ProgressHandler? = nil
    ) async throws -> ImportSummary {
        let (ffi, zone) = (self.ffi, self.zone)
        return try await withProgress(onProgress) {
            try ffi.importChatJson(
                path: path, format: format, senders: senders, chat: chat, timeZone: zone, people: people, listener: $0
            )
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

public extension FormOutcome {
    /// The field errors of a refused form, or none.
    var errors: [FieldError] {
        if case let .refused(errors) = self { return errors }
        return []
    }

    /// The new entry's number, when the form was saved.
    var savedSeq: UInt64? {
        if case let .saved(seq) = self { return seq }
        return nil
    }
}
