// Export: choose what to disclose (person, kinds, period, single entries), make the
// evidence pack, hand it to the share sheet. The choices and the pack are the presenter's.
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
import androidx.compose.material3.Checkbox
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ui.ExportPhase
import app.tally.ui.ExportPresenter
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

@Composable
internal fun ExportScreen(export: ExportPresenter, platform: Platform) {
    val state by export.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) { export.load() }
    val sel = state.selection
    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Text(t("export_explain"), style = MaterialTheme.typography.bodyLarge)
        Label(t(Key.EXPORT_PERSON))
        PersonPicker(state.people, sel.person, Key.TIMELINE_FILTER_EVERYONE) { p -> scope.launch { export.select { it.copy(person = p) } } }
        Label(t(Key.EXPORT_CATEGORIES))
        CategoryChips(sel.categories) { c ->
            scope.launch { export.select { s -> s.copy(categories = if (c in s.categories) s.categories - c else s.categories + c) } }
        }
        DateField(platform, Key.EXPORT_PERIOD_FROM, sel.from) { d -> scope.launch { export.select { it.copy(from = d) } } }
        DateField(platform, Key.EXPORT_PERIOD_TO, sel.to) { d -> scope.launch { export.select { it.copy(to = d) } } }
        if (state.candidates.isNotEmpty()) Label(t(Key.EXPORT_ENTRIES))
        for (row in state.candidates) {
            val picked = row.seq in sel.entries
            Row(
                Modifier.fillMaxWidth().heightIn(min = TARGET).toggleable(picked, role = Role.Checkbox) { scope.launch { export.toggleEntry(row.seq) } },
                verticalAlignment = Alignment.CenterVertically,
            ) {
                Checkbox(checked = picked, onCheckedChange = null)
                Text(listOfNotNull(row.day?.let { shortDate(it) }, row.title).joinToString(" · "), Modifier.padding(start = 12.dp))
            }
        }
        state.chosenCount?.let { Text(t(Key.EXPORT_CHOSEN_COUNT, it), style = MaterialTheme.typography.titleMedium) }
        when (val phase = state.phase) {
            is ExportPhase.Running -> {
                Text(t(Key.EXPORT_PROGRESS))
                val total = phase.total
                if (total != null && total > 0u) {
                    LinearProgressIndicator(progress = { phase.done.toFloat() / total.toFloat() }, modifier = Modifier.fillMaxWidth())
                } else {
                    LinearProgressIndicator(Modifier.fillMaxWidth())
                }
            }
            is ExportPhase.Done -> {
                Message(Key.EXPORT_DONE)
                PrimaryButton(t(Key.EXPORT_SHARE)) { platform.sharePack(phase.path) }
            }
            is ExportPhase.Failed -> Message(phase.message, error = true)
            ExportPhase.Idle -> {}
        }
        // Once the pack is made, sharing it is the one main action; making another is secondary.
        if (state.phase is ExportPhase.Done) {
            SecondaryButton(t(Key.EXPORT_BUTTON), Modifier.fillMaxWidth()) { scope.launch { export.export() } }
        } else {
            PrimaryButton(t(Key.EXPORT_BUTTON), enabled = state.phase !is ExportPhase.Running) { scope.launch { export.export() } }
        }
    }
}
