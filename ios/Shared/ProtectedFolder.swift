// ProtectedFolder: the one way this app and its share extension make folders and files.
// Everything is created with FileProtectionType.complete (unreadable while the phone is
// locked, even to the app itself) and kept out of iCloud and computer backups, which could
// land in an account the stalker shares. A folder's protection is the default for every file
// made inside it later, which is how the files the Rust library writes itself (SQLite's
// -wal and -shm, a pack being written) get the same class.
import Foundation

struct ProtectedFolder {
    let url: URL

    /// Creates the folder (and any missing parents) protected and excluded from backup;
    /// re-applies both if it already existed, since some file operations reset the backup
    /// flag.
    init(_ url: URL) throws {
        let files = FileManager.default
        try files.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.protectionKey: FileProtectionType.complete])
        try files.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: url.path)
        try Self.excludeFromBackup(url)
        self.url = url
    }

    /// A subfolder, protected the same way.
    func folder(_ name: String) throws -> ProtectedFolder {
        try ProtectedFolder(url.appendingPathComponent(name, isDirectory: true))
    }

    /// Writes `data` to a new file `name` in this folder, protected; never over a file.
    @discardableResult
    func write(_ data: Data, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name, isDirectory: false)
        // `.withoutOverwriting` cannot be combined with `.atomic`.
        try data.write(to: file, options: [.completeFileProtection, .withoutOverwriting])
        try Self.excludeFromBackup(file)
        return file
    }

    /// Copies the file at `source` into this folder as `name`, protected.
    @discardableResult
    func copy(_ source: URL, as name: String) throws -> URL {
        let file = url.appendingPathComponent(name, isDirectory: false)
        try FileManager.default.copyItem(at: source, to: file)
        // A copy keeps the source's protection class; give it this folder's.
        try FileManager.default.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: file.path)
        try Self.excludeFromBackup(file)
        return file
    }

    /// Gives a file in this folder a new name in it (a pack named after its bag once
    /// written); the folder's protection and the backup flag are applied again.
    @discardableResult
    func rename(_ file: URL, to name: String) throws -> URL {
        let renamed = url.appendingPathComponent((name as NSString).lastPathComponent, isDirectory: false)
        try FileManager.default.moveItem(at: file, to: renamed)
        try FileManager.default.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: renamed.path)
        try Self.excludeFromBackup(renamed)
        return renamed
    }

    /// Marks a file the app keeps (the diary itself) after the library created it.
    func protect(_ file: URL) throws {
        try FileManager.default.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: file.path)
        try Self.excludeFromBackup(file)
    }

    /// The files and folders directly inside.
    func contents() -> [URL] {
        (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []
    }

    /// Removes everything inside, keeping the folder. Used for temporary files on launch
    /// and on every lock, so nothing readable outlives the session that made it.
    func empty() {
        for item in contents() { try? FileManager.default.removeItem(at: item) }
    }

    private static func excludeFromBackup(_ url: URL) throws {
        var target = url
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try target.setResourceValues(values)
    }
}
