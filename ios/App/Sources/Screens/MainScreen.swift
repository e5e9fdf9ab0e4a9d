// MainScreen: the open diary's navigation, mirroring Android's (Timeline, Record, More), with
// quick exit in every screen's toolbar. Screens that draw the core's views are placeholders
// until those views are bound; each names the view it will draw.
import SwiftUI

struct MainScreen: View {
    @EnvironmentObject private var model: AppModel

    var body: some View {
        TabView {
            NavigationStack {
                // Draws view::timeline (day groups, status: current, amended, removed).
                PlaceholderScreen(title: "timeline_title")
                    .quickExitButton(model.quickExit)
            }
            .tabItem { Label("nav_timeline", systemImage: "list.bullet.rectangle") }

            NavigationStack {
                RecordScreen().quickExitButton(model.quickExit)
            }
            .tabItem { Label("nav_capture", systemImage: "square.and.pencil") }

            NavigationStack {
                MoreScreen().quickExitButton(model.quickExit)
            }
            .tabItem { Label("nav_more", systemImage: "ellipsis.circle") }
        }
    }
}

private struct MoreScreen: View {
    @EnvironmentObject private var model: AppModel

    var body: some View {
        List {
            if !model.inbox.isEmpty {
                Section("import_received") {
                    ForEach(model.inbox) { item in
                        // Draws view::import (format, senders, the day/month question).
                        Text(verbatim: item.fileName)
                            .swipeActions { Button("inbox_discard", role: .destructive) { model.discard(item) } }
                    }
                }
            }
            // Draws view::forms and view::timeline filtered by kind.
            NavigationLink("nav_people") { PlaceholderScreen(title: "people_title") }
            NavigationLink("nav_orders") { PlaceholderScreen(title: "orders_title") }
            NavigationLink("nav_police") { PlaceholderScreen(title: "police_title") }
            // Draws view::summary.
            NavigationLink("nav_summary") { PlaceholderScreen(title: "summary_title") }
            // Draws the export screen (the disclosure plan), then ShareSheet.
            NavigationLink("nav_export") { PlaceholderScreen(title: "export_title") }
            // Draws view::incident (the full form).
            NavigationLink("nav_full_form") { PlaceholderScreen(title: "incident_form_title") }
            NavigationLink("nav_settings") { SettingsScreen() }
        }
        .navigationTitle(Text("nav_more"))
        .onAppear(perform: model.refreshInbox)
    }
}

/// Quick capture's platform half: the camera and the photo picker, attaching as they go.
/// The draft itself (time pre-filled, category, clock-change question) is view::incident.
private struct RecordScreen: View {
    @EnvironmentObject private var model: AppModel
    @State private var cameraShown = false

    var body: some View {
        List {
            Section {
                Button { cameraShown = true } label: { Label("capture_take_photo", systemImage: "camera") }
                PhotoPickerButton { picked in
                    Task { await model.attach(picked.bytes, fileName: picked.fileName, mediaType: picked.mediaType) }
                }
            }
            Section {
                ForEach(Array(model.attached.enumerated()), id: \.offset) { index, _ in
                    Text(verbatim: text("photo_thumbnail", index + 1))
                }
            }
            ModelMessage()
        }
        .navigationTitle(Text("capture_title"))
        .fullScreenCover(isPresented: $cameraShown) {
            CameraScreen(
                onPhoto: { bytes in
                    cameraShown = false
                    Task { await model.attach(bytes, fileName: "photo.jpg", mediaType: "image/jpeg") }
                },
                onClose: { cameraShown = false }
            )
        }
    }
}

private struct SettingsScreen: View {
    @EnvironmentObject private var model: AppModel

    var body: some View {
        Form {
            if model.keys.isAvailable {
                Toggle("settings_biometric", isOn: Binding(
                    get: { model.biometricEnabled },
                    set: { on in Task { await model.setBiometric(on) } }
                ))
            }
            Picker("settings_disguise", selection: Binding(
                get: { model.disguise },
                set: { chosen in Task { await model.setDisguise(chosen) } }
            )) {
                ForEach(Disguise.allCases) { Text($0.labelKey).tag($0) }
            }
            Section {
                Button("settings_quick_exit", role: .destructive, action: model.quickExit)
            } footer: {
                Text("settings_quick_exit_explained")
            }
        }
        .navigationTitle(Text("settings_title"))
    }
}

/// Stands where a screen will draw a core view.
struct PlaceholderScreen: View {
    let title: LocalizedStringKey

    var body: some View {
        Text("placeholder_body")
            .foregroundStyle(.secondary)
            .frame(maxWidth: .infinity, maxHeight: .infinity)
            .navigationTitle(Text(title))
    }
}

extension View {
    /// The quick-exit control every open screen carries.
    func quickExitButton(_ action: @escaping () -> Void) -> some View {
        toolbar {
            ToolbarItem(placement: .navigationBarTrailing) {
                Button(action: action) { Image(systemName: "xmark.octagon") }
                    .accessibilityLabel(Text("quick_exit"))
            }
        }
    }
}
