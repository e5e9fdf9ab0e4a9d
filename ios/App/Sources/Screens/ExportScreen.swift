// ExportEvidenceScreen: sharing evidence. The victim chooses what to disclose — a period, a
// person, kinds of entry, categories of incident, single entries — in the core's own
// DisclosureChoices; before anything is written the screen draws the core's export screen
// over the pack's disclosure plan: every entry going out and why (chosen, named by an
// entry, a correction or removal of one), how many are withheld, and the problems with the
// choices beside them. Then the pack is written, with progress and a Stop that leaves
// nothing, named by the core after its bag, and handed to the system share sheet, which
// deletes it when it closes. The key's fingerprint is shown, so the victim can read it to
// whoever receives the pack.
import SwiftUI
import Tally

@MainActor
struct ExportEvidenceScreen: View {
    @EnvironmentObject private var session: DiarySession
    @StateObject private var pack = FileForSharing()
    @State private var choices = DisclosureChoices()
    @State private var screen: ExportScreen?
    @State private var people: [PersonRef] = []
    @State private var candidates: [TimelineItem] = []
    /// The diary's first and last days, where the period pickers start.
    @State private var days: (first: String, last: String)?
    @State private var lastSummary: ExportSummary?

    /// A kind of entry that can be chosen, with its name here.
    private struct KindChoice {
        let kind: EntryKind
        let key: LocalizedStringKey
    }

    private static let kinds = [
        KindChoice(kind: .incident, key: "export_kind_incidents"),
        KindChoice(kind: .policeContact, key: "nav_police"),
        KindChoice(kind: .order, key: "nav_orders"),
        KindChoice(kind: .messageLog, key: "export_kind_chats"),
        KindChoice(kind: .person, key: "nav_people"),
    ]

    var body: some View {
        List {
            Section {
                Text("export_explain").foregroundStyle(.secondary)
            }
            if let days {
                Section {
                    Toggle("export_period_from", isOn: Binding(get: { choices.from != nil }, set: { choices.from = $0 ? days.first : nil }))
                    if choices.from != nil {
                        DayPicker(titleKey: "export_period_from", day: Binding(get: { choices.from ?? days.first }, set: { choices.from = $0 }))
                    }
                    Toggle("export_period_to", isOn: Binding(get: { choices.to != nil }, set: { choices.to = $0 ? days.last : nil }))
                    if choices.to != nil {
                        DayPicker(titleKey: "export_period_to", day: Binding(get: { choices.to ?? days.last }, set: { choices.to = $0 }))
                    }
                    FieldErrorsView(errors: screen?.errors ?? [], field: .endDate)
                }
            }
            Section {
                PersonPicker(
                    titleKey: "export_person", noneKey: "timeline_filter_everyone", people: people,
                    selection: Binding(get: { choices.people.first }, set: { choices.people = $0.map { [$0] } ?? [] })
                )
            }
            Section {
                ForEach(Self.kinds, id: \.kind) { choice in
                    Toggle(choice.key, isOn: Binding(get: { choices.kinds.contains(choice.kind) }, set: { on in
                        choices.kinds.removeAll { $0 == choice.kind }
                        if on { choices.kinds.append(choice.kind) }
                    }))
                }
            } header: {
                Text("export_kinds")
            } footer: {
                Text("export_kinds_explained")
            }
            Section {
                CategoryChips(choices: session.choices.categories, selected: choices.categories) { category in
                    if let at = choices.categories.firstIndex(of: category) {
                        choices.categories.remove(at: at)
                    } else {
                        choices.categories.append(category)
                    }
                }
            } header: {
                Text("export_categories")
            }
            Section {
                NavigationLink {
                    EntryChooser(candidates: candidates, selection: $choices.entries)
                } label: {
                    LabeledContent {
                        Text(verbatim: String(choices.entries.count))
                    } label: {
                        Text("export_entries")
                    }
                }
            }
            plan
            Section {
                if pack.writing {
                    ProgressRow(progress: pack.progress)
                    Text("export_progress")
                    Button("export_cancel", role: .cancel) { pack.stop() }
                } else {
                    Button("export_button") { write() }
                        .disabled(screen?.ready != true)
                }
                if let summary = lastSummary {
                    Text(verbatim: text("export_written", Int(summary.disclosed), Int(summary.withheld)))
                    LabeledContent {
                        Text(verbatim: summary.fingerprint).font(.footnote.monospaced())
                    } label: {
                        Text("export_fingerprint")
                    }
                }
            }
        }
        .navigationTitle(Text("export_title"))
        .task(id: session.revision) { await load() }
        .task(id: choices) {
            let choices = self.choices
            screen = await session.run { diary in try await diary.exportScreen(choices) } ?? screen
        }
        .sheet(item: $pack.written) { written in
            ShareSheet(file: written.url) { _ in pack.written = nil }
        }
    }

    /// What the pack would carry, before anything is written: the core's export screen.
    @ViewBuilder private var plan: some View {
        if let screen {
            Section {
                Text(verbatim: screen.summary)
                // The period's problems stand beside the period, above.
                OtherErrorsView(errors: screen.errors, shown: [.endDate])
                ForEach(screen.goingOut, id: \.item.seq) { planned in
                    VStack(alignment: .leading, spacing: 2) {
                        ItemRow(item: planned.item)
                        Text(verbatim: planned.whyText).font(.caption).foregroundStyle(.secondary)
                    }
                }
            } header: {
                Text("export_plan")
            }
        } else {
            Section { ProgressView() }
        }
    }

    private func load() async {
        guard let read = await session.run({ diary in (try await diary.people(), try await diary.timeline()) }) else { return }
        people = read.0
        candidates = read.1.days.flatMap(\.items)
        // Days come newest first.
        if let last = read.1.days.first?.date, let first = read.1.days.last?.date { days = (first, last) }
    }

    private func write() {
        let options = ExportOptions(choices: choices)
        lastSummary = nil
        pack.start(
            in: session,
            write: { diary, path, onProgress in try await diary.exportPack(to: path, options: options, onProgress: onProgress) },
            // The core names the pack after its bag; the share sheet shows that name.
            name: { summary in (summary.path, summary.bagName + ".zip") },
            done: { summary in lastSummary = summary }
        )
    }
}

/// Single entries to disclose, ticked one by one from the timeline.
private struct EntryChooser: View {
    let candidates: [TimelineItem]
    @Binding var selection: [UInt64]

    var body: some View {
        List(candidates, id: \.seq) { item in
            Button {
                if let at = selection.firstIndex(of: item.seq) {
                    selection.remove(at: at)
                } else {
                    selection.append(item.seq)
                }
            } label: {
                HStack {
                    ItemRow(item: item).foregroundStyle(.primary)
                    Spacer()
                    if selection.contains(item.seq) { Image(systemName: "checkmark").foregroundStyle(.tint) }
                }
            }
            .accessibilityAddTraits(selection.contains(item.seq) ? .isSelected : [])
        }
        .navigationTitle(Text("export_entries"))
    }
}
