// SummaryScreen: the course-of-conduct summary for officers, for the victim to see before a
// statement or an export — the core's summary view, the same sentences as the report in
// the pack: the period and what was recorded, incidents by category, the weekly chart and
// its trend, the indicators a risk screening asks about (worded as facts she recorded,
// never as legal conclusions), the pattern, every order with its breaches counted one by
// one, and every police contact with its reference and any advice to block flagged. The
// screen holds only the person chosen.
import SwiftUI
import Tally

@MainActor
struct SummaryScreen: View {
    @EnvironmentObject private var session: DiarySession
    @State private var person: UInt64?
    @State private var people: [PersonRef] = []
    @State private var summary: SummaryView?

    var body: some View {
        List {
            Section {
                PersonPicker(titleKey: "summary_person", noneKey: "timeline_filter_everyone", people: people, selection: $person)
            }
            if let summary {
                Section {
                    Text(verbatim: summary.period).font(.headline)
                    Text(verbatim: summary.recorded)
                    lines(summary.notes)
                }
                if !summary.byCategory.isEmpty {
                    Section("summary_by_category") {
                        ForEach(summary.byCategory, id: \.label) { count in
                            LabeledContent { Text(verbatim: String(count.count)) } label: { Text(verbatim: count.label) }
                        }
                    }
                }
                if !summary.weeks.isEmpty {
                    Section("summary_weeks") {
                        WeekChart(weeks: summary.weeks)
                        if let trend = summary.trend { Text(verbatim: trend) }
                    }
                }
                if !summary.indicators.isEmpty {
                    Section("summary_indicators") { lines(summary.indicators) }
                }
                if !summary.pattern.isEmpty {
                    Section("summary_pattern") { lines(summary.pattern) }
                }
                if !summary.orders.isEmpty {
                    Section("summary_orders") {
                        ForEach(summary.orders, id: \.entry) { order in
                            NavigationLink { EntryDetailScreen(seq: order.entry) } label: { Text(verbatim: order.text) }
                        }
                        ForEach(Array(summary.breaches.enumerated()), id: \.offset) { _, breach in
                            NavigationLink { EntryDetailScreen(seq: breach.entry) } label: { Text(verbatim: breach.text) }
                        }
                    }
                }
                if !summary.policeContacts.isEmpty {
                    Section("summary_police") {
                        ForEach(summary.policeContacts, id: \.entry) { contact in
                            NavigationLink {
                                EntryDetailScreen(seq: contact.entry)
                            } label: {
                                VStack(alignment: .leading, spacing: 4) {
                                    if let reference = contact.reference {
                                        Text(verbatim: reference)
                                    } else {
                                        Text("summary_no_reference").foregroundStyle(.secondary)
                                    }
                                    if let note = contact.blockingNote {
                                        Label { Text(verbatim: note) } icon: { Image(systemName: "exclamationmark.triangle") }
                                            .font(.footnote)
                                            .foregroundStyle(.orange)
                                    }
                                }
                            }
                        }
                        lines(summary.references)
                    }
                }
            } else {
                ProgressView()
            }
        }
        .navigationTitle(Text("summary_title"))
        .task(id: Reload(person: person, revision: session.revision)) { await load() }
    }

    private struct Reload: Equatable {
        let person: UInt64?
        let revision: Int
    }

    private func lines(_ lines: [String]) -> some View {
        ForEach(Array(lines.enumerated()), id: \.offset) { _, line in Text(verbatim: line) }
    }

    private func load() async {
        let filter = SummaryFilter(person: person)
        guard let read = await session.run({ diary in (try await diary.summaryView(filter), try await diary.people()) }) else { return }
        summary = read.0
        people = read.1
    }
}

/// Incidents a week, as bars: the chart in the report, drawn from the core's weekly counts.
private struct WeekChart: View {
    let weeks: [WeekBar]

    var body: some View {
        let tallest = max(weeks.map(\.total).max() ?? 1, 1)
        ScrollView(.horizontal, showsIndicators: false) {
            HStack(alignment: .bottom, spacing: 6) {
                ForEach(weeks, id: \.starts) { week in
                    VStack(spacing: 4) {
                        Text(verbatim: String(week.total)).font(.caption2)
                        RoundedRectangle(cornerRadius: 3)
                            .fill(Color.accentColor)
                            .frame(width: 18, height: max(2, 120 * CGFloat(week.total) / CGFloat(tallest)))
                        Text(verbatim: week.week).font(.caption2).lineLimit(1).fixedSize()
                    }
                    .accessibilityElement(children: .combine)
                }
            }
            .padding(.vertical, 8)
        }
    }
}
