// Progress: how the wrapper runs the library's blocking calls. Every call leaves the
// caller's thread (the main actor must never wait on Argon2 or an export) and is awaited;
// long work additionally reports progress to a closure and stops when the awaiting task is
// cancelled, through the library's ProgressListener (asked at each safe point).
import Foundation

/// How far long work has got: `done` units (bytes, entries) of `total`, when known.
/// Called on the worker thread; hop to the main actor before touching UI state.
public typealias ProgressHandler = @Sendable (_ done: UInt64, _ total: UInt64?) -> Void

/// Runs blocking work on a global queue and resumes the awaiting task with its result.
func offMain<T>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// Runs a call that takes a listener off the caller's thread. Cancelling the awaiting task
/// makes the listener answer "stop" at the library's next safe point; the call then throws
/// `TallyApiError.Cancelled` and has written nothing.
func withProgress<T>(
    _ onProgress: ProgressHandler?,
    _ work: @escaping @Sendable (ProgressListener) throws -> T
) async throws -> T {
    let listener = TaskListener(onProgress: onProgress)
    return try await withTaskCancellationHandler {
        try await offMain { try work(listener) }
    } onCancel: {
        // Runs at once if the task was cancelled before the work started.
        listener.cancel()
    }
}

/// The listener handed to the library: forwards progress, and reports a cancellation set
/// from the task's cancellation handler (another thread), hence the lock.
final class TaskListener: ProgressListener, @unchecked Sendable {
    private let handler: ProgressHandler?
    private let lock = NSLock()
    private var cancelled = false

    init(onProgress: ProgressHandler?) { handler = onProgress }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    func onProgress(done: UInt64, total: UInt64?) { handler?(done, total) }

    func isCancelled() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
