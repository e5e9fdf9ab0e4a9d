// DiarySession: one unlocked diary and what the open screens share — the choices the forms
// offer, the files the share extension left, a message banner, and a revision that bumps
// after every save so the lists on screen read the diary again. Every diary call goes
// through `run` (or `call` for the core's quick synchronous reviews): a failure becomes a
// message key, never the error's technical reason, and a result that arrives after the
// diary locked is dropped. Work started by a button (a save, an import, an export) is
// `spawn`ed, so locking cancels it; the library then stops at its next safe point and
// writes nothing.
//
// When AppModel locks, it closes the session and lets it go: every screen drawing it goes
// with it, and with them everything the victim wrote that was on screen.
import Foundation
import SwiftUI
import Tally

@MainActor
final class DiarySession: ObservableObject {
    let diary: TallyDiary
    /// What the forms offer to pick from, labelled in the device's language.
    let choices: Choices
    let storage: DiaryStorage
    /// Entries missing from this copy of the diary, when it is older than the one this
    /// phone last saw (it is then read-only).
    let missing: UInt64?
    /// A message for the open screens (a string key), until dismissed.
    @Published var message: String?
    /// Files the share extension left for the diary, oldest first.
    @Published private(set) var inbox: [SharedInbox.Item] = []
    /// Bumped after every save, so lists on screen read the diary again.
    @Published private(set) var revision = 0
    /// False once locked: calls are refused and late results dropped.
    private(set) var isOpen = true

    private var tasks: [UUID: Task<Void, Never>] = [:]
    private let heads: DeviceHeadStore
    private let onActivity: () -> Void
    private let onExternal: () -> Void

    init(
        diary: TallyDiary,
        storage: DiaryStorage,
        heads: DeviceHeadStore,
        missing: UInt64?,
        onActivity: @escaping () -> Void,
        onExternal: @escaping () -> Void
    ) {
        self.diary = diary
        self.storage = storage
        self.heads = heads
        self.missing = missing
        self.onActivity = onActivity
        self.onExternal = onExternal
        choices = diary.choices()
        refreshInbox()
    }

    /// Runs a diary call. Returns its result, or nil when it failed (the banner says why)
    /// or the diary locked while it ran.
    func run<T>(_ work: (TallyDiary) async throws -> T) async -> T? {
        guard isOpen else { return nil }
        do {
            let value = try await work(diary)
            return isOpen ? value : nil
        } catch {
            if isOpen, !Self.isCancellation(error) { message = messageKey(for: error) }
            return nil
        }
    }

    /// The same for the core's quick synchronous calls: reviews and new drafts.
    func call<T>(_ work: (TallyDiary) throws -> T) -> T? {
        guard isOpen else { return nil }
        do {
            return try work(diary)
        } catch {
            message = messageKey(for: error)
            return nil
        }
    }

    /// Starts work that must not stop when the button that began it scrolls away, but must
    /// stop when the diary locks. The task is returned for a Cancel button.
    @discardableResult
    func spawn(_ work: @escaping @MainActor () async -> Void) -> Task<Void, Never>? {
        guard isOpen else { return nil }
        let id = UUID()
        let task = Task { [weak self] in
            await work()
            self?.tasks[id] = nil
        }
        tasks[id] = task
        return task
    }

    /// The victim did something (typed into a form): the idle lock counts from now.
    func touch() { onActivity() }

    /// The app is about to show the camera, photo picker or share sheet.
    func holdForExternal() { onExternal() }

    /// Something was saved: lists read the diary again, and this phone keeps the diary's
    /// new head (the core hands back the old one unchanged under the duress passphrase, or
    /// when this copy fell short of it).
    func changed() {
        revision += 1
        let (diary, heads) = (self.diary, self.heads)
        spawn {
            if let head = try? await diary.deviceHead() { heads.store(head) }
        }
    }

    func refreshInbox() {
        guard isOpen else { return }
        inbox = SharedInbox.open()?.pending() ?? []
    }

    /// Deletes a shared file: taken into the diary, or not wanted.
    func discard(_ item: SharedInbox.Item) {
        SharedInbox.open()?.remove(item)
        refreshInbox()
    }

    /// Locks: refuses further calls, cancels running work, and has the library wipe the
    /// keys. The library waits for a running call to reach its next safe point before it
    /// locks, so that wait happens off the main thread: the screen goes dark at once.
    func close() {
        guard isOpen else { return }
        isOpen = false
        for task in tasks.values { task.cancel() }
        tasks = [:]
        inbox = []
        message = nil
        let diary = self.diary
        DispatchQueue.global(qos: .userInitiated).async { diary.close() }
    }

    /// A cancelled call wrote nothing and needs no message.
    private static func isCancellation(_ error: Error) -> Bool {
        if error is CancellationError { return true }
        if let failure = error as? TallyApiError, case .Cancelled = failure { return true }
        return false
    }
}
