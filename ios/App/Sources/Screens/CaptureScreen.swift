// CaptureScreen: quick capture (one screen, the time already filled in, one Save always in
// reach) and the full incident form (the same draft with every field). What the screen
// holds is the core's IncidentDraft, being typed, and the photos waiting to go with it;
// everything else is the core's: the draft's time (now, in the device's zone), the review
// after every change — the time it would store, each field's problems beside the field,
// the clock-change question when the time happened twice or never — and the save, which
// seals the entry or refuses it naming every field to fix. Nothing is stored, not even a
// photo, until the review says the draft holds.
//
// After a quick capture the victim can add details as a correction: the quick record stays
// sealed as it was, and its history shows when the details came.
import SwiftUI
import Tally

@MainActor
struct IncidentFormScreen: View {
    /// The full form, rather than quick capture.
    let full: Bool
    /// A file the share extension received, to record with this incident.
    var received: SharedInbox.Item?

    @EnvironmentObject private var session: DiarySession
    @Environment(\.dismiss) private var dismiss
    @State private var draft: IncidentDraft?
    /// The draft as it was made, to tell whether the victim has started typing.
    @State private var untouched: IncidentDraft?
    @State private var review: Review?
    /// Problems are shown once a save was tried; the clock question always is.
    @State private var showErrors = false
    @State private var attachments: [PendingAttachment] = []
    @State private var people: [PersonRef] = []
    @State private var busy = false
    @State private var lastSaved: UInt64?
    @State private var note: String?
    @State private var details = ""
    @State private var detailErrors: [FieldError] = []
    @State private var cameraShown = false

    var body: some View {
        Form {
            if let draft = Binding($draft) {
                IncidentFields(draft: draft, review: review, errors: shownErrors, people: people, choices: session.choices, full: full)
                photos
                OtherErrorsView(errors: shownErrors, shown: IncidentFields.shown(full: full) + [.attachments])
                if !full, let lastSaved {
                    Section {
                        TextField("capture_details", text: $details, axis: .vertical).lineLimit(3...8).diaryText()
                        FieldErrorsView(errors: detailErrors, field: .details)
                        OtherErrorsView(errors: detailErrors, shown: [.details])
                        Button("capture_add_details") { addDetails(to: lastSaved) }
                            .disabled(busy || details.isEmpty)
                    } footer: {
                        Text("capture_add_details_explained")
                    }
                }
            } else {
                ProgressView()
            }
        }
        .navigationTitle(Text(full ? LocalizedStringKey("incident_form_title") : LocalizedStringKey("capture_title")))
        .safeAreaInset(edge: .bottom, spacing: 0) { saveBar }
        .onChange(of: draft) { _ in edited() }
        .task { await start() }
        .fullScreenCover(isPresented: $cameraShown) {
            CameraScreen(
                onPhoto: { bytes in
                    cameraShown = false
                    // The core names and types the photo from its bytes.
                    attachments.append(PendingAttachment(source: .bytes(bytes, fileName: nil, mediaType: nil)))
                },
                onClose: { cameraShown = false }
            )
        }
    }

    private var shownErrors: [FieldError] { showErrors ? review?.errors ?? [] : [] }

    private var photos: some View {
        Section {
            Button {
                session.holdForExternal()
                cameraShown = true
            } label: {
                Label("capture_take_photo", systemImage: "camera")
            }
            PhotoPickerButton { picked in
                attachments.append(PendingAttachment(source: .bytes(picked.bytes, fileName: picked.fileName, mediaType: picked.mediaType)))
            }
            ForEach(Array(attachments.enumerated()), id: \.element.id) { index, attachment in
                HStack {
                    if let picture = attachment.thumbnail {
                        Image(uiImage: picture).resizable().scaledToFill().frame(width: 56, height: 56).clipped()
                    }
                    Text(verbatim: text("photo_thumbnail", index + 1))
                    Spacer()
                    Button("capture_remove_photo", role: .destructive) { attachments.remove(at: index) }
                        .buttonStyle(.borderless)
                }
            }
            FieldErrorsView(errors: shownErrors, field: .attachments)
        }
    }

