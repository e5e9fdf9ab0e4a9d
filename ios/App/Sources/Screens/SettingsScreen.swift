// SettingsScreen: biometric unlock (and which diary it opens), how soon the idle diary
// locks, the disguise (icon and decoy screen), the passphrase, the second passphrase that
// opens a decoy diary, a backup to hand on, and quick exit. The lock time is one of the
// core's lock settings; every new passphrase is held to the core's review, each problem
// beside its field. None of these settings is diary content.
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
                VStack(alignment: .leading, spacing: 6) {
                    Text("settings_biometric_which")
                    Text("settings_lock_explained")
                }
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
                NavigationLink("settings_duress") { DuressScreen() }
                NavigationLink("settings_backup") { BackupScreen() }
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

/// A new passphrase typed twice, held to the core's review: each problem beside its field.
private struct NewPassphraseFields: View {
    let newKey: LocalizedStringKey
    @Binding var passphrase: String
    @Binding var confirmation: String
    let errors: [FieldError]

    var body: some View {
        SecureField(newKey, text: $passphrase)
        FieldErrorsView(errors: errors, field: .passphrase)
        SecureField("create_confirm_label", text: $confirmation)
        FieldErrorsView(errors: errors, field: .confirmation)
    }
}

/// The passphrase changes and every row is re-keyed, with progress; biometric unlock is
/// then set up again with the new key.
@MainActor
private struct ChangePassphraseScreen: View {
    @EnvironmentObject private var model: AppModel
    @EnvironmentObject private var session: DiarySession
    @StateObject private var progress = WorkProgress()
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
                NewPassphraseFields(newKey: "settings_new_passphrase", passphrase: $new, confirmation: $confirmation, errors: errors)
                if busy { ProgressRow(progress: progress) }
                Button("settings_change_passphrase") { change() }
                    .disabled(busy || old.isEmpty || new.isEmpty)
            } footer: {
                if changed { Text("settings_passphrase_changed") } else { Text("settings_passphrase_explained") }
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
        let onProgress = progress.handler
        session.spawn {
            defer {
                busy = false
                progress.update(done: 0, total: nil)
            }
            guard await session.run({ diary in try await diary.changePassphrase(old: old, new: new, onProgress: onProgress) }) != nil
            else { return }
            self.old = ""
            self.new = ""
            self.confirmation = ""
            changed = true
            await model.passphraseChanged()
        }
    }
}

/// The second passphrase: it opens a separate, empty diary, for when someone makes the
/// victim unlock the app in front of them. Setting or removing it needs the diary opened
/// with its own passphrase; the core refuses it under the second one.
@MainActor
private struct DuressScreen: View {
    @EnvironmentObject private var session: DiarySession
    @State private var passphrase = ""
    @State private var confirmation = ""
    @State private var errors: [FieldError] = []
    @State private var busy = false
    @State private var done: String?
    @State private var removing = false

    var body: some View {
        Form {
            Section {
                Text("settings_duress_explained")
            }
            Section {
                NewPassphraseFields(newKey: "settings_duress_new", passphrase: $passphrase, confirmation: $confirmation, errors: errors)
                Button("settings_duress_set") { set() }
                    .disabled(busy || passphrase.isEmpty)
            } footer: {
                if let done { Text(LocalizedStringKey(done)) }
            }
            Section {
                Button("settings_duress_remove", role: .destructive) { removing = true }
                    .disabled(busy)
            } footer: {
                Text("settings_duress_limits")
            }
        }
        .navigationTitle(Text("settings_duress"))
        .alert("settings_duress_remove_title", isPresented: $removing) {
            Button("settings_duress_remove", role: .destructive) { remove() }
            Button("record_cancel", role: .cancel) {}
        } message: {
            Text("settings_duress_remove_explained")
        }
    }

    private func set() {
        let (typed, again) = (passphrase, confirmation)
        errors = TallyDiary.reviewNewPassphrase(typed, confirmation: again, device: session.diary.device)
        guard errors.isEmpty else { return }
        run("settings_duress_set_done") { diary in try await diary.setDuressPassphrase(typed) }
    }

    private func remove() {
        run("settings_duress_removed") { diary in try await diary.removeDuressPassphrase() }
    }

    private func run(_ doneKey: String, _ work: @escaping (TallyDiary) async throws -> Void) {
        busy = true
        done = nil
        session.spawn {
            defer { busy = false }
            guard await session.run(work) != nil else { return }
            passphrase = ""
            confirmation = ""
            done = doneKey
        }
    }
}

/// A backup of the whole diary: one encrypted file, opened by the same passphrase, handed
/// to the share sheet (to an advocate, or a place of the victim's own). The share sheet
/// deletes it from the phone when it closes.
@MainActor
private struct BackupScreen: View {
    @EnvironmentObject private var session: DiarySession
    @StateObject private var backup = FileForSharing()
    @State private var entries: UInt64?

    var body: some View {
        Form {
            Section {
                if backup.writing {
                    ProgressRow(progress: backup.progress)
                    Button("export_cancel", role: .cancel) { backup.stop() }
                } else {
                    Button("settings_backup_make") { make() }
                }
                if let entries {
                    Text(verbatim: text("settings_backup_done", Int(entries)))
                }
            } footer: {
                Text("settings_backup_explained")
            }
        }
        .navigationTitle(Text("settings_backup"))
        .sheet(item: $backup.written) { written in
            ShareSheet(file: written.url) { _ in backup.written = nil }
        }
    }

    private func make() {
        entries = nil
        backup.start(
            in: session,
            write: { diary, path, onProgress in try await diary.backup(to: path, onProgress: onProgress) },
            // A name that says what it is to whoever receives it, and nothing of what is in it.
            name: { summary in (summary.path, "backup.tally") },
            done: { summary in entries = summary.entries }
        )
    }
}
