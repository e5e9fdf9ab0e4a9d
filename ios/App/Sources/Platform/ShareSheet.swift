// ShareSheet: an evidence pack leaves the phone only through the system share sheet the
// victim opens (UIActivityViewController; SwiftUI's ShareLink has no completion callback).
// The pack file is deleted as soon as the sheet finishes, shared or not: the destination
// (Mail, Files, AirDrop, a messaging app) has its own copy by then, and a readable zip left
// on the phone is exactly what must not be found. Any pack left by a crash is removed with
// the other temporary files on the next launch or lock.
import SwiftUI
import UIKit

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