    private var saveBar: some View {
        VStack(spacing: 8) {
            if let note { Text(LocalizedStringKey(note)).font(.callout) }
            if showErrors, review?.ready == false { Text("capture_check_fields").font(.callout).foregroundStyle(.red) }
            Button {
                save()
            } label: {
                Text("capture_save").frame(maxWidth: .infinity, minHeight: 44)
            }
            .buttonStyle(.borderedProminent)
            .disabled(busy || draft == nil)
        }
        .padding()
        .background(.bar)
    }

    /// A new draft at now, unless the victim has started one: the time is the time she
    /// opens the screen to record, not the time the app was unlocked.
    private func start() async {
        if draft == nil || draft == untouched {
            fresh()
            if let received { attachments = [PendingAttachment(source: .file(received.file))] }
        }
        people = await session.run { diary in try await diary.people() } ?? people
    }

    private func fresh() {
        let made = session.call { diary in try diary.newIncidentDraft() }
        untouched = made
        draft = made
        showErrors = false
        if let made { review = session.call { diary in try diary.reviewIncident(made) } }
    }

    private func edited() {
        guard let draft else { return }
        session.touch()
        // A fresh draft after a save keeps "Saved." on screen until she types.
        if draft != untouched { note = nil }
        review = session.call { diary in try diary.reviewIncident(draft) } ?? review
    }

    private func save() {
        guard let current = draft, !busy else { return }
        busy = true
        note = nil
        let pending = attachments
        session.spawn {
            defer { busy = false }
            // The review is asked again at the moment of saving: "now" has moved on.
            guard let checked = session.call({ diary in try diary.reviewIncident(current) }) else { return }
            review = checked
            guard checked.ready else {
                showErrors = true
                return
            }
            let outcome = await session.run { diary -> FormOutcome in
                var sealed = current
                for attachment in pending {
                    let stored = try await attachment.attach(to: diary)
                    sealed.attachments.append(stored)
                }
                return try await diary.saveIncident(sealed)
            }
            switch outcome {
            case let .saved(seq)?:
                lastSaved = seq
                attachments = []
                details = ""
                detailErrors = []
                fresh()
                note = "capture_saved"
                session.changed()
                if let received {
                    session.discard(received)
                    dismiss()
                }
            case let .refused(errors)?:
                review?.errors = errors
                showErrors = true
            case nil:
                break
            }
        }
    }

    private func addDetails(to seq: UInt64) {
        let typed = details
        busy = true
        session.spawn {
            defer { busy = false }
            switch await session.run({ diary in try await diary.addDetails(seq, details: typed) }) {
            case .saved?:
                details = ""
                detailErrors = []
                note = "capture_details_saved"
                session.changed()
            case let .refused(errors)?:
                detailErrors = errors
            case nil:
                break
            }
        }
    }
}

/// The incident form's fields over a draft, each with the core's problems beside it. Quick
/// capture shows the few that matter in a hurry; the full form shows them all.
struct IncidentFields: View {
    @Binding var draft: IncidentDraft
    /// The core's review: the times it would store and the clock-change questions.
    let review: Review?
    /// The problems to show beside the fields.
    let errors: [FieldError]
    let people: [PersonRef]
    let choices: Choices
    let full: Bool

    /// The fields each form draws; problems with any other are listed under the form.
    static func shown(full: Bool) -> [Field] {
        let quick: [Field] = [.date, .time, .category, .people, .place, .summary, .fear]
        return full ? quick + [.endDate, .endTime, .details, .impactNotes] : quick
    }

