// Export: choose what to disclose (person, kinds of incident, period, single entries), make
// the evidence pack, hand it to the share sheet. The choices and the pack are the
// presenter's; what the chosen entries bring with them is the core's.
//
// The disclosure plan — every entry going out and why, and the count withheld, shown before
// anything is written — is the core's export screen view (app.tally.ffi.ExportScreen),
// drawn by [DisclosurePlan] below. It reaches this screen once the diary offers it through
// the bindings (the pack's Diary::disclosure_plan feeding view::export_screen); until then
// the screen shows how many entries the choices select, and the pack's verdict afterwards.
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
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.ExportScreen
import app.tally.ui.ExportPhase
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

@Composable
internal fun ExportScreen(p: Presenters, platform: Platform) {
    val export = p.export
    val state by export.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    val choices = remember(p) { p.choices() }
    LaunchedEffect(Unit) { export.load() }
    val sel = state.selection
    Column(Modifier.fillMaxSize()) {
        Column(
            Modifier.weight(1f).verticalScroll(rememberScrollState()).padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            Text(t("export_explain"), style = MaterialTheme.typography.bodyLarge)
            Label(t(Key.EXPORT_PERSON))
            PersonPicker(state.people, sel.person, Key.TIMELINE_FILTER_EVERYONE) { who -> scope.launch { export.select { it.copy(person = who) } } }
            Label(t(Key.EXPORT_CATEGORIES))
            ChoiceChips(choices.categories.map { it.value to it.label }, { it in sel.categories }) { c ->
                scope.launch { export.select { s -> s.copy(categories = if (c in s.categories) s.categories - c else s.categories + c) } }
            }
            DateButton(platform, t(Key.EXPORT_PERIOD_FROM) + (sel.from?.let { ": " + shortDate(it) } ?: ""), sel.from, Modifier.fillMaxWidth()) { d ->
                scope.launch { export.select { it.copy(from = d) } }
            }
            DateButton(platform, t(Key.EXPORT_PERIOD_TO) + (sel.to?.let { ": " + shortDate(it) } ?: ""), sel.to, Modifier.fillMaxWidth()) { d ->
                scope.launch { export.select { it.copy(to = d) } }
            }
            if (state.candidates.isNotEmpty()) Label(t(Key.EXPORT_ENTRIES))
            for (row in state.candidates) {
                CheckRow(row.seq in sel.entries, listOfNotNull(row.headline, row.time?.text, row.statusText).joinToString(" · ")) {
                    scope.launch { export.toggleEntry(row.seq) }
                }
            }
        }
        Surface(tonalElevation = 3.dp, modifier = Modifier.fillMaxWidth()) {
            Column(Modifier.padding(horizontal = 16.dp, vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                // Once written, the pack's own count (with the people and versions the chosen
                // entries bring) is the one that matters; two numbers would only confuse.
                if (state.phase !is ExportPhase.Done) {
                    state.chosenCount?.let { Text(t(Key.EXPORT_CHOSEN_COUNT, it), style = MaterialTheme.typography.titleMedium) }
                }
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
                        Notice(t("export_done_counts", phase.summary.disclosed.toLong(), phase.summary.withheld.toLong()))
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
    }
}

/**
 * The core's disclosure plan, before anything is written: its one-sentence summary, then
 * every entry going out with why (chosen, named by an entry, a version of an entry), and
 * the choices' problems in its words.
 */
@Composable
fun DisclosurePlan(plan: ExportScreen) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Heading(t("export_plan"))
        Notice(plan.summary, error = !plan.ready)
        for (e in plan.errors) Text(e.text, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyLarge)
        for (going in plan.goingOut) {
            Column(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
                Text(going.whyText, style = MaterialTheme.typography.labelLarge, color = MaterialTheme.colorScheme.primary)
                Text(going.item.headline, style = MaterialTheme.typography.bodyLarge)
                going.item.statusText?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
            }
        }
    }
}
