// RecordForms: the fields of the person, order and police-contact forms over the core's
// drafts, each field with the core's problems beside it, and the correction form, which is
// the form of the entry's own kind over the core's correction draft plus why. What a
// choice is called comes from the core's form choices; which are wrong is the core's review.
import SwiftUI
import Tally

struct PersonFields: View {
    @Binding var draft: PersonDraft
    let errors: [FieldError]
    let choices: Choices

    static let shown: [Field] = [.name, .relationship]

    var body: some View {
        Section {
            TextField("people_name", text: $draft.name).diaryText()
            FieldErrorsView(errors: errors, field: .name)
            Picker("people_relationship", selection: $draft.relationship) {
                ForEach(choices.relationships, id: \.label) { choice in
                    Text(verbatim: choice.label).tag(choice.value)
                }
            }
            FieldErrorsView(errors: errors, field: .relationship)
            TextField("people_description", text: $draft.description, axis: .vertical).lineLimit(2...8).diaryText()
        }
    }
}

struct OrderFields: View {
    @Binding var draft: OrderDraft
    let errors: [FieldError]
    let choices: Choices
    let people: [PersonRef]

    static let shown: [Field] = [.orderType, .boundPerson, .startDate, .endDay, .reference, .conditions]

    var body: some View {
        Section {
            Picker("orders_type", selection: $draft.orderType) {
                Text("form_not_chosen").tag(OrderType?.none)
                ForEach(choices.orderTypes, id: \.label) { choice in
                    Text(verbatim: choice.label).tag(Optional(choice.value))
                }
            }
            FieldErrorsView(errors: errors, field: .orderType)
            PersonPicker(titleKey: "orders_person", noneKey: "form_not_chosen", people: people, selection: $draft.person)
            FieldErrorsView(errors: errors, field: .boundPerson)
        }
        Section {
            DayPicker(titleKey: "orders_start", day: $draft.start)
            FieldErrorsView(errors: errors, field: .startDate)
            Toggle("orders_has_end", isOn: Binding(get: { !draft.end.isEmpty }, set: { draft.end = $0 ? draft.start : "" }))
            if !draft.end.isEmpty {
                DayPicker(titleKey: "orders_end", day: $draft.end, fallback: draft.start)
            }
            FieldErrorsView(errors: errors, field: .endDay)
        }
        Section {
            TextField("orders_reference", text: $draft.reference).diaryText()
            FieldErrorsView(errors: errors, field: .reference)
            TextField("orders_issued_by", text: $draft.issuedBy).diaryText()
        }
        Section {
            Toggle("orders_no_contact", isOn: noContact)
            TextField("orders_stay_away", text: stayAway).diaryText()
            FieldErrorsView(errors: errors, field: .conditions)
        } header: {
            Text("orders_conditions")
        }
    }

    private var noContact: Binding<Bool> {
        Binding(
            get: { draft.conditions.contains(.noContact) },
            set: { on in
                draft.conditions.removeAll { $0 == .noContact }
                if on { draft.conditions.insert(.noContact, at: 0) }
            }
        )
    }

    /// The place the order keeps the person away from, as one condition.
    private var stayAway: Binding<String> {
        Binding(
            get: {
                for condition in draft.conditions {
                    if case let .stayAway(place) = condition { return place }
                }
                return ""
            },
            set: { place in
                draft.conditions.removeAll { if case .stayAway = $0 { return true } else { return false } }
                if !place.isEmpty { draft.conditions.append(.stayAway(place: place)) }
            }
        )
    }
}

struct PoliceContactFields: View {
    @Binding var draft: PoliceContactDraft
    let state: FormState
    let choices: Choices
    /// The incidents that may have been reported, newest first.
    let incidents: [TimelineItem]

    static let shown: [Field] = [.date, .time, .reference, .reported]

