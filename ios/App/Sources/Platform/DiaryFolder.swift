// DiaryFolder: the DiaryStorage of the real app. The diary lives in Application Support (not
// Documents, which the Files app can show), in a folder made by ProtectedFolder; temporary
// files (a pack on its way to the share sheet) live in a subfolder emptied on every lock.
import Foundation

final class DiaryFolder: DiaryStorage {
    private let root: ProtectedFolder
    private let temporary: ProtectedFolder

    /// Fails only if Application Support cannot be created, which leaves nowhere safe to
    /// keep a diary: the app then shows the storage error rather than writing elsewhere.
    init() throws {
        let support = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        root = try ProtectedFolder(support.appendingPathComponent("Diary", isDirectory: true))
        temporary = try root.folder("tmp")
    }

    var diaryURL: URL { root.url.appendingPathComponent("tally.diary", isDirectory: false) }

    var diaryExists: Bool { FileManager.default.fileExists(atPath: diaryURL.path) }

    func temporaryURL(named name: String) -> URL {
        temporary.url.appendingPathComponent(name, isDirectory: false)
    }

    func renameTemporary(_ file: URL, to name: String) throws -> URL {
        try temporary.rename(file, to: name)
    }

    func protectDiary() {
        // The library creates the file inside the protected folder, so it already has the
        // folder's class; this re-asserts it and the backup flag, which Apple says some file
        // operations reset.
        try? root.protect(diaryURL)
    }

    func removeTemporaryFiles() { temporary.empty() }
}
