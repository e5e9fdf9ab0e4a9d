// Unlock: the first screen — create the diary on first run, then unlock by passphrase (or
// by biometrics, which the platform performs). Quick exit is here too: someone may walk in
// while the passphrase is being typed.
package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.Field
import app.tally.ui.Text as Key
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

@Composable
internal fun UnlockScreen(p: Presenters, platform: Platform) {
    val state by p.unlock.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    // The passphrase lives only in these fields, never in a presenter, nor across process death.
    var passphrase by remember { mutableStateOf("") }
    var confirmation by remember { mutableStateOf("") }
    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(horizontal = 24.dp, vertical = 16.dp),
        verticalArrangement = Arrangement.spacedBy(16.dp),
    ) {
        Row(Modifier.fillMaxWidth()) {
            Spacer(Modifier.weight(1f))
            QuickExitButton(platform)
        }
        Heading(t(if (state.firstRun) Key.CREATE_TITLE else Key.UNLOCK_TITLE))
        if (state.firstRun) Text(t("create_explain"), style = MaterialTheme.typography.bodyLarge)
        PassphraseField(passphrase, Key.UNLOCK_PASSPHRASE_LABEL) { passphrase = it }
        FieldProblems(state.fieldErrors, Field.PASSPHRASE)
        if (state.firstRun) {
            PassphraseField(confirmation, Key.CREATE_CONFIRM_LABEL) { confirmation = it }
            FieldProblems(state.fieldErrors, Field.CONFIRMATION)
        }
        SaveProblems(state.fieldErrors.filter { it.field != Field.PASSPHRASE && it.field != Field.CONFIRMATION }, emptySet())
        val wait = state.wait
        // After too many wrong passphrases the core's wait shows, counting down; until it
        // ends no attempt is made (and none is counted).
        if (wait != null) {
            Notice(wait.text, error = true)
            // Someone afraid of losing everything must not be left guessing: nothing is wiped.
            Text(t("unlock_wait_safe"), style = MaterialTheme.typography.bodyLarge)
            LaunchedEffect(wait.until) {
                while (true) {
                    delay(1_000)
                    p.unlock.refreshGate()
                }
            }
        } else {
            state.error?.let { Message(it.message, error = true) }
        }
        PrimaryButton(t(if (state.firstRun) Key.CREATE_BUTTON else Key.UNLOCK_BUTTON), enabled = !state.busy && wait == null && passphrase.isNotEmpty()) {
            scope.launch {
                if (state.firstRun) p.unlock.create(passphrase, confirmation) else p.unlock.unlock(passphrase)
                passphrase = ""
                confirmation = ""
            }
        }
        if (!state.firstRun && platform.biometricReady()) {
            SecondaryButton(t(Key.UNLOCK_BIOMETRIC_BUTTON), Modifier.fillMaxWidth(), enabled = !state.busy, onClick = platform::unlockWithBiometric)
        }
        if (state.busy) LinearProgressIndicator(Modifier.fillMaxWidth())
    }
}