    var body: some View {
        Section {
            if let start = state.review?.start {
                Text(verbatim: start.text).font(.headline)
            }
            DayPicker(titleKey: "capture_change_date", day: Binding(get: { draft.date }, set: { draft.date = $0; draft.clock = nil }))
            FieldErrorsView(errors: state.errors, field: .date)
            MinutePicker(titleKey: "capture_change_time", time: Binding(get: { draft.time }, set: { draft.time = $0; draft.clock = nil }))
            FieldErrorsView(errors: state.errors, field: .time)
            if let question = state.review?.clockQuestion {
                ClockQuestionView(question: question, answer: $draft.clock)
            }
        } header: {
            Text("capture_when")
        }
        Section {
            Picker("police_method", selection: $draft.method) {
                Text("form_not_chosen").tag(ContactMethod?.none)
                ForEach(choices.methods, id: \.label) { choice in
                    Text(verbatim: choice.label).tag(Optional(choice.value))
                }
            }
            TextField("police_force", text: $draft.force).diaryText()
            TextField("police_reference", text: $draft.reference).diaryText()
            FieldErrorsView(errors: state.errors, field: .reference)
            TextField("police_officer", text: $draft.officer).diaryText()
        }
        if !incidents.isEmpty {
            Section {
                ForEach(incidents, id: \.seq) { item in
                    CheckRow(label: item.headline, checked: draft.reported.contains(item.seq)) {
                        if let at = draft.reported.firstIndex(of: item.seq) {
                            draft.reported.remove(at: at)
                        } else {
                            draft.reported.append(item.seq)
                        }
                    }
                }
                FieldErrorsView(errors: state.errors, field: .reported)
            } header: {
                Text("police_reported")
            }
        }
        Section {
            TextField("police_advice", text: $draft.advice, axis: .vertical).diaryText()
            TextField("police_outcome", text: $draft.outcome, axis: .vertical).diaryText()
            TextField("police_follow_up", text: $draft.followUp, axis: .vertical).diaryText()
        }
    }
}

/// A correction: the entry's current version in the form of its kind, to change, and why.
/// The core refuses a correction that changes nothing, and keeps the first record.
@MainActor
struct AmendmentScreen: View {
    let draft: AmendmentDraft
    @EnvironmentObject private var session: DiarySession
    @State private var people: [PersonRef] = []
    @State private var incidents: [TimelineItem] = []

    var body: some View {
        FormSheet(
            "amend_title",
            draft: draft,
            review: { diary, draft in try diary.reviewAmendment(draft) },
            save: { diary, draft in try await diary.saveAmendment(draft) }
        ) { draft, state in
            AmendmentFields(draft: draft, state: state, choices: session.choices, people: people, incidents: incidents)
        }
        .task {
            guard let read = await session.run({ diary in
                (try await diary.people(), try await diary.entryList(ListFilter(kinds: [.incident])))
            }) else { return }
            people = read.0
            incidents = read.1.reversed()
        }
    }
}

private struct AmendmentFields: View {
    @Binding var draft: AmendmentDraft
    let state: FormState
    let choices: Choices
    let people: [PersonRef]
    let incidents: [TimelineItem]

    var body: some View {
        if let incident {
            IncidentFields(draft: incident, review: state.review, errors: state.errors, people: people, choices: choices, full: true)
            OtherErrorsView(errors: state.errors, shown: IncidentFields.shown(full: true) + [.reason])
        } else if let person {
            PersonFields(draft: person, errors: state.errors, choices: choices)
            OtherErrorsView(errors: state.errors, shown: PersonFields.shown + [.reason])
        } else if let order {
            OrderFields(draft: order, errors: state.errors, choices: choices, people: people)
            OtherErrorsView(errors: state.errors, shown: OrderFields.shown + [.reason])
        } else if let policeContact {
            PoliceContactFields(draft: policeContact, state: state, choices: choices, incidents: incidents)
            OtherErrorsView(errors: state.errors, shown: PoliceContactFields.shown + [.reason])
        }
        Section {
            TextField("amend_reason", text: $draft.reason, axis: .vertical).diaryText()
            FieldErrorsView(errors: state.errors, field: .reason)
        } footer: {
            Text("amend_explained")
        }
    }

    // Bindings into the correction's content, for the kind it is.

    private var incident: Binding<IncidentDraft>? {
        guard case let .incident(first) = draft.content else { return nil }
        return Binding(get: {
            if case let .incident(now) = draft.content { return now }
            return first
        }, set: { draft.content = .incident($0) })
    }

    private var person: Binding<PersonDraft>? {
        guard case let .person(first) = draft.content else { return nil }
        return Binding(get: {
            if case let .person(now) = draft.content { return now }
            return first
        }, set: { draft.content = .person($0) })
    }

    private var order: Binding<OrderDraft>? {
        guard case let .order(first) = draft.content else { return nil }
        return Binding(get: {
            if case let .order(now) = draft.content { return now }
            return first
        }, set: { draft.content = .order($0) })
    }

    private var policeContact: Binding<PoliceContactDraft>? {
        guard case let .policeContact(first) = draft.content else { return nil }
        return Binding(get: {
            if case let .policeContact(now) = draft.content { return now }
            return first
        }, set: { draft.content = .policeContact($0) })
    }
}
