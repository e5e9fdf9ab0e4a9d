// ShareSheet: an evidence pack or a backup leaves the phone only through the system share
// sheet the victim opens (UIActivityViewController; SwiftUI's ShareLink has no completion
// callback). The file is deleted as soon as the sheet finishes, shared or not: the
// destination (Mail, Files, AirDrop, a messaging app) has its own copy by then, and a file
// left on the phone is exactly what must not be found. Any left by a crash is removed with
// the other temporary files on the next launch or lock. FileForSharing is the writing
// before it: into the protected temporary folder, with progress and Stop, under the name
// the file should travel with.
import SwiftUI
import Tally
import UIKit

/// A file being written for the share sheet, then waiting for it.
@MainActor
final class FileForSharing: ObservableObject {
    /// A file written and waiting for the share sheet.
    struct Written: Identifiable {
        let id = UUID()
        let url: URL
    }

    let progress = WorkProgress()
    @Published private(set) var writing = false
    /// Set when the file is ready; the screen shows the share sheet for it.
    @Published var written: Written?
    private var task: Task<Void, Never>?

    /// Writes with `write(diary, path, onProgress)` to a fresh path in the protected
    /// temporary folder, renames the file as `name(summary)` says, hands `summary` to
    /// `done`, and asks the lock policy's hold for the share sheet about to open.
    func start<Summary>(
        in session: DiarySession,
        write: @escaping (TallyDiary, String, @escaping ProgressHandler) async throws -> Summary,
        name: @escaping (Summary) -> (path: String, name: String),
        done: @escaping (Summary) -> Void
    ) {
        let out = session.storage.temporaryURL(named: UUID().uuidString)
        let onProgress = progress.handler
        writing = true
        task = session.spawn { [weak self] in
            defer {
                self?.writing = false
                self?.progress.update(done: 0, total: nil)
            }
            guard let summary = await session.run({ diary in try await write(diary, out.path, onProgress) }) else { return }
            let (path, travelsAs) = name(summary)
            let file = URL(fileURLWithPath: path)
            let named = (try? session.storage.renameTemporary(file, to: travelsAs)) ?? file
            done(summary)
            session.holdForExternal()
            self?.written = Written(url: named)
        }
    }

    /// Stops the writing at the library's next safe point; it leaves nothing.
    func stop() { task?.cancel() }
}

struct ShareSheet: UIViewControllerRepresentable {
    let file: URL
    let onFinish: (_ shared: Bool) -> Void

    func makeUIViewController(context: Context) -> UIActivityViewController {
        let sheet = UIActivityViewController(activityItems: [file], applicationActivities: nil)
        // Destinations that would keep the pack somewhere a phone's other users browse.
        sheet.excludedActivityTypes = [.assignToContact, .addToReadingList, .saveToCameraRoll, .print]
        sheet.completionWithItemsHandler = { _, completed, _, _ in
            try? FileManager.default.removeItem(at: file)
            onFinish(completed)
        }
        return sheet
    }

    func updateUIViewController(_ uiViewController: UIActivityViewController, context: Context) {}
}
