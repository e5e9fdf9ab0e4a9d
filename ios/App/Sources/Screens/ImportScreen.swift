// ImportScreen: a file the share extension received, taken into the diary. The core's
// import wizard reads it first and writes nothing: what kind of file it is, who is in it
// (the victim chooses whose messages matter), the day/month question only when the chat
// cannot prove its date order, and what reading it will keep, join and leave out. Then the
// import writes one message-log entry, with progress, and the screen links to it. A file
// that is not a chat (a photo, a screenshot, a letter) is recorded with a new incident
// instead, through the full form. Either way the inbox copy is deleted once the diary
// holds it.
import SwiftUI
import Tally

@MainActor
struct ReceivedFileScreen: View {
    let item: SharedInbox.Item
    @EnvironmentObject private var session: DiarySession
    @Environment(\.dismiss) private var dismiss
    @StateObject private var progress = WorkProgress()
    @State private var preview: ImportPreview?
    /// The file is not a chat the wizard can read.
    @State private var notAChat = false
    /// The day/month question, kept from the first reading: the answered reading asks none,
    /// and the victim may still change her answer.
    @State private var question: DateOrderQuestion?
    @State private var order: DateOrder?
    /// The chat chosen from a Telegram export of all chats.
    @State private var chat: String?
    @State private var chosen: Set<String> = []
    @State private var person: UInt64?
    @State private var people: [PersonRef] = []
    @State private var imported: ImportSummary?
    @State private var busy = false

    var body: some View {
        Form {
            Section {
                Label(item.fileName, systemImage: "doc")
            }
            if let imported {
                Section {
                    Text(verbatim: text("import_done", Int(imported.messages + imported.calls)))
                    NavigationLink("import_open_entry") { EntryDetailScreen(seq: imported.seq) }
                }
            } else if let preview {
                wizard(preview)
            } else if notAChat {
                Section {
                    NavigationLink("import_record_file") { IncidentFormScreen(full: true, received: item) }
                } footer: {
                    Text("import_not_a_chat")
                }
            } else {
                ProgressView()
            }
            Section {
                Button("inbox_discard", role: .destructive) {
                    session.discard(item)
                    dismiss()
                }
                .disabled(busy)
            }
        }
        .navigationTitle(Text("import_title"))
        .task { await start() }
        // The inbox copy goes once the diary holds it. Not before leaving this screen: the
        // inbox's list is what opened it, and the screen would close with its row.
        .onDisappear { if imported != nil { session.discard(item) } }
    }

    @ViewBuilder private func wizard(_ preview: ImportPreview) -> some View {
        Section {
            Text(verbatim: preview.formatLabel).font(.headline)
            ForEach(Array(preview.lines.enumerated()), id: \.offset) { _, line in Text(verbatim: line) }
            if let first = preview.first {
                LabeledContent { Text(verbatim: first.text) } label: { Text("import_first") }
            }
            if let last = preview.last {
                LabeledContent { Text(verbatim: last.text) } label: { Text("import_last") }
            }
        }
        if let question {
            Section {
                Picker(selection: $order) {
                    ForEach(question.choices, id: \.label) { choice in
                        Text(verbatim: choice.label).tag(Optional(choice.order))
                    }
                } label: {
                    Text(verbatim: question.text)
                }
                .pickerStyle(.inline)
                .onChange(of: order) { answer in reread(answer) }
            }
        }
        if !preview.chats.isEmpty {
            Section {
                Picker(selection: $chat) {
                    ForEach(preview.chats.compactMap(\.name), id: \.self) { name in
                        Text(verbatim: name).tag(Optional(name))
                    }
                } label: {
                    Text("import_choose_chat")
                }
                .pickerStyle(.inline)
                .onChange(of: chat) { _ in reread(order) }
            }
        }
        Section {
            ForEach(preview.senders, id: \.name) { sender in
                CheckRow(label: sender.contact.map { "\($0) (\(sender.name))" } ?? sender.name, checked: chosen.contains(sender.name)) {
                    if chosen.contains(sender.name) { chosen.remove(sender.name) } else { chosen.insert(sender.name) }
                }
            }
            if preview.sendersNotListed > 0 {
                Text(verbatim: text("import_senders_not_listed", Int(preview.sendersNotListed))).foregroundStyle(.secondary)
            }
        } header: {
            Text("import_choose_senders")
        }
        Section {
            PersonPicker(titleKey: "import_person", noneKey: "capture_person_none", people: people, selection: $person)
        }
        Section {
            if busy { ProgressRow(progress: progress) }
            Button("import_button") { run(preview) }
                // The counts and times above wait for the day/month answer; so does the import.
                .disabled(busy || (question != nil && order == nil) || preview.needsChat)
        }
    }

    private func start() async {
        guard preview == nil, !notAChat, imported == nil else { return }
        people = await session.run { diary in try await diary.people() } ?? []
        do {
            let first = try await session.diary.previewImport(path: item.file.path)
            question = first.dateOrderQuestion
            preview = first
        } catch {
            // Whatever the wizard cannot read as a chat can still be kept, as a file.
            notAChat = true
        }
    }

    private func reread(_ answer: DateOrder?) {
        let (path, chat) = (item.file.path, chat)
        session.spawn {
            if let again = await session.run({ diary in try await diary.previewImport(path: path, dateOrder: answer, chat: chat) }) {
                preview = again
            }
        }
    }

    private func run(_ preview: ImportPreview) {
        let path = item.file.path
        // In the file's order, busiest first, as the wizard listed them.
        let senders = preview.senders.map(\.name).filter(chosen.contains)
        let people = person.map { [$0] } ?? []
        let dateOrder = order ?? preview.dateOrder
        let progress = self.progress
        let onProgress = progress.handler
        busy = true
        session.spawn {
            defer {
                busy = false
                progress.update(done: 0, total: nil)
            }
            let summary = await session.run { diary -> ImportSummary in
                switch preview.format {
                case .smsBackup:
                    return try await diary.importSms(path: path, addresses: senders, people: people, onProgress: onProgress)
                case .whatsAppText, .whatsAppZip:
                    return try await diary.importWhatsApp(path: path, senders: senders, dateOrder: dateOrder, people: people, onProgress: onProgress)
                case .telegram, .instagram, .messenger:
                    return try await diary.importChatJson(
                        path: path, format: preview.format, senders: senders, chat: chat, people: people, onProgress: onProgress
                    )
                }
            }
            if let summary {
                imported = summary
                session.changed()
            }
        }
    }
}
