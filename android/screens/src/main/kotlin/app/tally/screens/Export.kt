// Export: choose what to disclose (person, kinds of incident, period, single entries), see
// the disclosure plan, make the evidence pack, hand it to the share sheet. The choices and
// the pack are the presenter's; the plan — every entry going out and why, the count
// withheld, the problems with the choices, shown before anything is written — is the
// core's export screen view (app.tally.ffi.ExportScreen), drawn by [DisclosurePlan]. Its
// one-sentence summary stays in reach beside the button; the pack follows that plan.
package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
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
import app.tally.ui.WorkPhase
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
            state.plan?.let { DisclosurePlan(it, withSummary = false) }
        }
        Surface(tonalElevation = 3.dp, modifier = Modifier.fillMaxWidth()) {
            Column(Modifier.padding(horizontal = 16.dp, vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                // Once written, the pack's own count is the one that matters; two would confuse.
                val plan = state.plan
                if (state.phase !is WorkPhase.Done && plan != null) {
                    Text(plan.summary, style = MaterialTheme.typography.titleMedium)
                    for (e in plan.errors) Text(e.text, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyLarge)
                }
                when (val phase = state.phase) {
                    is WorkPhase.Running -> WorkProgress(t(Key.EXPORT_PROGRESS), phase)
                    is WorkPhase.Done -> {
                        Notice(t("export_done_counts", phase.summary.disclosed.toLong(), phase.summary.withheld.toLong()))
                        PrimaryButton(t(Key.EXPORT_SHARE)) { platform.sharePack(phase.path) }
                    }
                    is WorkPhase.Failed -> Message(phase.message, error = true)
                    WorkPhase.Idle -> {}
                }
                // Once the pack is made, sharing it is the one main action; making another is secondary.
                if (state.phase is WorkPhase.Done) {
                    SecondaryButton(t(Key.EXPORT_BUTTON), Modifier.fillMaxWidth()) { scope.launch { export.export() } }
                } else {
                    PrimaryButton(t(Key.EXPORT_BUTTON), enabled = state.phase !is WorkPhase.Running && plan?.ready == true) { scope.launch { export.export() } }
                }
            }
        }
    }
}

/**
 * The core's disclosure plan, before anything is written: its one-sentence summary and the
 * choices' problems in its words (unless shown elsewhere, [withSummary] false), then every
 * entry going out with why (chosen, named by an entry, a version of an entry).
 */
@Composable
fun DisclosurePlan(plan: ExportScreen, withSummary: Boolean = true) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Heading(t("export_plan"))
        if (withSummary) {
            Notice(plan.summary, error = !plan.ready)
            for (e in plan.errors) Text(e.text, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyLarge)
        }
        for (going in plan.goingOut) {
            Column(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
                Text(going.whyText, style = MaterialTheme.typography.labelLarge, color = MaterialTheme.colorScheme.primary)
                Text(going.item.headline, style = MaterialTheme.typography.bodyLarge)
                going.item.statusText?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
            }
        }
    }
}
