// TallyApp: the entry point. Builds the one AppModel over the real platform services and
// follows the scene's phase: a cover over the app whenever it is not active (so the
// app-switcher snapshot shows nothing), and a lock as soon as it reaches the background.
// The app posts no notifications and asks for no notification permission, so no diary
// content can ever appear on the lock screen.
import SwiftUI

@main
struct TallyApp: App {
    @StateObject private var model = AppModel(
        storage: try? DiaryFolder(),
        keys: BiometricKeychain(),
        heads: KeychainDeviceHeads(),
        disguises: AlternateIcons()
    )
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView()
                .environmentObject(model)
        }
        .onChange(of: scenePhase) { phase in
            model.scenePhaseChanged(phase)
        }
    }
}
