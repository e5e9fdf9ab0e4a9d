// Import: the import wizard. Choose a WhatsApp chat export, an SMS backup, or a Telegram,
// Instagram or Messenger download; the core reads it and writes nothing yet — what it is,
// what it holds, what it will join or leave out — and asks the day/month question only when
// the dates cannot tell, and which chat for a Telegram export of all chats; the victim chooses whose
// messages matter and whom the conversation is with; then one Import keeps it all as one
// entry, the original file included.
package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

@Composable
internal fun ImportScreen(p: Presenters, platform: Platform) {
    val imports = p.imports
    val state by imports.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    val choose = { platform.pickImportFile { path -> scope.launch { imports.choose(path) } } }
    val preview = state.preview
    Column(Modifier.fillMaxSize()) {
        Column(
            Modifier.weight(1f).verticalScroll(rememberScrollState()).padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            Message(state.message, error = true)
            if (state.busy) LinearProgressIndicator(Modifier.fillMaxWidth())
            if (preview == null) {
                Text(t("import_explain"), style = MaterialTheme.typography.bodyLarge)
                return@Column
            }
            state.doneHeadline?.let {
                Notice(t("import_done"))
                Heading(it)
            }
            Label(t("import_file"))
            Text(preview.formatLabel, style = MaterialTheme.typography.titleMedium)
            for (line in preview.lines) Text(line, style = MaterialTheme.typography.bodyLarge)
            if (state.done != null) return@Column
            preview.dateOrderQuestion?.let { q ->
                Heading(t("import_dates"), Modifier.padding(top = 8.dp))
                Text(q.text, style = MaterialTheme.typography.bodyLarge)
                for (c in q.choices) RadioRow(state.dateOrder == c.order, c.label) { scope.launch { imports.answerDateOrder(c.order) } }
            }
            if (preview.chats.isNotEmpty()) {
                Heading(t("import_chat"), Modifier.padding(top = 8.dp))
                for (c in preview.chats) {
                    val name = c.name ?: continue
                    RadioRow(state.chat == name, name) { scope.launch { imports.chooseChat(name) } }
                }
            }
            if (preview.senders.isNotEmpty()) {
                Heading(t("import_senders"), Modifier.padding(top = 8.dp))
                Text(t("import_senders_explain"), style = MaterialTheme.typography.bodyMedium)
                for (s in preview.senders) {
                    val who = listOfNotNull(s.name, s.contact).joinToString(" · ")
                    CheckRow(s.name in state.senders, "$who (${t("import_sender_count", s.messages.toLong(), s.calls.toLong())})") {
                        imports.toggleSender(s.name)
                    }
                }
            }
            if (state.people.isNotEmpty()) {
                Label(t("import_person"))
                PersonPicker(state.people, state.person, Key.CAPTURE_PERSON_NONE, imports::setPerson)
            }
        }
        Surface(tonalElevation = 3.dp, modifier = Modifier.fillMaxWidth()) {
            Column(Modifier.padding(horizontal = 16.dp, vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                when {
                    preview == null -> PrimaryButton(t("import_choose"), enabled = !state.busy, onClick = choose)
                    state.done != null -> PrimaryButton(t("import_another")) { imports.reset() }
                    else -> {
                        if (state.waitingForDateOrder) Notice(t("import_answer_dates"))
                        if (state.waitingForChat) Notice(t("import_answer_chat"))
                        val ready = !state.busy && !state.waitingForDateOrder && !state.waitingForChat
                        PrimaryButton(t("import_button"), enabled = ready) { scope.launch { imports.import() } }
                        SecondaryButton(t("import_choose_other"), Modifier.fillMaxWidth(), enabled = !state.busy, onClick = choose)
                    }
                }
            }
        }
    }
}
