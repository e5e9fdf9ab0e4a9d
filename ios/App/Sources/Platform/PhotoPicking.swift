// PhotoPicking: photos and screenshots chosen with PhotosPicker, which runs outside the app
// and needs no photo-library permission. Each item is loaded as Data in its current encoding
// (`.current`: the original bytes, not a converted copy) and handed to the core with its
// media type and a file name from its content type; nothing is written to disk here.
import PhotosUI
import SwiftUI
import UniformTypeIdentifiers

/// One picked image, as the core will receive it.
struct PickedImage {
    let bytes: Data
    let mediaType: String?
    let fileName: String?
}

struct PhotoPickerButton: View {
    let onPicked: (PickedImage) -> Void
    @State private var selection: [PhotosPickerItem] = []

    var body: some View {
        PhotosPicker(
            selection: $selection,
            maxSelectionCount: 10,
            matching: .images,
            preferredItemEncoding: .current
        ) {
            Label("capture_attach_photo", systemImage: "photo.on.rectangle")
        }
        .onChange(of: selection) { items in
            guard !items.isEmpty else { return }
            selection = []
            Task { await load(items) }
        }
    }

    private func load(_ items: [PhotosPickerItem]) async {
        for item in items {
            guard let bytes = try? await item.loadTransferable(type: Data.self) else { continue }
            let type = item.supportedContentTypes.first
            let name = type?.preferredFilenameExtension.map { "photo.\($0)" }
            await MainActor.run { onPicked(PickedImage(bytes: bytes, mediaType: type?.preferredMIMEType, fileName: name)) }
        }
    }
}
