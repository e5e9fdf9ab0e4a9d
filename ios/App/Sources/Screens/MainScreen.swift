// MainScreen: the open diary's navigation, mirroring Android's — Timeline, Record (quick
// capture, the screen it opens on: the reason to open the app in a hurry) and More (the
// full form, people, orders, police contacts, what the share extension received, the
// summary, sharing evidence, settings) — with quick exit in every screen's toolbar and the
// session's message banner under every screen.
import SwiftUI
import Tally

struct MainScreen: View {
    @EnvironmentObject private var model: AppModel
    @EnvironmentObject private var session: DiarySession
    @State private var tab = Tab.record

    private enum Tab { case timeline, record, more }

    var body: some View {
        TabView(selection: $tab) {
            NavigationStack {
                TimelineScreen().quickExitButton(model.quickExit)
            }
            .tabItem { Label("nav_timeline", systemImage: "list.bullet.rectangle") }
            .tag(Tab.timeline)

            NavigationStack {
                IncidentFormScreen(full: false).quickExitButton(model.quickExit)
            }
            .tabItem { Label("nav_capture", systemImage: "square.and.pencil") }
            .tag(Tab.record)

            NavigationStack {
                MoreScreen().quickExitButton(model.quickExit)
            }
            .tabItem { Label("nav_more", systemImage: "ellipsis.circle") }
            .badge(session.inbox.count)
            .tag(Tab.more)
        }
        .safeAreaInset(edge: .top, spacing: 0) {
            VStack(spacing: 0) {
                if let missing = session.missing {
                    // The core found this copy older than the one this phone last opened.
                    Label(text("rollback_notice", Int(missing)), systemImage: "exclamationmark.triangle")
                        .font(.callout)
                        .padding()
                        .frame(maxWidth: .infinity, alignment: .leading)
                        .background(Color.orange.opacity(0.2))
                }
                SessionMessage()
            }
        }
    }
}

@MainActor
private struct MoreScreen: View {
    @EnvironmentObject private var model: AppModel
    @EnvironmentObject private var session: DiarySession

    var body: some View {
        List {
            if !session.inbox.isEmpty {
                Section("import_received") {
                    ForEach(session.inbox) { item in
                        NavigationLink {
                            ReceivedFileScreen(item: item).quickExitButton(model.quickExit)
                        } label: {
                            Label(item.fileName, systemImage: "tray.and.arrow.down")
                        }
                        .swipeActions { Button("inbox_discard", role: .destructive) { session.discard(item) } }
                    }
                }
            }
            Section {
                link("nav_full_form", "doc.text") { IncidentFormScreen(full: true) }
                link("nav_people", "person.2") { RecordsScreen(kind: .person) }
                link("nav_orders", "doc.plaintext") { RecordsScreen(kind: .order) }
                link("nav_police", "shield") { RecordsScreen(kind: .policeContact) }
            }
            Section {
                link("nav_summary", "chart.bar") { SummaryScreen() }
                link("nav_export", "square.and.arrow.up") { ExportEvidenceScreen() }
            }
            Section {
                link("nav_settings", "gearshape") { SettingsScreen() }
            }
        }
        .navigationTitle(Text("nav_more"))
        .onAppear(perform: session.refreshInbox)
    }

    private func link<Destination: View>(
        _ titleKey: LocalizedStringKey, _ icon: String, @ViewBuilder _ destination: () -> Destination
    ) -> some View {
        NavigationLink {
            destination().quickExitButton(model.quickExit)
        } label: {
            Label(titleKey, systemImage: icon)
        }
    }
}
