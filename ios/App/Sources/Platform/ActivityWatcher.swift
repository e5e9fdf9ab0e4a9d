// ActivityWatcher: tells the lock policy that the victim is using the app, so the idle lock
// counts from her last touch. A gesture recognizer on the window sees every touch that
// starts anywhere in it and fails at once, so it never takes a touch from the control under
// the finger (cancelsTouchesInView is off, and it recognizes alongside every other
// recognizer). Typing reaches the policy through the forms' own changes: the keyboard is a
// window of its own.
import SwiftUI
import UIKit
import UIKit.UIGestureRecognizerSubclass

extension View {
    /// Calls `onActivity` whenever a touch starts anywhere in this view's window.
    func watchesActivity(_ onActivity: @escaping () -> Void) -> some View {
        background(ActivityWatcher(onActivity: onActivity))
    }
}

private struct ActivityWatcher: UIViewRepresentable {
    let onActivity: () -> Void

    func makeUIView(context: Context) -> WatcherView { WatcherView(onActivity: onActivity) }

    func updateUIView(_ uiView: WatcherView, context: Context) {}

    /// An invisible view whose only job is to put the recognizer on the window it joins.
    final class WatcherView: UIView {
        private let recognizer: TouchRecognizer

        init(onActivity: @escaping () -> Void) {
            recognizer = TouchRecognizer(onTouch: onActivity)
            super.init(frame: .zero)
            isUserInteractionEnabled = false
        }

        @available(*, unavailable)
        required init?(coder: NSCoder) { return nil }

        override func didMoveToWindow() {
            super.didMoveToWindow()
            recognizer.view?.removeGestureRecognizer(recognizer)
            window?.addGestureRecognizer(recognizer)
        }
    }
}

/// Reports the start of every touch and then fails, taking part in nothing.
private final class TouchRecognizer: UIGestureRecognizer, UIGestureRecognizerDelegate {
    private let onTouch: () -> Void

    init(onTouch: @escaping () -> Void) {
        self.onTouch = onTouch
        super.init(target: nil, action: nil)
        cancelsTouchesInView = false
        delaysTouchesBegan = false
        delaysTouchesEnded = false
        delegate = self
    }

    override func touchesBegan(_ touches: Set<UITouch>, with event: UIEvent) {
        super.touchesBegan(touches, with: event)
        onTouch()
        state = .failed
    }

    func gestureRecognizer(_ gestureRecognizer: UIGestureRecognizer, shouldRecognizeSimultaneouslyWith other: UIGestureRecognizer) -> Bool {
        true
    }
}
