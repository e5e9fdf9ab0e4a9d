// EntryDetailScreen: one entry in full — the core's entry-detail view: its headline and
// status, when it was sealed, every field labelled, its attachments, and its whole history
// (the first record, each correction, a removal, each with when and why). From here the
// victim corrects it (the core's correction draft, in the form of its kind) or removes its
// content (its hash stays, so the diary still verifies and shows that something was
// removed). Whether an entry can be corrected is the core's answer, shown as it gives it.
import SwiftUI
import Tally

@MainActor
struct EntryDetailScreen: View {
    let seq: UInt64
    @EnvironmentObject private var session: DiarySession
    @State private var detail: EntryDetail?
    @State private var correcting: Correction?
    @State private var refusal: [FieldError] = []
    @State private var removing = false
    @State private var removalReason = ""
    @State private var shown: ShownAttachment?

    var body: some View {
        List {
            if let detail {
                Section {
                    ItemRow(item: detail.item)
                    if let sealed = detail.sealed {
                        LabeledContent {
                            Text(verbatim: sealed.text)
                        } label: {
                            Text("detail_sealed")
                        }
                    }
                }
                Section {
                    ForEach(Array(detail.fields.enumerated()), id: \.offset) { _, field in
                        FieldLine(field: field)
                    }
                }
                if detail.attachments.contains(where: { $0.mediaType.hasPrefix("image/") }) {
                    Section("detail_attachments") {
                        ForEach(Array(detail.attachments.enumerated()), id: \.offset) { index, attachment in
                            // Only pictures are shown here; any file's details are in the
                            // fields above, and a video is never read whole into memory.
                            if attachment.mediaType.hasPrefix("image/") {
                                Button(text("detail_open_attachment", index + 1)) { open(attachment) }
                            }
                        }
                    }
                }
                Section("timeline_history") {
                    ForEach(detail.history, id: \.seq) { step in
                        HistoryStepView(step: step)
                    }
                }
                if canChange(detail.item) {
                    Section {
                        Button("detail_correct") { startCorrection() }
                        FieldErrorsView(errors: refusal, field: .target)
                        OtherErrorsView(errors: refusal, shown: [.target])
                        Button("detail_remove", role: .destructive) { removing = true }
                    }
                }
            } else {
                ProgressView()
            }
        }
        .navigationTitle(Text(verbatim: detail?.item.kindLabel ?? ""))
        .task(id: session.revision) {
            detail = await session.run { diary in try await diary.entryDetail(seq) } ?? detail
        }
        .sheet(item: $correcting) { correction in
            AmendmentScreen(draft: correction.draft).environmentObject(session)
        }
        .sheet(item: $shown) { attachment in
            AttachmentViewer(attachment: attachment)
        }
        .alert("detail_remove_title", isPresented: $removing) {
            TextField("detail_remove_reason", text: $removalReason).diaryText()
            Button("detail_remove_confirm", role: .destructive) { remove() }
            Button("record_cancel", role: .cancel) { removalReason = "" }
        } message: {
            Text("detail_remove_explained")
        }
    }

    /// A removed entry has nothing left to correct or remove; a damaged one cannot be read.
    private func canChange(_ item: TimelineItem) -> Bool {
        switch item.status {
        case .current, .amended: return true
        case .removed, .damaged: return false
        }
    }

    private func startCorrection() {
        session.spawn {
            switch await session.run({ diary in try await diary.amendmentDraft(seq) }) {
            case let .draft(draft)?:
                refusal = []
                correcting = Correction(draft: draft)
            case let .refused(errors)?:
                refusal = errors
            case nil:
                break
            }
        }
    }

    private func remove() {
        let reason = removalReason
        removalReason = ""
        session.spawn {
            if await session.run({ diary in try await diary.erase(seq, reason: reason.isEmpty ? nil : reason) }) != nil {
                session.changed()
            }
        }
    }

    private func open(_ attachment: AttachmentRef) {
        session.spawn {
            guard let bytes = await session.run({ diary in try await diary.readAttachment(attachment.sha256) }) else { return }
            shown = ShownAttachment(picture: Thumbnail.image(bytes, pixels: 2048))
        }
    }
}

/// One labelled line of an entry, as the core words it.
private struct FieldLine: View {
    let field: DetailField

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            Text(verbatim: field.label).font(.caption).foregroundStyle(.secondary)
            Text(verbatim: field.value)
        }
    }
}

/// One version of an entry: what it is and when ("Corrected on …"), its headline, why.
private struct HistoryStepView: View {
    let step: HistoryStep

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Label {
                Text(verbatim: step.text).font(.subheadline.weight(.semibold))
            } icon: {
                Image(systemName: icon)
            }
            if let headline = step.headline { Text(verbatim: headline) }
            if let reason = step.reason { Text(verbatim: reason).font(.footnote).foregroundStyle(.secondary) }
            ForEach(Array(step.fields.enumerated()), id: \.offset) { _, field in
                FieldLine(field: field)
            }
        }
        .padding(.vertical, 2)
    }

    private var icon: String {
        switch step.role {
        case .original: return "doc"
        case .correction: return "pencil"
        case .removal: return "trash"
        }
    }
}

/// An attachment being looked at: its picture when it is one. Held in memory only, and
/// dropped with the screen.
struct ShownAttachment: Identifiable {
    let id = UUID()
    let picture: UIImage?
}

private struct AttachmentViewer: View {
    let attachment: ShownAttachment
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        NavigationStack {
            Group {
                if let picture = attachment.picture {
                    Image(uiImage: picture).resizable().scaledToFit()
                } else {
                    Text("detail_attachment_not_shown").foregroundStyle(.secondary).padding()
                }
            }
            .frame(maxWidth: .infinity, maxHeight: .infinity)
            .toolbar {
                ToolbarItem(placement: .confirmationAction) { Button("form_done") { dismiss() } }
            }
        }
    }
}

/// A correction being written, shown in a sheet.
private struct Correction: Identifiable {
    let id = UUID()
    let draft: AmendmentDraft
}
