// Entry: one entry in full, as the core's entry-detail view gives it — its headline and
// status, every field as a labelled line, and its whole history (the original as sealed,
// each correction, the removal with its reason) — with the two things a victim may do to
// it: correct it (a new version; the old one stays) or remove its content (its place and
// the reason stay, and the timeline marks it removed). Removal asks first: it is final.
package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.DetailField
import app.tally.ffi.ItemStatus
import kotlinx.coroutines.launch

@Composable
internal fun EntryScreen(p: Presenters, platform: Platform, onCorrect: (ULong) -> Unit) {
    val state by p.timeline.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var removing by remember { mutableStateOf(false) }
    val detail = state.detail
    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Message(state.message, error = true)
        if (detail == null) return@Column
        val item = detail.item
        Text(item.kindLabel, style = MaterialTheme.typography.labelLarge)
        Heading(item.headline)
        val status = item.status
        item.statusText?.let { Notice(it, error = status is ItemStatus.Removed || status is ItemStatus.Damaged) }
        Fields(detail.fields)
        // What can be done with it: a removed or unreadable entry has nothing left to change.
        if (status is ItemStatus.Current || status is ItemStatus.Amended) {
            PrimaryButton(t("entry_correct")) { onCorrect(item.seq) }
            DangerButton(t("entry_remove"), Modifier.fillMaxWidth()) { removing = true }
        }
        if (detail.history.isNotEmpty()) {
            HorizontalDivider(Modifier.padding(vertical = 8.dp))
            Heading(t("entry_history"))
            for (step in detail.history) {
                Text(step.text, style = MaterialTheme.typography.titleMedium)
                step.headline?.let { Text(it, style = MaterialTheme.typography.bodyLarge) }
                step.reason?.let { Text(t("entry_reason", it), style = MaterialTheme.typography.bodyLarge) }
                Fields(step.fields)
                HorizontalDivider(Modifier.padding(vertical = 4.dp))
            }
        }
    }
    if (removing && detail != null) {
        var reason by remember { mutableStateOf("") }
        AlertDialog(
            onDismissRequest = { removing = false },
            title = { Text(t("remove_title")) },
            text = {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    Text(t("remove_explain"), style = MaterialTheme.typography.bodyLarge)
                    WordsField(reason, t("remove_reason")) { reason = it }
                }
            },
            confirmButton = {
                TextButton(
                    onClick = {
                        removing = false
                        scope.launch { p.timeline.erase(detail.item.seq, reason) }
                    },
                    modifier = Modifier.heightIn(min = 48.dp),
                ) { Text(t("remove_confirm"), color = MaterialTheme.colorScheme.error) }
            },
            dismissButton = {
                TextButton(onClick = { removing = false }, modifier = Modifier.heightIn(min = 48.dp)) { Text(t("remove_keep")) }
            },
            properties = platform.dialogProperties(),
        )
    }
}

/** Labelled lines, label above value, so long values wrap under a short label. */
@Composable
private fun Fields(fields: List<DetailField>) {
    for (f in fields) {
        Column(Modifier.fillMaxWidth().padding(vertical = 2.dp)) {
            Text(f.label, style = MaterialTheme.typography.labelLarge, color = MaterialTheme.colorScheme.onSurfaceVariant)
            Text(f.value, style = MaterialTheme.typography.bodyLarge)
        }
    }
}
