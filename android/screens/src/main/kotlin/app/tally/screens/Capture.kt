// Capture: quick capture (time pre-filled, one screen, one Save) and the full incident form
// (the same fields plus details). The presenter owns every rule — the clock-change
// question, what is missing, the amendment that "add details" makes; this file lays it out.
@file:OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)

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
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Checkbox
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Slider
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TimePicker
import androidx.compose.material3.rememberDatePickerState
import androidx.compose.material3.rememberTimePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ui.QuickCapturePresenter
import app.tally.ui.Text as Key
import java.time.Instant
import java.time.LocalTime
import java.time.ZoneOffset
import kotlin.math.roundToInt
import kotlinx.coroutines.launch

/** Messages that say something is missing or wrong (the rest say it worked). */
private val PROBLEMS = setOf(
    Key.CAPTURE_NEED_CATEGORY, Key.CAPTURE_NEED_NOTE, Key.CAPTURE_TIME_SKIPPED, Key.CAPTURE_FUTURE,
    Key.ERROR_GENERIC, Key.ERROR_STORAGE, Key.LOCKED,
)

@Composable
internal fun CaptureScreen(capture: QuickCapturePresenter, platform: Platform, full: Boolean) {
    val state by capture.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var pickDate by remember { mutableStateOf(false) }
    var pickTime by remember { mutableStateOf(false) }
    var details by remember { mutableStateOf("") }
    LaunchedEffect(Unit) { capture.load() }
    Column(Modifier.fillMaxSize()) {
    Column(
        Modifier.weight(1f).verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Label(t(Key.CAPTURE_WHEN))
        Text("${longDate(state.date)}, ${clockTime(state.time)}", style = MaterialTheme.typography.titleMedium)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            SecondaryButton(t(Key.CAPTURE_CHANGE_DATE)) { pickDate = true }
            SecondaryButton(t(Key.CAPTURE_CHANGE_TIME)) { pickTime = true }
        }
        if (state.timeHappenedTwice) {
            Text(t(Key.CAPTURE_TIME_TWICE), style = MaterialTheme.typography.bodyLarge)
            for ((second, label) in listOf(false to Key.CAPTURE_FIRST_OCCURRENCE, true to Key.CAPTURE_SECOND_OCCURRENCE)) {
                Row(
                    Modifier.fillMaxWidth().heightIn(min = TARGET)
                        .selectable(state.secondOccurrence == second, role = Role.RadioButton) { capture.setSecondOccurrence(second) },
                    verticalAlignment = Alignment.CenterVertically,
                ) {
                    RadioButton(selected = state.secondOccurrence == second, onClick = null)
                    Text(t(label), Modifier.padding(start = 12.dp))
                }
            }
        }
        Row(
            Modifier.fillMaxWidth().heightIn(min = TARGET).toggleable(state.approximate, role = Role.Checkbox, onValueChange = capture::setApproximate),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Checkbox(checked = state.approximate, onCheckedChange = null)
            Text(t(Key.CAPTURE_APPROXIMATE), Modifier.padding(start = 12.dp))
        }
        Label(t(Key.CAPTURE_CATEGORY))
        CategoryChips(setOfNotNull(state.category), capture::toggleCategory)
        Label(t(Key.CAPTURE_PERSON))
        PersonPicker(state.people, state.person, Key.CAPTURE_PERSON_NONE, capture::setPerson)
        WordsField(state.place, t(Key.CAPTURE_PLACE), onChange = capture::setPlace)
        WordsField(state.note, t(Key.CAPTURE_NOTE), onChange = capture::setNote)
        if (full) WordsField(state.details, t(Key.CAPTURE_DETAILS), minLines = 4, onChange = capture::setDetails)
        val fear = state.fear
        Label(if (fear == null) t(Key.CAPTURE_FEAR) else t(Key.CAPTURE_FEAR_VALUE, fear))
        val fearLabel = t("fear_slider")
        Slider(
            value = (fear ?: 0).toFloat(),
            onValueChange = { capture.setFear(it.roundToInt()) },
            valueRange = 0f..10f,
            steps = 9,
            modifier = Modifier.heightIn(min = TARGET).semantics { contentDescription = fearLabel },
        )
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            SecondaryButton(t(Key.CAPTURE_TAKE_PHOTO), onClick = platform::takePhoto)
            SecondaryButton(t(Key.CAPTURE_ATTACH_PHOTO), onClick = platform::pickPhoto)
        }
        state.photos.forEachIndexed { i, photo ->
            Row(Modifier.fillMaxWidth(), verticalAlignment = Alignment.CenterVertically) {
                Text(
                    t("photo_thumbnail", i + 1) + " · " + t("photo_size_kb", (photo.size + 1023) / 1024),
                    Modifier.weight(1f),
                )
                TextButton(onClick = { capture.removePhoto(i) }, modifier = Modifier.heightIn(min = 48.dp)) { Text(t(Key.CAPTURE_REMOVE_PHOTO)) }
            }
        }
        val last = state.lastSaved
        if (last != null && !full) {
            HorizontalDivider(Modifier.padding(vertical = 8.dp))
            WordsField(details, t(Key.CAPTURE_DETAILS), minLines = 3) { details = it }
            SecondaryButton(t(Key.CAPTURE_ADD_DETAILS), Modifier.fillMaxWidth(), enabled = details.isNotBlank()) {
                scope.launch { if (capture.addDetails(last, details) != null) details = "" }
            }
        }
    }
    // Save stays in reach below the form, however far the form scrolls: in a hurry the
    // category and a few words are enough.
    Surface(tonalElevation = 3.dp, modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(horizontal = 16.dp, vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Message(state.message, error = state.message in PROBLEMS)
            PrimaryButton(t(Key.CAPTURE_SAVE), enabled = !state.busy) { scope.launch { capture.save() } }
        }
    }
    }
    if (pickDate) {
        val picker = rememberDatePickerState(initialSelectedDateMillis = state.date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli())
        DatePickerDialog(
            onDismissRequest = { pickDate = false },
            confirmButton = {
                TextButton(onClick = {
                    picker.selectedDateMillis?.let { capture.setDate(Instant.ofEpochMilli(it).atZone(ZoneOffset.UTC).toLocalDate()) }
                    pickDate = false
                }) { Text(t(Key.CAPTURE_CHANGE_DATE)) }
            },
            properties = platform.dialogProperties(fullWidth = true),
        ) { DatePicker(picker) }
    }
    if (pickTime) {
        val picker = rememberTimePickerState(initialHour = state.time.hour, initialMinute = state.time.minute, is24Hour = true)
        AlertDialog(
            onDismissRequest = { pickTime = false },
            confirmButton = {
                TextButton(onClick = {
                    capture.setTime(LocalTime.of(picker.hour, picker.minute))
                    pickTime = false
                }) { Text(t(Key.CAPTURE_CHANGE_TIME)) }
            },
            text = { TimePicker(picker) },
            properties = platform.dialogProperties(),
        )
    }
}
