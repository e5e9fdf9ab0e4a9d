// Parts: the small pieces every screen is built from — headings, messages, the one primary
// button, secondary buttons, text fields with the core's problem shown beside them, chips,
// the clock-change question, date and time pickers. Sizes are dp/sp with no fixed text
// heights, so large fonts reflow; every control has a visible label.
@file:OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)

package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Checkbox
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TimePicker
import androidx.compose.material3.rememberDatePickerState
import androidx.compose.material3.rememberTimePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.error
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardCapitalization
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import app.tally.ffi.ClockAnswer
import app.tally.ffi.ClockQuestion
import app.tally.ffi.Field
import app.tally.ffi.FieldError
import app.tally.ffi.PersonRef
import app.tally.ui.Text as Key
import app.tally.ui.WorkPhase
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneOffset

/** A screen's or a section's heading (TalkBack can jump between them). */
@Composable
fun Heading(text: String, modifier: Modifier = Modifier) {
    Text(text, style = MaterialTheme.typography.titleLarge, modifier = modifier.semantics { heading() })
}

/** A field group's label. */
@Composable
fun Label(text: String, modifier: Modifier = Modifier) {
    Text(text, style = MaterialTheme.typography.labelLarge, modifier = modifier.padding(top = 8.dp))
}

/** A presenter's message (saved, or what went wrong), read out when it appears. */
@Composable
fun Message(key: Key?, error: Boolean = false) {
    if (key != null) Notice(t(key), error)
}

/** A sentence in a tinted box, read out when it appears: the core's words or the app's. */
@Composable
fun Notice(text: String, error: Boolean = false) {
    val colours = MaterialTheme.colorScheme
    Surface(
        color = if (error) colours.errorContainer else colours.secondaryContainer,
        contentColor = if (error) colours.onErrorContainer else colours.onSecondaryContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
    ) {
        Text(text, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(12.dp))
    }
}

/** The core's problems with [fields], in its words, right under the field they are about. */
@Composable
fun FieldProblems(errors: List<FieldError>, vararg fields: Field) {
    for (e in errors) {
        if (e.field !in fields) continue
        Text(
            e.text,
            color = MaterialTheme.colorScheme.error,
            style = MaterialTheme.typography.bodyLarge,
            modifier = Modifier.semantics {
                error(e.text)
                liveRegion = LiveRegionMode.Polite
            },
        )
    }
}

/** How far writing a file has got: [label], then a bar (determinate once the total is known). */
@Composable
fun WorkProgress(label: String, phase: WorkPhase.Running) {
    Text(label)
    val total = phase.total
    if (total != null && total > 0u) {
        LinearProgressIndicator(progress = { phase.done.toFloat() / total.toFloat() }, modifier = Modifier.fillMaxWidth())
    } else {
        LinearProgressIndicator(Modifier.fillMaxWidth())
    }
}

/** The screen's one main action: full width, filled. */
@Composable
fun PrimaryButton(text: String, enabled: Boolean = true, onClick: () -> Unit) {
    Button(onClick = onClick, enabled = enabled, modifier = Modifier.fillMaxWidth().heightIn(min = TARGET)) {
        Text(text, style = MaterialTheme.typography.labelLarge)
    }
}

/** Any other action: outlined, at least [TARGET] tall. */
@Composable
fun SecondaryButton(text: String, modifier: Modifier = Modifier, enabled: Boolean = true, onClick: () -> Unit) {
    OutlinedButton(onClick = onClick, enabled = enabled, modifier = modifier.heightIn(min = TARGET)) {
        Text(text, style = MaterialTheme.typography.labelLarge)
    }
}

/** An action that cannot be undone (removing an entry): outlined in the error colour. */
@Composable
fun DangerButton(text: String, modifier: Modifier = Modifier, onClick: () -> Unit) {
    OutlinedButton(
        onClick = onClick,
        colors = ButtonDefaults.outlinedButtonColors(contentColor = MaterialTheme.colorScheme.error),
        modifier = modifier.heightIn(min = TARGET),
    ) {
        Text(text, style = MaterialTheme.typography.labelLarge)
    }
}

/**
 * A text field for the victim's own words: sentences capitalised, no autocorrect; the
 * core's problems with [fields] show beneath it.
 */
@Composable
fun WordsField(
    value: String,
    label: String,
    errors: List<FieldError> = emptyList(),
    vararg fields: Field,
    minLines: Int = 1,
    onChange: (String) -> Unit,
) {
    val wrong = errors.any { it.field in fields }
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        minLines = minLines,
        isError = wrong,
        keyboardOptions = KeyboardOptions(capitalization = KeyboardCapitalization.Sentences, autoCorrectEnabled = false),
        modifier = Modifier.fillMaxWidth(),
    )
    FieldProblems(errors, *fields)
}