    var body: some View {
        Section {
            if let start = review?.start {
                Text(verbatim: start.text).font(.headline)
            }
            // A new date or time asks a new question, so the old answer goes.
            DayPicker(titleKey: "capture_change_date", day: Binding(get: { draft.date }, set: { draft.date = $0; draft.clock = nil }))
            FieldErrorsView(errors: errors, field: .date)
            MinutePicker(titleKey: "capture_change_time", time: Binding(get: { draft.time }, set: { draft.time = $0; draft.clock = nil }))
            FieldErrorsView(errors: errors, field: .time)
            if let question = review?.clockQuestion {
                ClockQuestionView(question: question, answer: $draft.clock)
            }
            Toggle("capture_approximate", isOn: $draft.approximate)
        } header: {
            Text("capture_when")
        }
        if full {
            Section {
                Toggle("form_has_end", isOn: hasEnd)
                if hasEnd.wrappedValue {
                    if let end = review?.end { Text(verbatim: end.text) }
                    DayPicker(titleKey: "form_end_date", day: Binding(get: { draft.endDate }, set: { draft.endDate = $0; draft.endClock = nil }), fallback: draft.date)
                    FieldErrorsView(errors: errors, field: .endDate)
                    MinutePicker(titleKey: "form_end_time", time: Binding(get: { draft.endTime }, set: { draft.endTime = $0; draft.endClock = nil }), fallback: draft.time)
                    FieldErrorsView(errors: errors, field: .endTime)
                    if let question = review?.endClockQuestion {
                        ClockQuestionView(question: question, answer: $draft.endClock)
                    }
                }
            }
        }
        Section {
            CategoryChips(choices: choices.categories, selected: draft.category.map { [$0] } ?? []) { category in
                draft.category = draft.category == category ? nil : category
            }
            FieldErrorsView(errors: errors, field: .category)
        } header: {
            Text("capture_category")
        }
        Section {
            if full {
                PeopleChecklist(people: people, selection: $draft.people)
            } else {
                PersonPicker(
                    titleKey: "capture_person", noneKey: "capture_person_none", people: people,
                    selection: Binding(get: { draft.people.first }, set: { draft.people = $0.map { [$0] } ?? [] })
                )
            }
            FieldErrorsView(errors: errors, field: .people)
        } header: {
            Text("capture_person")
        }
        Section {
            TextField("capture_place", text: $draft.place).diaryText()
            FieldErrorsView(errors: errors, field: .place)
            TextField("capture_note", text: $draft.summary, axis: .vertical).lineLimit(2...6).diaryText()
            FieldErrorsView(errors: errors, field: .summary)
            if full {
                TextField("capture_details", text: $draft.details, axis: .vertical).lineLimit(4...12).diaryText()
                FieldErrorsView(errors: errors, field: .details)
            }
        }
        Section {
            Slider(
                value: Binding(get: { Double(draft.fear ?? 0) }, set: { draft.fear = UInt8(clamping: Int($0.rounded())) }),
                in: 0...10,
                step: 1
            )
            .accessibilityLabel(Text("fear_slider"))
            if draft.fear != nil {
                Button("capture_fear_clear") { draft.fear = nil }
            }
            FieldErrorsView(errors: errors, field: .fear)
        } header: {
            if let fear = draft.fear {
                Text(verbatim: text("capture_fear_value", Int(fear)))
            } else {
                Text("capture_fear")
            }
        }
        if full {
            Section {
                ForEach(Array(choices.lifeChanges.enumerated()), id: \.offset) { _, choice in
                    CheckRow(label: choice.label, checked: draft.changes.contains(choice.value)) {
                        if let at = draft.changes.firstIndex(of: choice.value) {
                            draft.changes.remove(at: at)
                        } else {
                            draft.changes.append(choice.value)
                        }
                    }
                }
                TextField("form_impact_notes", text: $draft.impactNotes, axis: .vertical).diaryText()
                FieldErrorsView(errors: errors, field: .impactNotes)
            } header: {
                Text("form_life_changes")
            }
        }
    }

    /// An end time is being given: it starts at the start's day and time, to be moved.
    private var hasEnd: Binding<Bool> {
        Binding(
            get: { !draft.endDate.isEmpty || !draft.endTime.isEmpty },
            set: { on in
                draft.endDate = on ? draft.date : ""
                draft.endTime = on ? draft.time : ""
                draft.endClock = nil
            }
        )
    }
}
