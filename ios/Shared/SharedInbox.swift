// SharedInbox: the hand-over between the share extension and the app. The extension cannot
// open the diary (it has no passphrase and must stay within its small memory limit), so it
// copies what was shared — a chat export, a screenshot, a photo — into the app group's
// container, one folder per item keeping the original file name, and the app takes each
// item into the diary after the next unlock and deletes it. The folder is protected and out
// of backups like every other (ProtectedFolder).
import Foundation

struct SharedInbox {
    /// The app group both targets name in their entitlements; Info.plist carries it as
    /// `TallyAppGroup` so it is written once, in project.yml.
    static var appGroup: String? { Bundle.main.object(forInfoDictionaryKey: "TallyAppGroup") as? String }

    let folder: ProtectedFolder

    /// The inbox, or nil when the app group is not set up (a build without the
    /// entitlement): nothing is then accepted, rather than written somewhere unprotected.
    static func open() -> SharedInbox? {
        guard let group = appGroup,
              let container = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: group),
              let folder = try? ProtectedFolder(container.appendingPathComponent("Inbox", isDirectory: true))
        else { return nil }
        return SharedInbox(folder: folder)
    }

    /// One shared file waiting for the diary.
    struct Item: Identifiable, Hashable {
        let id: String
        let file: URL
        var fileName: String { file.lastPathComponent }
    }

    /// Copies `source` in under its original `fileName`. Called by the extension while the
    /// system still holds the source (its URL is only valid inside the loading callback).
    func accept(_ source: URL, fileName: String) throws {
        let item = try folder.folder(UUID().uuidString)
        // Only the last path component: a shared item's name is outside data.
        let name = (fileName as NSString).lastPathComponent
        try item.copy(source, as: name.isEmpty ? source.lastPathComponent : name)
    }

    /// Text shared on its own (no file) is kept as a .txt file.
    func accept(text: String) throws {
        let item = try folder.folder(UUID().uuidString)
        try item.write(Data(text.utf8), to: "shared.txt")
    }

    /// What is waiting, oldest first.
    func pending() -> [Item] {
        folder.contents()
            .compactMap { dir -> (Date, Item)? in
                guard let file = try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).first
                else { return nil }
                let made = (try? dir.resourceValues(forKeys: [.creationDateKey]).creationDate) ?? .distantPast
                return (made, Item(id: dir.lastPathComponent, file: file))
            }
            .sorted { $0.0 < $1.0 }
            .map(\.1)
    }

    /// Deletes an item once the diary holds it (or the victim discarded it).
    func remove(_ item: Item) {
        try? FileManager.default.removeItem(at: folder.url.appendingPathComponent(item.id, isDirectory: true))
    }
}
