// Timeline: the diary newest first, grouped by the local day each entry happened, with its
// person and category filters and an entry's history (first record, corrections, removal)
// in a dialog. Grouping, titles and filters are the presenter's.
package app.tally.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.EntryKind
import app.tally.ffi.EntryStatus
import app.tally.ui.TimelinePresenter
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

@Composable
internal fun TimelineScreen(timeline: TimelinePresenter, platform: Platform) {
    val state by timeline.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var showFilters by remember { mutableStateOf(false) }
    LaunchedEffect(Unit) { timeline.refresh() }
    // A scrolling Column rather than a LazyColumn: under Compose Multiplatform 1.10's
    // headless scene a LazyColumn did not lay out rows that arrived after its first layout
    // (the timeline after an unlock, the people and police lists), so the UI tests could not
    // see what a victim would. Diaries run to hundreds of entries, which a Column composes at
    // once well enough; the core's timeline view, which pages, is where a lazy list returns.
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(horizontal = 16.dp)) {
        run {
            // The entries come first; the filters open behind one button (and say when on).
            val filtered = state.person != null || state.categories.isNotEmpty()
            SecondaryButton(
                t(if (showFilters) "timeline_filters_hide" else if (filtered) "timeline_filters_on" else "timeline_filters_show"),
                Modifier.fillMaxWidth().padding(top = 8.dp),
            ) { showFilters = !showFilters }
            if (showFilters) {
                Label(t(Key.TIMELINE_FILTER_PERSON))
                PersonPicker(state.people, state.person, Key.TIMELINE_FILTER_EVERYONE) { scope.launch { timeline.setPerson(it) } }
                Label(t(Key.TIMELINE_FILTER_CATEGORY))
                CategoryChips(state.categories) { scope.launch { timeline.toggleCategory(it) } }
            }
            Message(state.message, error = true)
            if (state.days.isEmpty() && !state.busy) Text(t(Key.TIMELINE_EMPTY), Modifier.padding(vertical = 16.dp), style = MaterialTheme.typography.bodyLarge)
        }
        for (day in state.days) {
            run { Heading(longDate(day.day), Modifier.padding(top = 16.dp, bottom = 4.dp)) }
            for (item in day.items) {
                val status = when (item.status) {
                    EntryStatus.AMENDED -> t(Key.TIMELINE_AMENDED)
                    EntryStatus.ERASED -> t(Key.TIMELINE_ERASED)
                    EntryStatus.ORIGINAL -> null
                }
                val photos = if (item.attachments > 0) t("timeline_attachments", item.attachments) else null
                ListItem(
                    overlineContent = { Text(listOfNotNull(item.time?.let { clockTime(it) }, item.label?.let { t(it) }, status).joinToString(" · ")) },
                    headlineContent = { Text(item.title, style = MaterialTheme.typography.bodyLarge) },
                    supportingContent = photos?.let { { Text(it) } },
                    modifier = Modifier.heightIn(min = TARGET).clickable(onClickLabel = t(Key.TIMELINE_HISTORY)) { scope.launch { timeline.openHistory(item.seq) } },
                )
                HorizontalDivider()
            }
        }
    }
    state.history?.let { (_, steps) ->
        AlertDialog(
            onDismissRequest = timeline::closeHistory,
            confirmButton = { TextButton(onClick = timeline::closeHistory, modifier = Modifier.heightIn(min = 48.dp)) { Text(t("history_close")) } },
            title = { Text(t(Key.TIMELINE_HISTORY)) },
            text = {
                Column(Modifier.verticalScroll(rememberScrollState())) {
                    for (s in steps) {
                        val what = when (s.kind) {
                            EntryKind.AMENDMENT -> t(Key.TIMELINE_AMENDED)
                            EntryKind.ERASURE -> t(Key.TIMELINE_ERASED)
                            else -> t(Key.TIMELINE_ORIGINAL)
                        }
                        Text(listOfNotNull(what, s.recordedAt).joinToString(" · "), style = MaterialTheme.typography.labelLarge)
                        s.text?.let { Text(it, style = MaterialTheme.typography.bodyLarge) }
                        s.reason?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                        HorizontalDivider(Modifier.padding(vertical = 8.dp))
                    }
                }
            },
            properties = platform.dialogProperties(),
        )
    }
}
