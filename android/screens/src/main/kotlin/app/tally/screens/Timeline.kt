// Timeline: the core's timeline — days newest first, each entry with its time as recorded,
// kind, headline and status (amended, removed with its reason, damaged where it stood) —
// with the person and category filters behind one button. A lazy list: a diary runs to
// hundreds of entries, and only the rows on screen are composed.
package app.tally.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.lazy.rememberLazyListState
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.ListItemDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.ItemStatus
import app.tally.ffi.TimelineItem
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

/** The test tag of the timeline's list, and of each of its rows. */
const val TIMELINE_LIST = "timeline"
const val TIMELINE_ROW = "timeline-row"

@Composable
internal fun TimelineScreen(p: Presenters, onOpen: (ULong) -> Unit) {
    val timeline = p.timeline
    val state by timeline.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    val choices = remember(p) { p.choices() }
    var showFilters by rememberSaveable { mutableStateOf(false) }
    LaunchedEffect(Unit) { timeline.refresh() }
    // Read in the body, not only inside the lazy list's builder: a new timeline then
    // recomposes this body and rebuilds the items (see Records.kt).
    val days = state.timeline?.days.orEmpty()
    LazyColumn(Modifier.fillMaxSize().testTag(TIMELINE_LIST), state = rememberLazyListState()) {
        item(key = "filters") {
            // The entries come first; the filters open behind one button (and say when on).
            Column(Modifier.padding(horizontal = 16.dp)) {
                val filtered = state.person != null || state.categories.isNotEmpty()
                SecondaryButton(
                    t(if (showFilters) "timeline_filters_hide" else if (filtered) "timeline_filters_on" else "timeline_filters_show"),
                    Modifier.fillMaxWidth().padding(top = 8.dp),
                ) { showFilters = !showFilters }
                if (showFilters) {
                    Label(t(Key.TIMELINE_FILTER_PERSON))
                    PersonPicker(state.people, state.person, Key.TIMELINE_FILTER_EVERYONE) { scope.launch { timeline.setPerson(it) } }
                    Label(t(Key.TIMELINE_FILTER_CATEGORY))
                    ChoiceChips(choices.categories.map { it.value to it.label }, { it in state.categories }) { scope.launch { timeline.toggleCategory(it) } }
                }
                Message(state.message, error = true)
                state.timeline?.emptyText?.let { Text(it, Modifier.padding(vertical = 16.dp), style = MaterialTheme.typography.bodyLarge) }
            }
        }
        for (day in days) {
            item(key = "day-${day.date}") {
                Heading(day.heading, Modifier.padding(start = 16.dp, end = 16.dp, top = 16.dp, bottom = 4.dp))
            }
            items(day.items, key = { it.seq.toLong() }) { item ->
                TimelineRow(item) { onOpen(item.seq) }
                HorizontalDivider()
            }
        }
    }
}

/** One entry: time and kind above, the headline, then its status and what it holds. */
@Composable
private fun TimelineRow(item: TimelineItem, onOpen: () -> Unit) {
    val colours = MaterialTheme.colorScheme
    val (container, statusColour) = when (item.status) {
        is ItemStatus.Damaged -> colours.errorContainer to colours.onErrorContainer
        is ItemStatus.Removed -> colours.surfaceContainer to colours.error
        is ItemStatus.Amended -> Color.Transparent to colours.primary
        ItemStatus.Current -> Color.Transparent to colours.onSurface
    }
    val photos = if (item.attachments > 0u) t("timeline_attachments", item.attachments.toLong()) else null
    val people = item.people.joinToString(", ") { it.name }.ifEmpty { null }
    ListItem(
        // The time and kind a step larger than Material's overline: read at a glance.
        overlineContent = {
            Text(listOfNotNull(item.time?.time, item.categoryLabel ?: item.kindLabel).joinToString(" · "), style = MaterialTheme.typography.labelMedium)
        },
        headlineContent = { Text(item.headline, style = MaterialTheme.typography.bodyLarge) },
        supportingContent = {
            Column {
                item.statusText?.let { Text(it, color = statusColour, style = MaterialTheme.typography.bodyMedium) }
                listOfNotNull(people, photos).takeIf { it.isNotEmpty() }?.let { Text(it.joinToString(" · ")) }
            }
        },
        colors = ListItemDefaults.colors(containerColor = container),
        modifier = Modifier.testTag(TIMELINE_ROW).heightIn(min = TARGET).clickable(onClickLabel = t("timeline_open"), onClick = onOpen),
    )
}
