// Capture: quick capture (time pre-filled, one screen, one Save) and the full incident form
// (the same draft with more fields). The draft, its review and every rule are the core's
// through the presenter; this file lays out the fields, the photos and the Save bar.
@file:OptIn(ExperimentalLayoutApi::class)

package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.Field
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

/** Messages that say something went wrong (the rest say it worked). */
private val PROBLEMS = setOf(Key.ERROR_GENERIC, Key.ERROR_STORAGE, Key.LOCKED)

@Composable
internal fun CaptureScreen(p: Presenters, platform: Platform, full: Boolean) {
    val capture = p.capture
    val state by capture.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    val choices = remember(p) { p.choices() }
    var details by remember { mutableStateOf("") }
    val scroll = rememberScrollState()
    LaunchedEffect(Unit) { capture.load() }
    // A saved record leaves a fresh form: show it from the top, ready for the next.
    LaunchedEffect(state.lastSaved) { if (state.lastSaved != null) scroll.scrollTo(0) }
    Column(Modifier.fillMaxSize()) {
        Column(
            Modifier.weight(1f).verticalScroll(scroll).padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            IncidentFields(state.draft, state.review, state.errors, choices, state.people, full, platform, capture::edit)
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                SecondaryButton(t(Key.CAPTURE_TAKE_PHOTO), onClick = platform::takePhoto)
                SecondaryButton(t(Key.CAPTURE_ATTACH_PHOTO), onClick = platform::pickPhoto)
            }
            state.photos.forEachIndexed { i, photo ->
                Row(Modifier.fillMaxWidth(), verticalAlignment = Alignment.CenterVertically) {
                    Text(t("photo_thumbnail", i + 1) + " · " + t("photo_size_kb", (photo.size + 1023) / 1024), Modifier.weight(1f))
                    TextButton(onClick = { capture.removePhoto(i) }, modifier = Modifier.heightIn(min = 48.dp)) { Text(t(Key.CAPTURE_REMOVE_PHOTO)) }
                }
            }
            val last = state.lastSaved
            if (last != null && !full) {
                // Details written after the quick record are a correction of it: the record
                // made in the moment stays sealed as it was.
                HorizontalDivider(Modifier.padding(vertical = 8.dp))
                WordsField(details, t(Key.CAPTURE_DETAILS), state.errors, Field.DETAILS, minLines = 3) { details = it }
                SecondaryButton(t(Key.CAPTURE_ADD_DETAILS), Modifier.fillMaxWidth(), enabled = details.isNotBlank()) {
                    scope.launch { if (capture.addDetails(last, details) != null) details = "" }
                }
            }
        }
        // Save stays in reach below the form, however far the form scrolls: in a hurry the
        // category and a few words are enough.
        Surface(tonalElevation = 3.dp, modifier = Modifier.fillMaxWidth()) {
            Column(Modifier.padding(horizontal = 16.dp, vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                SaveProblems(state.errors, INCIDENT_FIELDS)
                Message(state.message, error = state.message in PROBLEMS)
                PrimaryButton(t(Key.CAPTURE_SAVE), enabled = !state.busy) { scope.launch { capture.save() } }
            }
        }
    }
}
