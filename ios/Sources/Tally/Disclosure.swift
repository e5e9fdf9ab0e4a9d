// Disclosure: what the export screen lists before anything is written, and the export of
// what the victim chose. The core's export screen (core/src/view/export.rs: every entry
// going out and why — chosen, named by an entry, a version of an entry — the count
// withheld, and the problems with the choices) is worded over the pack's disclosure plan,
// which does not cross the FFI yet. Until it does, `exportPreview` answers with the
// entries the choices select directly (the core's entry list), and the screen says the
// pack also carries the people they name and their corrections. When the plan crosses,
// this file is the one place that changes: `exportPreview` returns `.plan`, and `exportPack`
// passes the choices as they are.
import Foundation

/// What the export screen shows before anything is written.
public enum DisclosurePreview: Equatable {
    /// The core's export screen over the pack's disclosure plan.
    case plan(ExportScreen)
    /// The entries the choices select directly; the pack adds the people they name and
    /// their corrections, and withholds the rest as hashes.
    case chosen([TimelineItem])

    /// Whether exporting would write a pack now.
    public var ready: Bool {
        switch self {
        case let .plan(screen): return screen.ready
        case let .chosen(items): return !items.isEmpty
        }
    }
}

public extension TallyDiary {
    /// What an export of `choices` would carry, before anything is written.
    func exportPreview(_ choices: ExportChoices) async throws -> DisclosurePreview {
        .chosen(try await entryList(Self.selection(choices)))
    }

    /// Writes the evidence pack for `choices` to `outPath` (see `exportPack(to:options:)`).
    func exportPack(to outPath: String, choices: ExportChoices, onProgress: ProgressHandler? = nil) async throws -> ExportSummary {
        try await exportPack(to: outPath, options: ExportOptions(selection: Self.selection(choices)), onProgress: onProgress)
    }

    /// Today's export takes a list filter, which names at most one person: the choices map
    /// onto it field for field.
    private static func selection(_ choices: ExportChoices) -> ListFilter {
        ListFilter(
            kinds: choices.kinds,
            categories: choices.categories,
            person: choices.people.first,
            from: choices.from,
            to: choices.to,
            entries: choices.entries
        )
    }
}
