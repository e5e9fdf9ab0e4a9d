// The two screens of a locked diary: creating one (first run) and unlocking it (passphrase,
// or Face ID / Touch ID when set up). They draw and forward; AppModel calls the core.
import SwiftUI

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
                Button("unlock_button", action: unlock)
                    .disabled(model.busy || passphrase.isEmpty)
                if model.canUseBiometrics {
                    Button("unlock_biometric_button") {
                        Task { await model.unlockWithBiometrics() }
                    }
                    .disabled(model.busy)
                }
            } header: {
                Text("unlock_title").font(.title2)
            } footer: {
                ModelMessage()
            }
        }
        .task {
            if model.canUseBiometrics { await model.unlockWithBiometrics() }
        }
    }

    private func unlock() {
        let typed = passphrase
        // The field forgets the passphrase at once; only the core keeps anything, as a key.
        passphrase = ""
        Task { await model.unlock(passphrase: typed) }
    }
}

struct CreateScreen: View {
    @EnvironmentObject private var model: AppModel
    @State private var passphrase = ""
    @State private var confirmation = ""

    var body: some View {
        Form {
            Section {
                SecureField("unlock_passphrase_label", text: $passphrase)
                    .textContentType(.newPassword)
                SecureField("create_confirm_label", text: $confirmation)
                    .textContentType(.newPassword)
                Button("create_button") {
                    let (typed, again) = (passphrase, confirmation)
                    passphrase = ""
                    confirmation = ""
                    Task { await model.create(passphrase: typed, confirmation: again) }
                }
                .disabled(model.busy || passphrase.isEmpty)
            } header: {
                Text("create_title").font(.title2)
            } footer: {
                ModelMessage()
            }
        }
    }
}
