// SettingsScreen: biometric unlock, how soon the idle diary locks, the disguise (icon and
// decoy screen), the passphrase, a place for the duress passphrase, and quick exit. The
// lock time is one of the core's lock settings; the new passphrase is held to the core's
// review, each problem beside its field. None of these settings is diary content.
import SwiftUI
import Tally

@MainActor
struct SettingsScreen: View {
    @EnvironmentObject private var model: AppModel

    /// A lock time to choose, with its name.
    private struct IdleChoice {
        let seconds: UInt64
        let key: LocalizedStringKey
    }

    private static let idleChoices = [
        IdleChoice(seconds: 60, key: "settings_lock_1_minute"),
        IdleChoice(seconds: 120, key: "settings_lock_2_minutes"),
        IdleChoice(seconds: 300, key: "settings_lock_5_minutes"),
        IdleChoice(seconds: 600, key: "settings_lock_10_minutes"),
    ]

    var body: some View {
        Form {
            Section {
                if model.keys.isAvailable {
                    Toggle("settings_biometric", isOn: Binding(
                        get: { model.biometricEnabled },
                        set: { on in Task { await model.setBiometric(on) } }
                    ))
                }
                Picker("settings_lock_after", selection: Binding(
                    get: { model.idleSeconds },
                    set: { model.setIdleSeconds($0) }
                )) {
                    ForEach(Self.idleChoices, id: \.seconds) { choice in
                        Text(choice.key).tag(choice.seconds)
                    }
                }
            } footer: {
                Text("settings_lock_explained")
            }
            Section {
                Picker("settings_icon", selection: Binding(
                    get: { model.disguise },
                    set: { chosen in Task { await model.setDisguise(chosen) } }
                )) {
                    ForEach(Disguise.allCases) { Text($0.labelKey).tag($0) }
                }
            } footer: {
                Text("settings_disguise_explained")
            }
            Section {
                NavigationLink("settings_change_passphrase") { ChangePassphraseScreen() }
            }
            // The second passphrase that opens a decoy diary of its own arrives with the
            // library's duress support; the unlock screen already takes any passphrase the
            // diary has.
            Section {
                Text("settings_duress_later").foregroundStyle(.secondary)
            } header: {
                Text("settings_duress")
            }
            Section {
                Button("settings_quick_exit", role: .destructive, action: model.quickExit)
            } footer: {
                Text("settings_quick_exit_explained")
            }
        }
        .navigationTitle(Text("settings_title"))
    }
}

@MainActor
private struct ChangePassphraseScreen: View {
    @EnvironmentObject private var session: DiarySession
    @State private var old = ""
    @State private var new = ""
    @State private var confirmation = ""
    @State private var errors: [FieldError] = []
    @State private var busy = false
    @State private var changed = false

    var body: some View {
        Form {
            Section {
                SecureField("settings_old_passphrase", text: $old)
                SecureField("settings_new_passphrase", text: $new)
                FieldErrorsView(errors: errors, field: .passphrase)
                SecureField("create_confirm_label", text: $confirmation)
                FieldErrorsView(errors: errors, field: .confirmation)
                Button("settings_change_passphrase") { change() }
                    .disabled(busy || old.isEmpty || new.isEmpty)
            } footer: {
                if changed { Text("settings_passphrase_changed") }
            }
        }
        .navigationTitle(Text("settings_change_passphrase"))
    }

    private func change() {
        let (old, new, confirmation) = (self.old, self.new, self.confirmation)
        errors = TallyDiary.reviewNewPassphrase(new, confirmation: confirmation, device: session.diary.device)
        guard errors.isEmpty else { return }
        busy = true
        changed = false
        session.spawn {
            defer { busy = false }
            if await session.run({ diary in try await diary.changePassphrase(old: old, new: new) }) != nil {
                self.old = ""
                self.new = ""
                self.confirmation = ""
                changed = true
            }
        }
    }
}
