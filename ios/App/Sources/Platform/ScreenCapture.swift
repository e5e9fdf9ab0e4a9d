// ScreenCapture: iOS cannot block screenshots or recording as Android's FLAG_SECURE does,
// so the app notices them and says so calmly: a screenshot is now in Photos (where someone
// else may see it), and while the screen is recorded, mirrored or shared, whatever is shown
// can be seen elsewhere. Nothing is blocked — the victim may be showing an advocate on
// purpose. Recording is read from the scene on iOS 17 (`isSceneCaptured`, the SwiftUI face
// of UITraitCollection.sceneCaptureState) and from UIScreen.isCaptured before that.
import SwiftUI
import UIKit

/// What the notice banner says, if anything.
enum CaptureNotice: Equatable {
    case screenshot
    case recording

    var textKey: LocalizedStringKey {
        switch self {
        case .screenshot: return "notice_screenshot"
        case .recording: return "notice_recording"
        }
    }
}

extension View {
    /// Shows a calm banner over the app when a screenshot is taken or the screen is captured.
    func noticesScreenCapture() -> some View { modifier(ScreenCaptureNotice()) }
}

private struct ScreenCaptureNotice: ViewModifier {
    @State private var screenshotShown = false
    @State private var legacyCaptured = false

    func body(content: Content) -> some View {
        Group {
            if #available(iOS 17.0, *) {
                SceneCaptureReader { captured in banner(content, captured: captured) }
            } else {
                banner(content, captured: legacyCaptured)
                    .onAppear { legacyCaptured = UIScreen.main.isCaptured }
                    .onReceive(NotificationCenter.default.publisher(for: UIScreen.capturedDidChangeNotification)) { _ in
                        legacyCaptured = UIScreen.main.isCaptured
                    }
            }
        }
        .onReceive(NotificationCenter.default.publisher(for: UIApplication.userDidTakeScreenshotNotification)) { _ in
            // The screenshot is already taken (the notification comes after); say so.
            screenshotShown = true
        }
    }

    private func banner(_ content: Content, captured: Bool) -> some View {
        let notice: CaptureNotice? = captured ? .recording : (screenshotShown ? .screenshot : nil)
        return content.safeAreaInset(edge: .top) {
            if let notice {
                HStack(alignment: .top) {
                    Text(notice.textKey).font(.callout)
                    Spacer()
                    if notice == .screenshot {
                        Button { screenshotShown = false } label: { Image(systemName: "xmark") }
                            .accessibilityLabel(Text("notice_dismiss"))
                    }
                }
                .padding()
                .background(.thinMaterial)
            }
        }
    }
}

@available(iOS 17.0, *)
private struct SceneCaptureReader<Shown: View>: View {
    @Environment(\.isSceneCaptured) private var captured
    let content: (Bool) -> Shown

    var body: some View { content(captured) }
}
