// Summary: the course-of-conduct summary for officers, as the core's summary view words it —
// what was recorded over what period, incidents by kind, a bar per week, the trend, the
// risk indicators as recorded facts, every order with its breaches, every police contact
// (advice to block flagged and explained) — for the victim to see before a statement or an
// export. Every number and sentence is the core's; the same ones open the pack's report.
package app.tally.screens

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.SummaryView
import app.tally.ui.Text as Key
import java.time.LocalDate
import kotlinx.coroutines.launch

@Composable
internal fun SummaryScreen(p: Presenters) {
    val summary = p.summary
    val state by summary.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) { summary.load() }
    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(horizontal = 16.dp, vertical = 8.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Label(t(Key.TIMELINE_FILTER_PERSON))
        PersonPicker(state.people, state.person, Key.TIMELINE_FILTER_EVERYONE) { scope.launch { summary.load(it) } }
        Message(state.message, error = true)
        val view = state.view ?: return@Column
        Heading(view.recorded, Modifier.padding(top = 8.dp))
        Text(view.period, style = MaterialTheme.typography.bodyLarge)
        for (c in view.byCategory) {
            Row(Modifier.fillMaxWidth()) {
                Text(c.label, Modifier.weight(1f), style = MaterialTheme.typography.bodyLarge)
                Text("${c.count}", style = MaterialTheme.typography.bodyLarge, fontWeight = FontWeight.Bold)
            }
        }
        Weeks(view)
        view.trend?.let { Text(it, style = MaterialTheme.typography.bodyLarge) }
        Section(t("summary_indicators"), view.indicators)
        if (view.orders.isNotEmpty()) {
            Section(t("summary_orders"), view.orders.map { it.text } + view.breaches.map { it.text })
        }
        if (view.policeContacts.isNotEmpty()) {
            Section(t("summary_police"), emptyList())
            for (c in view.policeContacts) {
                Text(listOfNotNull(shortDate(LocalDate.parse(c.date)), c.reference).joinToString(" · "), style = MaterialTheme.typography.bodyLarge)
                c.blockingNote?.let { Notice(it, error = true) }
            }
            for (r in view.references) Text(r, style = MaterialTheme.typography.bodyLarge)
        }
        Section(t("summary_pattern"), view.pattern)
        if (view.notes.isNotEmpty()) {
            HorizontalDivider(Modifier.padding(vertical = 8.dp))
            for (n in view.notes) Text(n, style = MaterialTheme.typography.bodyMedium)
        }
    }
}

@Composable
private fun Section(title: String, lines: List<String>) {
    HorizontalDivider(Modifier.padding(vertical = 8.dp))
    Heading(title)
    for (line in lines) Text(line, style = MaterialTheme.typography.bodyLarge)
}

/** A bar per week, oldest first: the week's first day, then a bar as long as its count. */
@Composable
private fun Weeks(view: SummaryView) {
    if (view.weeks.size < 2) return
    val most = view.weeks.maxOf { it.total }.coerceAtLeast(1u).toFloat()
    Heading(t("summary_weeks"), Modifier.padding(top = 8.dp))
    for (w in view.weeks) {
        val label = t("summary_week_of", dayMonth(LocalDate.parse(w.starts)))
        // The label wraps rather than clips (a longer language, a larger font); the bar
        // takes what is left.
        Row(
            Modifier.fillMaxWidth().semantics(mergeDescendants = true) { contentDescription = "$label: ${w.total}" },
            verticalAlignment = Alignment.CenterVertically,
            horizontalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            Text(label, Modifier.weight(0.45f), style = MaterialTheme.typography.bodyMedium)
            Box(Modifier.weight(0.55f).height(16.dp)) {
                Box(Modifier.fillMaxHeight().fillMaxWidth(w.total.toFloat() / most).background(MaterialTheme.colorScheme.primary))
            }
            Text("${w.total}", style = MaterialTheme.typography.bodyMedium, fontWeight = FontWeight.Bold)
        }
    }
}
