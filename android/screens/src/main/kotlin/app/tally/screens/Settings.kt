// Settings: change the passphrase and the launcher disguise. Biometric unlock, the second
// passphrase and backups are on the Keep safe screen.
package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
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
import app.tally.ui.Disguise
import app.tally.ui.SettingsPresenter
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

@Composable
internal fun SettingsScreen(settings: SettingsPresenter, platform: Platform) {
    val state by settings.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var old by remember { mutableStateOf("") }
    var new by remember { mutableStateOf("") }
    var again by remember { mutableStateOf("") }
    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Heading(t(Key.SETTINGS_CHANGE_PASSPHRASE))
        PassphraseField(old, Key.SETTINGS_OLD_PASSPHRASE) { old = it }
        PassphraseField(new, Key.SETTINGS_NEW_PASSPHRASE) { new = it }
        PassphraseField(again, Key.CREATE_CONFIRM_LABEL) { again = it }
        Message(state.message, error = state.message != Key.SETTINGS_PASSPHRASE_CHANGED)
        SecondaryButton(t(Key.SETTINGS_CHANGE_PASSPHRASE), Modifier.fillMaxWidth(), enabled = !state.busy && new.isNotEmpty()) {
            scope.launch {
                settings.changePassphrase(old, new, again)
                old = ""
                new = ""
                again = ""
            }
        }
        HorizontalDivider(Modifier.padding(vertical = 8.dp))
        Heading(t(Key.SETTINGS_DISGUISE))
        Text(t("disguise_explain"), style = MaterialTheme.typography.bodyMedium)
        for (d in Disguise.entries) {
            Row(
                Modifier.fillMaxWidth().heightIn(min = TARGET).selectable(state.disguise == d, role = Role.RadioButton) { platform.setDisguise(d) },
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = state.disguise == d, onClick = null)
                Text(t(d.label), Modifier.padding(start = 12.dp), style = MaterialTheme.typography.bodyLarge)
            }
        }
    }
}
