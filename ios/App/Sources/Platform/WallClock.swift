// WallClock: the forms' date and time fields as the core's drafts hold them ("2024-03-01",
// "21:30"), carried through SwiftUI's DatePicker, which needs a Date. The reading on the
// wall clock is carried in UTC, where no clock ever changes, so every date and minute can
// be picked and none is shifted; the core alone reads it in the device's zone, asks the
// clock-change question when that time happened twice or never, and refuses the future.
// Nothing here is shown to anyone: the screens show the core's own text for every time.
import SwiftUI

enum WallClock {
    /// The zone the pickers are drawn in (see above).
    static let carrier = TimeZone(secondsFromGMT: 0) ?? .current

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = carrier
        return calendar
    }

    /// The picker's value for a draft's day and time, when both are the draft's numbers.
    static func date(day: String, time: String) -> Date? {
        let d = day.split(separator: "-").compactMap { Int($0) }
        let t = time.split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count >= 2 else { return nil }
        return calendar.date(from: DateComponents(year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1]))
    }

    /// The draft's day for a picked value.
    static func day(of date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The draft's time for a picked value, to the minute.
    static func time(of date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}

/// A picker for a draft's day. `day` is "" until one is picked; the picker then starts at
/// `fallback` (a day the core gave: the form's start, the diary's first or last day).
struct DayPicker: View {
    let titleKey: LocalizedStringKey
    @Binding var day: String
    var fallback: String = ""

    var body: some View {
        WallClockPicker(titleKey: titleKey, components: .date) {
            WallClock.date(day: day.isEmpty ? fallback : day, time: "12:00")
        } write: {
            day = WallClock.day(of: $0)
        }
    }
}

/// A picker for a draft's time of day.
struct MinutePicker: View {
    let titleKey: LocalizedStringKey
    @Binding var time: String
    var fallback: String = ""

    var body: some View {
        WallClockPicker(titleKey: titleKey, components: .hourAndMinute) {
            WallClock.date(day: "2000-01-01", time: time.isEmpty ? fallback : time)
        } write: {
            time = WallClock.time(of: $0)
        }
    }
}

/// SwiftUI's DatePicker over the carrier: `read` gives the draft's reading, `write` takes
/// the one picked.
private struct WallClockPicker: View {
    let titleKey: LocalizedStringKey
    let components: DatePickerComponents
    let read: () -> Date?
    let write: (Date) -> Void

    var body: some View {
        DatePicker(titleKey, selection: Binding(get: { read() ?? Date() }, set: write), displayedComponents: components)
            .environment(\.timeZone, WallClock.carrier)
    }
}