/** A passphrase field: hidden, no suggestions. */
@Composable
fun PassphraseField(value: String, label: Key, onChange: (String) -> Unit) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(t(label)) },
        singleLine = true,
        visualTransformation = PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password, autoCorrectEnabled = false),
        modifier = Modifier.fillMaxWidth(),
    )
}

/** Chips to pick one person, or [none]. */
@Composable
fun PersonPicker(people: List<PersonRef>, chosen: ULong?, none: Key, onPick: (ULong?) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Chip(chosen == null, t(none)) { onPick(null) }
        for (p in people) Chip(chosen == p.seq, p.name) { onPick(p.seq) }
    }
}

/** Chips for one of the core's labelled [choices]; [chosen] are ticked. */
@Composable
fun <T> ChoiceChips(choices: List<Pair<T, String>>, chosen: (T) -> Boolean, onToggle: (T) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        for ((value, label) in choices) Chip(chosen(value), label) { onToggle(value) }
    }
}

/** One filter chip, tall enough to hit. */
@Composable
fun Chip(selected: Boolean, label: String, onClick: () -> Unit) {
    FilterChip(
        selected = selected,
        onClick = onClick,
        label = { Text(label, style = MaterialTheme.typography.labelLarge) },
        modifier = Modifier.heightIn(min = 48.dp),
    )
}

/** A whole row that ticks a box: the row is the target, not the little square. */
@Composable
fun CheckRow(checked: Boolean, label: String, onChange: (Boolean) -> Unit) {
    Row(
        Modifier.fillMaxWidth().heightIn(min = TARGET).toggleable(checked, role = Role.Checkbox, onValueChange = onChange),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Checkbox(checked = checked, onCheckedChange = null)
        Text(label, Modifier.padding(start = 12.dp), style = MaterialTheme.typography.bodyLarge)
    }
}

/** A whole row that picks one of several. */
@Composable
fun RadioRow(selected: Boolean, label: String, onPick: () -> Unit) {
    Row(
        Modifier.fillMaxWidth().heightIn(min = TARGET).selectable(selected, role = Role.RadioButton, onClick = onPick),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        RadioButton(selected = selected, onClick = null)
        Text(label, Modifier.padding(start = 12.dp), style = MaterialTheme.typography.bodyLarge)
    }
}

/**
 * The core's clock-change question (a time that happened twice, or never, where the clocks
 * changed) as a choice: its sentence and one row per answer, the victim's answer ticked.
 */
@Composable
fun ClockQuestionChoice(question: ClockQuestion?, answer: ClockAnswer?, onAnswer: (ClockAnswer) -> Unit) {
    question ?: return
    Column(Modifier.fillMaxWidth()) {
        Text(question.text, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite })
        for (c in question.choices) RadioRow(answer == c.answer, c.label) { onAnswer(c.answer) }
    }
}

/** A button showing [label] that opens a date picker; [onPick] gets the date (or null if cleared). */
@Composable
fun DateButton(platform: Platform, label: String, value: LocalDate?, modifier: Modifier = Modifier, onPick: (LocalDate?) -> Unit) {
    var open by remember { mutableStateOf(false) }
    SecondaryButton(label, modifier) { open = true }
    if (!open) return
    // The picker works in UTC midnights; the date is the victim's local date.
    val picker = rememberDatePickerState(initialSelectedDateMillis = value?.atStartOfDay(ZoneOffset.UTC)?.toInstant()?.toEpochMilli())
    DatePickerDialog(
        onDismissRequest = { open = false },
        confirmButton = {
            TextButton(onClick = {
                onPick(picker.selectedDateMillis?.let { Instant.ofEpochMilli(it).atZone(ZoneOffset.UTC).toLocalDate() })
                open = false
            }, modifier = Modifier.heightIn(min = 48.dp)) { Text(t("picker_done")) }
        },
        properties = platform.dialogProperties(fullWidth = true),
    ) { DatePicker(picker) }
}

/** A button showing [label] that opens a 24-hour time picker. */
@Composable
fun TimeButton(platform: Platform, label: String, value: LocalTime?, modifier: Modifier = Modifier, onPick: (LocalTime) -> Unit) {
    var open by remember { mutableStateOf(false) }
    SecondaryButton(label, modifier) { open = true }
    if (!open) return
    val picker = rememberTimePickerState(initialHour = value?.hour ?: 12, initialMinute = value?.minute ?: 0, is24Hour = true)
    AlertDialog(
        onDismissRequest = { open = false },
        confirmButton = {
            TextButton(onClick = {
                onPick(LocalTime.of(picker.hour, picker.minute))
                open = false
            }, modifier = Modifier.heightIn(min = 48.dp)) { Text(t("picker_done")) }
        },
        text = { TimePicker(picker) },
        properties = platform.dialogProperties(),
    )
}
