// KeepSafe: safe to keep, safe to lose. A backup — one encrypted file of the whole diary,
// opened by the same passphrase — made with progress and a Stop, then handed to the share
// sheet or saved to a folder the victim chooses; the second passphrase that opens a decoy
// diary of its own (typed twice, set or removed), with what it can and cannot hide; and
// biometric unlock, which opens whichever diary was open when it was turned on. The screen
// looks the same in the decoy: nothing on it says which diary is open.
package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.Field
import app.tally.ui.Text as Key
import app.tally.ui.WorkPhase
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch

@Composable
internal fun KeepSafeScreen(p: Presenters, platform: Platform) {
    val keep = p.keepSafe
    val state by keep.state.collectAsStateWithLifecycle()
    val settings by p.settings.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var backupJob by remember { mutableStateOf<Job?>(null) }
    var duress by remember { mutableStateOf("") }
    var again by remember { mutableStateOf("") }
    var removing by remember { mutableStateOf(false) }
    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        // ---- backup ----------------------------------------------------------------------
        Heading(t(Key.KEEP_SAFE_BACKUP))
        Text(t("keep_safe_backup_explain"), style = MaterialTheme.typography.bodyLarge)
        when (val phase = state.backup) {
            is WorkPhase.Running -> {
                WorkProgress(t("keep_safe_backup_progress"), phase)
                SecondaryButton(t(Key.KEEP_SAFE_STOP), Modifier.fillMaxWidth()) { backupJob?.cancel() }
            }
            is WorkPhase.Done -> {
                Notice(t("keep_safe_backup_done", phase.summary.entries.toLong()))
                PrimaryButton(t(Key.KEEP_SAFE_SHARE)) { platform.shareBackup(phase.path) }
                SecondaryButton(t(Key.KEEP_SAFE_SAVE_TO), Modifier.fillMaxWidth()) { platform.saveBackup(phase.path) }
            }
            is WorkPhase.Failed -> {
                Message(phase.message, error = true)
                SecondaryButton(t(Key.KEEP_SAFE_MAKE_BACKUP), Modifier.fillMaxWidth()) { backupJob = scope.launch { keep.backup() } }
            }
            WorkPhase.Idle -> SecondaryButton(t(Key.KEEP_SAFE_MAKE_BACKUP), Modifier.fillMaxWidth()) { backupJob = scope.launch { keep.backup() } }
        }
        HorizontalDivider(Modifier.padding(vertical = 8.dp))

        // ---- the second passphrase -------------------------------------------------------
        Heading(t(Key.KEEP_SAFE_DURESS))
        Text(t("keep_safe_duress_explain"), style = MaterialTheme.typography.bodyLarge)
        PassphraseField(duress, Key.KEEP_SAFE_DURESS_NEW) { duress = it }
        FieldProblems(state.duressErrors, Field.PASSPHRASE)
        PassphraseField(again, Key.CREATE_CONFIRM_LABEL) { again = it }
        FieldProblems(state.duressErrors, Field.CONFIRMATION)
        Message(state.message, error = state.message !in setOf(Key.KEEP_SAFE_DURESS_SET_DONE, Key.KEEP_SAFE_DURESS_REMOVED))
        SecondaryButton(t(Key.KEEP_SAFE_DURESS_SET), Modifier.fillMaxWidth(), enabled = !state.busy && duress.isNotEmpty()) {
            scope.launch {
                if (keep.setDuress(duress, again)) {
                    duress = ""
                    again = ""
                }
            }
        }
        if (removing) {
            Notice(t("keep_safe_duress_remove_explain"), error = true)
            DangerButton(t(Key.KEEP_SAFE_DURESS_REMOVE_CONFIRM), Modifier.fillMaxWidth()) {
                removing = false
                scope.launch { keep.removeDuress() }
            }
            SecondaryButton(t(Key.KEEP_SAFE_KEEP_IT), Modifier.fillMaxWidth()) { removing = false }
        } else {
            DangerButton(t(Key.KEEP_SAFE_DURESS_REMOVE), Modifier.fillMaxWidth()) { removing = true }
        }
        Text(t("keep_safe_duress_limits"), style = MaterialTheme.typography.bodyMedium)
        HorizontalDivider(Modifier.padding(vertical = 8.dp))

        // ---- biometric unlock ------------------------------------------------------------
        Row(
            Modifier.fillMaxWidth().heightIn(min = TARGET).toggleable(settings.biometricEnabled, role = Role.Switch, onValueChange = platform::setBiometric),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Text(t(Key.SETTINGS_BIOMETRIC), Modifier.weight(1f), style = MaterialTheme.typography.bodyLarge)
            Switch(checked = settings.biometricEnabled, onCheckedChange = null)
        }
        Text(t("keep_safe_biometric_which"), style = MaterialTheme.typography.bodyMedium)
    }
}
