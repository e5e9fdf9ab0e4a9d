// FormSheet: how every form but quick capture writes one entry — the people, order and
// police-contact forms, and a correction of any of them. It holds the draft being typed,
// asks the core to review it after every change (the review also carries the clock-change
// question), shows the problems once a save was tried, and saves: the core seals the
// entry or refuses it naming every field to fix. The fields are the form's own view.
import SwiftUI
import Tally

@MainActor
struct FormSheet<Draft: Equatable, Fields: View>: View {
    private let titleKey: LocalizedStringKey
    @State private var draft: Draft
    private let review: (TallyDiary, Draft) throws -> Review
    private let save: (TallyDiary, Draft) async throws -> FormOutcome
    private let fields: (Binding<Draft>, FormState) -> Fields

    @EnvironmentObject private var session: DiarySession
    @Environment(\.dismiss) private var dismiss
    @State private var current: Review?
    @State private var refused: [FieldError]?
    @State private var busy = false

    init(
        _ titleKey: LocalizedStringKey,
        draft: Draft,
        review: @escaping (TallyDiary, Draft) throws -> Review,
        save: @escaping (TallyDiary, Draft) async throws -> FormOutcome,
        @ViewBuilder fields: @escaping (Binding<Draft>, FormState) -> Fields
    ) {
        self.titleKey = titleKey
        _draft = State(initialValue: draft)
        self.review = review
        self.save = save
        self.fields = fields
    }

    var body: some View {
        NavigationStack {
            Form {
                fields($draft, FormState(review: current, errors: refused ?? []))
                if let refused, !refused.isEmpty {
                    Section { Text("capture_check_fields").foregroundStyle(.red) }
                }
            }
            .navigationTitle(Text(titleKey))
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("record_cancel") { dismiss() }
                }
                ToolbarItem(placement: .confirmationAction) {
                    Button("capture_save") { submit() }.disabled(busy)
                }
            }
        }
        .onAppear { reviewNow() }
        .onChange(of: draft) { _ in
            session.touch()
            reviewNow()
        }
    }

    private func reviewNow() {
        let draft = self.draft
        guard let fresh = session.call({ diary in try review(diary, draft) }) else { return }
        current = fresh
        // Once a save was tried, the problems follow the typing.
        if refused != nil { refused = fresh.errors }
    }

    private func submit() {
        let draft = self.draft
        busy = true
        session.spawn {
            defer { busy = false }
            switch await session.run({ diary in try await save(diary, draft) }) {
            case .saved?:
                session.changed()
                dismiss()
            case let .refused(errors)?:
                refused = errors
            case nil:
                break
            }
        }
    }
}

/// What a form's fields draw from the core's review of the draft.
struct FormState {
    /// The review, for the clock-change question and the times it would store.
    let review: Review?
    /// The problems to show beside the fields: none until a save was tried.
    let errors: [FieldError]
}
