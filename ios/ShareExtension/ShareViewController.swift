// ShareViewController: the share extension ("Share > Tally" from WhatsApp's Export chat,
// Photos, a screenshot). It copies each shared file into the app group's SharedInbox and
// says so; the app takes the files into the diary after its next unlock. It never opens the
// diary, links no Rust, and keeps no copy of its own: the system's staged file is only read
// inside its loading callback, and the inbox copy is protected and out of backups.
import UIKit
import UniformTypeIdentifiers

final class ShareViewController: UIViewController {
    private let status = UILabel()

    override func viewDidLoad() {
        super.viewDidLoad()
        view.backgroundColor = .systemBackground
        status.numberOfLines = 0
        status.textAlignment = .center
        status.font = .preferredFont(forTextStyle: .body)
        status.text = NSLocalizedString("share_saving", comment: "")
        status.translatesAutoresizingMaskIntoConstraints = false
        view.addSubview(status)
        NSLayoutConstraint.activate([
            status.centerYAnchor.constraint(equalTo: view.centerYAnchor),
            status.leadingAnchor.constraint(equalTo: view.layoutMarginsGuide.leadingAnchor),
            status.trailingAnchor.constraint(equalTo: view.layoutMarginsGuide.trailingAnchor),
        ])
    }

    override func viewDidAppear(_ animated: Bool) {
        super.viewDidAppear(animated)
        Task { await receive() }
    }

    private func receive() async {
        guard let inbox = SharedInbox.open() else {
            finish("share_failed")
            return
        }
        let providers = (extensionContext?.inputItems as? [NSExtensionItem] ?? []).flatMap { $0.attachments ?? [] }
        var saved = 0
        for provider in providers {
            if await keep(provider, in: inbox) { saved += 1 }
        }
        finish(saved > 0 ? "share_saved" : "share_failed")
    }

    /// The most specific kind first: a chat export is a zip or a text file, then images,
    /// then any file at all; text shared without a file is kept as text.
    private func keep(_ provider: NSItemProvider, in inbox: SharedInbox) async -> Bool {
        let kinds: [UTType] = [.zip, .plainText, .image, .data]
        for kind in kinds where provider.hasItemConformingToTypeIdentifier(kind.identifier) {
            if await copyFile(provider, kind: kind, into: inbox) { return true }
        }
        if provider.hasItemConformingToTypeIdentifier(UTType.plainText.identifier) {
            return await copyText(provider, into: inbox)
        }
        return false
    }

    private func copyFile(_ provider: NSItemProvider, kind: UTType, into inbox: SharedInbox) async -> Bool {
        await withCheckedContinuation { done in
            _ = provider.loadFileRepresentation(forTypeIdentifier: kind.identifier) { url, _ in
                // The staged file is deleted when this callback returns: copy it now.
                guard let url else { return done.resume(returning: false) }
                let name = provider.suggestedName.map { name in
                    (name as NSString).pathExtension.isEmpty ? name + "." + url.pathExtension : name
                } ?? url.lastPathComponent
                done.resume(returning: (try? inbox.accept(url, fileName: name)) != nil)
            }
        }
    }

    private func copyText(_ provider: NSItemProvider, into inbox: SharedInbox) async -> Bool {
        await withCheckedContinuation { done in
            provider.loadItem(forTypeIdentifier: UTType.plainText.identifier) { item, _ in
                guard let text = item as? String else { return done.resume(returning: false) }
                done.resume(returning: (try? inbox.accept(text: text)) != nil)
            }
        }
    }

    private func finish(_ key: String) {
        status.text = NSLocalizedString(key, comment: "")
        // Long enough to read; the sheet then closes by itself.
        DispatchQueue.main.asyncAfter(deadline: .now() + 1.2) { [weak self] in
            self?.extensionContext?.completeRequest(returningItems: nil)
        }
    }
}
