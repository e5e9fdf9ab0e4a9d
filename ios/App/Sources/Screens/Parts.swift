// Parts: the pieces several screens draw — a field's errors beside it, an entry as the
// timeline lists it, the clock-change question, pickers for a person and for categories,
// the message banner, and quick exit. Each draws what a core view says; none decides it.
import SwiftUI
import Tally

/// The core's problems with one field, each in its own sentence, beside the field.
struct FieldErrorsView: View {
    let errors: [FieldError]
    let field: Field

    var body: some View {
        ForEach(Array(errors.filter { $0.field == field }.enumerated()), id: \.offset) { _, error in
            Label {
                Text(verbatim: error.text)
            } icon: {
                Image(systemName: "exclamationmark.circle")
            }
            .font(.footnote)
            .foregroundStyle(.red)
        }
    }
}

/// The problems with fields this form does not draw (a field the core checks that has no
/// control here), so none is ever hidden.
struct OtherErrorsView: View {
    let errors: [FieldError]
    /// The fields the form shows, whose errors are drawn beside them.
    let shown: [Field]

    var body: some View {
        let others = errors.filter { !shown.contains($0.field) }
        ForEach(Array(others.enumerated()), id: \.offset) { _, error in
            Text(verbatim: error.text).font(.footnote).foregroundStyle(.red)
        }
    }
}

/// One entry as the timeline and the lists show it: its time as recorded, its kind or
/// category, its headline, and its status (corrected, removed, damaged) in the core's words.
struct ItemRow: View {
    let item: TimelineItem

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(verbatim: [item.time?.text, item.categoryLabel ?? item.kindLabel].compactMap { $0 }.joined(separator: " · "))
                .font(.caption)
                .foregroundStyle(.secondary)
            Text(verbatim: item.headline)
                .foregroundStyle(isRemoved ? Color.secondary : Color.primary)
            if let status = item.statusText {
                Label {
                    Text(verbatim: status)
                } icon: {
                    Image(systemName: statusIcon)
                }
                .font(.caption)
                .foregroundStyle(isDamaged ? Color.orange : Color.secondary)
            }
            if item.attachments > 0 {
                Label(text("timeline_attachments", Int(item.attachments)), systemImage: "paperclip")
                    .font(.caption)
                    .foregroundStyle(.secondary)
            }
        }
        .padding(.vertical, 2)
        .accessibilityElement(children: .combine)
    }

    private var isRemoved: Bool {
        if case .removed = item.status { return true }
        return false
    }

    private var isDamaged: Bool {
        if case .damaged = item.status { return true }
        return false
    }

    private var statusIcon: String {
        switch item.status {
        case .current: return "circle"
        case .amended: return "pencil"
        case .removed: return "trash"
        case .damaged: return "exclamationmark.triangle"
        }
    }
}

/// The question the core asks when the clocks changed around a time: it happened twice, or
/// never. The victim answers it; nothing is guessed.
struct ClockQuestionView: View {
    let question: ClockQuestion
    @Binding var answer: ClockAnswer?

    var body: some View {
        Picker(selection: $answer) {
            ForEach(question.choices, id: \.label) { choice in
                VStack(alignment: .leading) {
                    Text(verbatim: choice.label)
                    Text(verbatim: choice.time.text).font(.caption).foregroundStyle(.secondary)
                }
                .tag(Optional(choice.answer))
            }
        } label: {
            Text(verbatim: question.text)
        }
        .pickerStyle(.inline)
    }
}

/// One person, or none.
struct PersonPicker: View {
    let titleKey: LocalizedStringKey
    let noneKey: LocalizedStringKey
    let people: [PersonRef]
    @Binding var selection: UInt64?

    var body: some View {
        Picker(titleKey, selection: $selection) {
            Text(noneKey).tag(UInt64?.none)
            ForEach(people, id: \.seq) { person in
                Text(verbatim: person.name).tag(Optional(person.seq))
            }
        }
    }
}

/// Several people, each ticked or not.
struct PeopleChecklist: View {
    let people: [PersonRef]
    @Binding var selection: [UInt64]

    var body: some View {
        ForEach(people, id: \.seq) { person in
            CheckRow(label: person.name, checked: selection.contains(person.seq)) {
                if let at = selection.firstIndex(of: person.seq) {
                    selection.remove(at: at)
                } else {
                    selection.append(person.seq)
                }
            }
        }
    }
}

/// A row that ticks and unticks.
struct CheckRow: View {
    let label: String
    let checked: Bool
    let toggle: () -> Void

