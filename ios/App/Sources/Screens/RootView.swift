// RootView: picks the screen for the model's phase and lays the privacy cover and the
// screen-capture notice over all of them. Every touch anywhere tells the lock policy the
// victim is still there.
import SwiftUI

struct RootView: View {
    @EnvironmentObject private var model: AppModel

    var body: some View {
        screen
            .noticesScreenCapture()
            .overlay {
                if model.covered { PrivacyCover(disguise: model.disguise) }
            }
            .watchesActivity { model.touch() }
    }

    @ViewBuilder private var screen: some View {
        switch model.phase {
        case .decoy: DecoyScreen(disguise: model.disguise, onReveal: model.reveal)
        // In a navigation stack for their toolbar, which carries quick exit.
        case .create: NavigationStack { CreateScreen() }
        case .unlock: NavigationStack { UnlockScreen() }
        case .open:
            if let session = model.session {
                MainScreen().environmentObject(session)
            }
        }
    }
}

/// What the app switcher and Control Center see: the decoy when disguised, otherwise a
/// blank screen. Never anything from the diary.
struct PrivacyCover: View {
    let disguise: Disguise

    var body: some View {
        Group {
            if disguise == .none {
                Color(uiColor: .systemBackground)
            } else {
                DecoyScreen(disguise: disguise, onReveal: {}).allowsHitTesting(false)
            }
        }
        .ignoresSafeArea()
        .accessibilityHidden(true)
    }
}

/// The lock screens' message (a string key), if any: what a failed call means for the
/// victim, never the error's technical reason.
struct ModelMessage: View {
    @EnvironmentObject private var model: AppModel

    var body: some View {
        if let message = model.message { Text(LocalizedStringKey(message)) }
    }
}
