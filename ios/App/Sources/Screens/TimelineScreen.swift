// TimelineScreen: the diary newest first, grouped by the local day each entry happened —
// the core's timeline view (days and their headings, each item's time as recorded, its
// headline, corrected and removed entries shown as such, damaged rows where they stand,
// what to say when nothing is shown). The screen holds only the filters chosen, behind one
// button so the entries come first. An entry opens in full with its history.
import SwiftUI
import Tally

@MainActor
struct TimelineScreen: View {
    @EnvironmentObject private var session: DiarySession
    @State private var filter = TimelineFilter()
    @State private var timeline: Timeline?
    @State private var people: [PersonRef] = []
    @State private var showFilters = false

    var body: some View {
        List {
            Section {
                Button(filtersKey) { showFilters.toggle() }
                if showFilters {
                    PersonPicker(titleKey: "timeline_filter_person", noneKey: "timeline_filter_everyone", people: people, selection: $filter.person)
                    CategoryChips(choices: session.choices.categories, selected: filter.categories) { category in
                        if let at = filter.categories.firstIndex(of: category) {
                            filter.categories.remove(at: at)
                        } else {
                            filter.categories.append(category)
                        }
                    }
                }
            }
            if let timeline {
                if let empty = timeline.emptyText {
                    Text(verbatim: empty).foregroundStyle(.secondary)
                }
                ForEach(timeline.days, id: \.date) { day in
                    Section {
                        ForEach(day.items, id: \.seq) { item in
                            NavigationLink {
                                EntryDetailScreen(seq: item.seq)
                            } label: {
                                ItemRow(item: item)
                            }
                        }
                    } header: {
                        Text(verbatim: day.heading)
                    }
                }
            } else {
                ProgressView()
            }
        }
        .navigationTitle(Text("timeline_title"))
        .refreshable { await load() }
        .task(id: Reload(filter: filter, revision: session.revision)) { await load() }
    }

    /// The filters open behind one button, which says when some are on.
    private var filtersKey: LocalizedStringKey {
        if showFilters { return "timeline_filters_hide" }
        return filter.person != nil || !filter.categories.isEmpty ? "timeline_filters_on" : "timeline_filters_show"
    }

    /// What makes the timeline read the diary again: other filters, or a save anywhere.
    private struct Reload: Equatable {
        let filter: TimelineFilter
        let revision: Int
    }

    private func load() async {
        let filter = self.filter
        guard let read = await session.run({ diary in (try await diary.timeline(filter), try await diary.people()) }) else { return }
        timeline = read.0
        people = read.1
    }
}