    var body: some View {
        Button(action: toggle) {
            HStack {
                Text(verbatim: label).foregroundStyle(.primary)
                Spacer()
                if checked { Image(systemName: "checkmark").foregroundStyle(.tint) }
            }
        }
        .accessibilityAddTraits(checked ? .isSelected : [])
    }
}

/// The categories as large buttons, for a thumb in a hurry. `selected` holds the chosen ones.
struct CategoryChips: View {
    let choices: [CategoryChoice]
    let selected: [Tally.Category]
    let toggle: (Tally.Category) -> Void

    var body: some View {
        LazyVGrid(columns: [GridItem(.adaptive(minimum: 140), spacing: 8)], spacing: 8) {
            ForEach(choices, id: \.label) { choice in
                let on = selected.contains(choice.value)
                Button { toggle(choice.value) } label: {
                    Text(verbatim: choice.label)
                        .frame(maxWidth: .infinity, minHeight: 44)
                }
                .buttonStyle(.bordered)
                .tint(on ? Color.accentColor : Color.secondary)
                .accessibilityAddTraits(on ? .isSelected : [])
            }
        }
        .padding(.vertical, 4)
    }
}

/// The open diary's message banner: what a failed call means for the victim.
struct SessionMessage: View {
    @EnvironmentObject private var session: DiarySession

    var body: some View {
        if let message = session.message {
            HStack(alignment: .top) {
                Text(LocalizedStringKey(message)).font(.callout)
                Spacer()
                Button { session.message = nil } label: { Image(systemName: "xmark") }
                    .accessibilityLabel(Text("notice_dismiss"))
            }
            .padding()
            .background(.thinMaterial)
        }
    }
}

/// A photo or file waiting to go into the diary with the entry being written. Photos from
/// the camera or picker are bytes in memory; a shared file is read from the inbox when the
/// entry is saved. Nothing is stored until the form holds.
struct PendingAttachment: Identifiable {
    enum Source {
        case bytes(Data, fileName: String?, mediaType: String?)
        case file(URL)
    }

    let id = UUID()
    let source: Source

    /// A small picture of it, when it is an image.
    var thumbnail: UIImage? {
        switch source {
        case let .bytes(data, _, _): return Thumbnail.image(data, pixels: 240)
        case let .file(url): return Thumbnail.image(at: url, pixels: 240)
        }
    }

    /// Stores it in the diary; the reference goes into the entry.
    func attach(to diary: TallyDiary) async throws -> AttachmentRef {
        switch source {
        case let .bytes(data, fileName, mediaType): return try await diary.attachBytes(data, fileName: fileName, mediaType: mediaType)
        case let .file(url): return try await diary.attachFile(at: url.path)
        }
    }
}

/// How far an import or export has got, for its progress bar. The library reports from its
/// own thread; the handler hops here to the main actor.
@MainActor
final class WorkProgress: ObservableObject {
    @Published private(set) var fraction: Double?

    /// The handler to give the library. It holds this object only while the work runs.
    var handler: ProgressHandler {
        { done, total in
            Task { @MainActor in self.update(done: done, total: total) }
        }
    }

    func update(done: UInt64, total: UInt64?) {
        guard let total, total > 0 else {
            fraction = nil
            return
        }
        fraction = min(Double(done) / Double(total), 1)
    }
}

/// The progress bar of an import, export, backup or re-key: how far, when the library
/// knows the total; a spinner until then.
struct ProgressRow: View {
    @ObservedObject var progress: WorkProgress

    var body: some View {
        if let fraction = progress.fraction { ProgressView(value: fraction) } else { ProgressView() }
    }
}

extension View {
    /// The quick-exit control every screen carries, labelled: a frightened person should
    /// not have to decode an icon.
    func quickExitButton(_ action: @escaping () -> Void) -> some View {
        toolbar {
            ToolbarItem(placement: .navigationBarTrailing) {
                Button(action: action) {
                    Label("quick_exit_short", systemImage: "xmark.octagon.fill").labelStyle(.titleAndIcon)
                }
                .buttonStyle(.borderedProminent)
                .tint(.red)
                .accessibilityLabel(Text("quick_exit"))
            }
        }
    }

    /// Text typed into the diary is not learnt by the keyboard's suggestions, where
    /// someone else could read it back (autocorrection off is iOS's only control for that).
    func diaryText() -> some View {
        autocorrectionDisabled(true)
    }
}
