// The two screens of a locked diary: creating one (first run, or restoring a backup on a
// new phone) and unlocking it (either passphrase, or Face ID / Touch ID when set up). After too many wrong passphrases the
// unlock screen shows the core's wait ("Try again in 2 minutes"), counting down; the diary
// is never wiped. The passphrase lives only in the field and is cleared as soon as it is
// handed over. They draw and forward; AppModel calls the core.
import SwiftUI
import Tally
import UniformTypeIdentifiers

@MainActor
struct UnlockScreen: View {
    @EnvironmentObject private var model: AppModel
    @State private var passphrase = ""

    var body: some View {
        Form {
            Section {
                SecureField("unlock_passphrase_label", text: $passphrase)
                    .textContentType(.password)
                    .submitLabel(.go)
                    .onSubmit(unlock)
                // The gate is asked again every second, so the wait counts down and the
                // button comes back when it is over.
                TimelineView(.periodic(from: .now, by: 1)) { context in
                    let gate = model.gate(at: context.date)
                    VStack(alignment: .leading, spacing: 12) {
                        if case let .wait(_, _, wait) = gate {
                            Text(verbatim: wait).foregroundStyle(.secondary)
                        }
                        // Bordered styles keep two buttons in one row tapped one at a time.
                        Button("unlock_button", action: unlock)
                            .buttonStyle(.borderedProminent)
                            .disabled(model.busy || passphrase.isEmpty || gate != .allowed)
                        if model.canUseBiometrics {
                            Button("unlock_biometric_button") {
                                Task { await model.unlockWithBiometrics() }
                            }
                            .buttonStyle(.bordered)
                            .disabled(model.busy || gate != .allowed)
                        }
                    }
                }
                if model.busy { ProgressView() }
            } header: {
                Text("unlock_title").font(.title2)
            } footer: {
                ModelMessage()
            }
        }
        .quickExitButton(model.quickExit)
        .task {
            if model.canUseBiometrics { await model.unlockWithBiometrics() }
        }
    }

    private func unlock() {
        guard !passphrase.isEmpty else { return }
        let typed = passphrase
        // The field forgets the passphrase at once; only the core keeps anything, as a key.
        passphrase = ""
        Task { await model.unlock(passphrase: typed) }
    }
}

@MainActor
struct CreateScreen: View {
    @EnvironmentObject private var model: AppModel
    @State private var passphrase = ""
    @State private var confirmation = ""

    var body: some View {
        Form {
            Section {
                Text("create_explain")
                SecureField("unlock_passphrase_label", text: $passphrase)
                    .textContentType(.newPassword)
                FieldErrorsView(errors: model.passphraseErrors, field: .passphrase)
                SecureField("create_confirm_label", text: $confirmation)
                    .textContentType(.newPassword)
                FieldErrorsView(errors: model.passphraseErrors, field: .confirmation)
                Button("create_button") {
                    let (typed, again) = (passphrase, confirmation)
                    Task {
                        await model.create(passphrase: typed, confirmation: again)
                        // Kept while the core asks for a change, so only the wrong field is retyped.
                        if model.passphraseErrors.isEmpty {
                            passphrase = ""
                            confirmation = ""
                        }
                    }
                }
                .disabled(model.busy || passphrase.isEmpty)
                if model.busy { ProgressView() }
            } header: {
                Text("create_title").font(.title2)
            } footer: {
                ModelMessage()
            }
            RestoreSection()
        }
        .quickExitButton(model.quickExit)
    }
}

/// A new phone: restore the diary from a backup chosen in Files, with its passphrase. The
/// core checks every entry, head and attachment before anything is kept, and the diary goes
/// on as the same diary under the same key.
@MainActor
private struct RestoreSection: View {
    @EnvironmentObject private var model: AppModel
    @State private var choosing = false
    @State private var backup: URL?
    @State private var passphrase = ""

    var body: some View {
        Section {
            Button("create_restore") { choosing = true }
            if let backup {
                Label(backup.lastPathComponent, systemImage: "doc")
                SecureField("restore_passphrase", text: $passphrase)
                Button("restore_button") {
                    let typed = passphrase
                    passphrase = ""
                    Task { await model.restore(backup: backup, passphrase: typed) }
                }
                .disabled(model.busy || passphrase.isEmpty)
            }
        } footer: {
            Text("create_restore_explained")
        }
        .fileImporter(isPresented: $choosing, allowedContentTypes: [.data]) { result in
            if case let .success(url) = result { backup = url }
        }
    }
}
