// Disguise: the home-screen icon the app wears and the decoy screen it opens to. The icons
// are alternate app icons in Assets.xcassets (listed for the asset compiler in project.yml);
// UIApplication.setAlternateIconName switches them. iOS cannot rename an app at run time, so
// the name under the icon stays the one it was installed with; and iOS itself shows a short
// "icon changed" alert after each switch. The choice is kept in UserDefaults (no diary
// content) so the decoy shows from the very first frame after launch.
import SwiftUI
import UIKit

enum Disguise: String, CaseIterable, Identifiable {
    case none
    case calculator
    case notes
    case weather

    var id: String { rawValue }

    /// The alternate icon set's name; nil is the primary icon.
    var iconName: String? {
        switch self {
        case .none: return nil
        case .calculator: return "AppIcon-Calculator"
        case .notes: return "AppIcon-Notes"
        case .weather: return "AppIcon-Weather"
        }
    }

    /// The label key, shared with Android's strings.
    var labelKey: LocalizedStringKey {
        switch self {
        case .none: return "disguise_none"
        case .calculator: return "disguise_calculator"
        case .notes: return "disguise_notes"
        case .weather: return "disguise_weather"
        }
    }
}

final class AlternateIcons: DisguiseSetting {
    private let defaults = UserDefaults.standard
    private let key = "disguise"

    var current: Disguise { defaults.string(forKey: key).flatMap(Disguise.init(rawValue:)) ?? .none }

    @MainActor
    func apply(_ disguise: Disguise) async throws {
        let app = UIApplication.shared
        if app.supportsAlternateIcons, app.alternateIconName != disguise.iconName {
            try await app.setAlternateIconName(disguise.iconName)
        }
        defaults.set(disguise.rawValue, forKey: key)
    }
}
