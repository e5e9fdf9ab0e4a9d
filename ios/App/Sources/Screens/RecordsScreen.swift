// RecordsScreen: the people, orders and police-contacts screens — each a list of its
// entries newest first (the core's entry list: headline, time as recorded, status), an
// entry opening in full, and a form to add one from the core's draft. One screen,
// parameterised by kind, because the three behave the same (as Android's RecordsPresenter).
import SwiftUI
import Tally

@MainActor
struct RecordsScreen: View {
    let kind: EntryKind
    @EnvironmentObject private var session: DiarySession
    @State private var rows: [TimelineItem]?
    @State private var people: [PersonRef] = []
    @State private var incidents: [TimelineItem] = []
    @State private var adding: NewRecord?

    /// The draft of the entry being added.
    private enum NewRecord: Identifiable {
        case person(PersonDraft)
        case order(OrderDraft)
        case policeContact(PoliceContactDraft)

        /// One form at a time.
        var id: Int { 0 }
    }

    var body: some View {
        List {
            if let rows {
                if rows.isEmpty {
                    Text("records_empty").foregroundStyle(.secondary)
                }
                ForEach(rows, id: \.seq) { item in
                    NavigationLink {
                        EntryDetailScreen(seq: item.seq)
                    } label: {
                        ItemRow(item: item)
                    }
                }
            } else {
                ProgressView()
            }
        }
        .navigationTitle(Text(words.title))
        .toolbar {
            ToolbarItem(placement: .bottomBar) {
                Button { startAdding() } label: { Label(words.add, systemImage: "plus") }
            }
        }
        .task(id: session.revision) { await load() }
        .sheet(item: $adding) { record in form(record).environmentObject(session) }
    }

    /// What this screen calls things.
    private var words: (title: LocalizedStringKey, add: LocalizedStringKey) {
        switch kind {
        case .order: return ("orders_title", "orders_add")
        case .policeContact: return ("police_title", "police_add")
        default: return ("people_title", "people_add")
        }
    }

    private func load() async {
        let kind = self.kind
        guard let read = await session.run({ diary in
            (try await diary.entryList(ListFilter(kinds: [kind])), try await diary.people(), try await diary.entryList(ListFilter(kinds: [.incident])))
        }) else { return }
        rows = read.0.reversed()
        people = read.1
        incidents = read.2.reversed()
    }

    /// Starts the form from the core's new draft (now, or today, in the device's zone). A
    /// person has no time; it starts at the first relationship the core offers.
    private func startAdding() {
        switch kind {
        case .order:
            adding = session.call { diary in try diary.newOrderDraft() }.map(NewRecord.order)
        case .policeContact:
            adding = session.call { diary in try diary.newPoliceContactDraft() }.map(NewRecord.policeContact)
        default:
            adding = session.choices.relationships.first.map { NewRecord.person(PersonDraft(relationship: $0.value)) }
        }
    }

    @ViewBuilder private func form(_ record: NewRecord) -> some View {
        let choices = session.choices
        switch record {
        case let .person(draft):
            FormSheet(
                "people_add", draft: draft,
                review: { diary, draft in diary.reviewPerson(draft) },
                save: { diary, draft in try await diary.savePerson(draft) }
            ) { draft, state in
                PersonFields(draft: draft, errors: state.errors, choices: choices)
                OtherErrorsView(errors: state.errors, shown: PersonFields.shown)
            }
        case let .order(draft):
            FormSheet(
                "orders_add", draft: draft,
                review: { diary, draft in diary.reviewOrder(draft) },
                save: { diary, draft in try await diary.saveOrder(draft) }
            ) { [people] draft, state in
                OrderFields(draft: draft, errors: state.errors, choices: choices, people: people)
                OtherErrorsView(errors: state.errors, shown: OrderFields.shown)
            }
        case let .policeContact(draft):
            FormSheet(
                "police_add", draft: draft,
                review: { diary, draft in try diary.reviewPoliceContact(draft) },
                save: { diary, draft in try await diary.savePoliceContact(draft) }
            ) { [incidents] draft, state in
                PoliceContactFields(draft: draft, state: state, choices: choices, incidents: incidents)
                OtherErrorsView(errors: state.errors, shown: PoliceContactFields.shown)
            }
        }
    }
}
