// DecoyScreen: what a disguised app opens to, matching its icon — a calculator that
// calculates, an empty notes list, a weather page with no location. A long press (a second
// and a half) anywhere reveals the lock screen; nothing on a decoy hints that there is more.
// The calculator's arithmetic is the one behaviour here, and it has nothing to do with the
// diary.
import SwiftUI

struct DecoyScreen: View {
    let disguise: Disguise
    let onReveal: () -> Void

    var body: some View {
        Group {
            switch disguise {
            case .calculator: CalculatorDecoy()
            case .notes: NotesDecoy()
            case .weather: WeatherDecoy()
            case .none: Color(uiColor: .systemBackground)
            }
        }
        .contentShape(Rectangle())
        .onLongPressGesture(minimumDuration: 1.5, perform: onReveal)
    }
}

private struct NotesDecoy: View {
    var body: some View {
        NavigationStack {
            Text("decoy_notes_empty")
                .foregroundStyle(.secondary)
                .frame(maxWidth: .infinity, maxHeight: .infinity)
                .navigationTitle(Text("disguise_notes"))
        }
    }
}

private struct WeatherDecoy: View {
    var body: some View {
        VStack(spacing: 12) {
            Image(systemName: "cloud.sun").font(.system(size: 72))
            Text(verbatim: "--°").font(.system(size: 64, weight: .thin))
            Text("decoy_weather_no_location").foregroundStyle(.secondary)
        }
        .frame(maxWidth: .infinity, maxHeight: .infinity)
    }
}

private struct CalculatorDecoy: View {
    @State private var display = "0"
    @State private var stored: Double?
    @State private var operation: String?
    @State private var fresh = true

    private let rows = [["7", "8", "9", "÷"], ["4", "5", "6", "×"], ["1", "2", "3", "−"], ["C", "0", "=", "+"]]

    var body: some View {
        VStack(spacing: 12) {
            Spacer()
            Text(verbatim: display)
                .font(.system(size: 64, weight: .light, design: .rounded))
                .lineLimit(1)
                .minimumScaleFactor(0.4)
                .frame(maxWidth: .infinity, alignment: .trailing)
                .padding(.horizontal)
            ForEach(rows, id: \.self) { row in
                HStack(spacing: 12) {
                    ForEach(row, id: \.self) { key in
                        Button { press(key) } label: {
                            Text(verbatim: key)
                                .font(.title)
                                .frame(maxWidth: .infinity, minHeight: 64)
                                .background(Color(uiColor: .secondarySystemBackground), in: Capsule())
                        }
                        .buttonStyle(.plain)
                    }
                }
            }
        }
        .padding()
    }

    private func press(_ key: String) {
        switch key {
        case "C":
            (display, stored, operation, fresh) = ("0", nil, nil, true)
        case "÷", "×", "−", "+":
            let value = evaluate()
            (display, stored) = (format(value), value)
            operation = key
            fresh = true
        case "=":
            display = format(evaluate())
            (stored, operation, fresh) = (nil, nil, true)
        default:
            display = fresh || display == "0" ? key : display + key
            fresh = false
        }
    }

    private func evaluate() -> Double {
        let current = Double(display) ?? 0
        guard let left = stored, let operation else { return current }
        switch operation {
        case "÷": return current == 0 ? 0 : left / current
        case "×": return left * current
        case "−": return left - current
        default: return left + current
        }
    }

    private func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
