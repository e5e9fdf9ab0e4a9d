// Summary: the course-of-conduct summary the core computes — how many incidents, over what
// period, of which kinds, and its indicator sentences — for the victim to see before a
// statement or an export. Every number and sentence is the presenter's.
package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ui.Labels
import app.tally.ui.SummaryPresenter
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

@Composable
internal fun SummaryScreen(summary: SummaryPresenter) {
    val state by summary.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) { summary.load() }
    // A scrolling Column, not a LazyColumn: see Timeline.kt.
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(horizontal = 16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        run {
            Label(t(Key.TIMELINE_FILTER_PERSON))
            PersonPicker(state.people, state.person, Key.TIMELINE_FILTER_EVERYONE) { scope.launch { summary.load(it) } }
            Message(state.message, error = true)
            if (state.loaded && state.incidentsTotal == 0) Text(t(Key.SUMMARY_EMPTY), style = MaterialTheme.typography.bodyLarge)
            Heading(t(Key.SUMMARY_INCIDENTS, state.incidentsTotal), Modifier.padding(top = 8.dp))
            state.period?.let { (first, last) -> Text(t(Key.SUMMARY_PERIOD, shortDate(first), shortDate(last)), style = MaterialTheme.typography.bodyLarge) }
        }
        for ((category, n) in state.byCategory) {
            Row(Modifier.fillMaxWidth()) {
                Text(t(Labels.of(category)), Modifier.weight(1f), style = MaterialTheme.typography.bodyLarge)
                Text("$n", style = MaterialTheme.typography.bodyLarge, fontWeight = FontWeight.Bold)
            }
        }
        for (line in state.lines) Text(line, style = MaterialTheme.typography.bodyLarge)
    }
}
