// Parts: the small pieces every screen is built from — headings, messages, the one primary
// button, secondary buttons, passphrase and text fields, the person and category pickers, a
// date field. Sizes are dp/sp with no fixed text heights, so large fonts reflow; every
// control has a visible label.
@file:OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)

package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.rememberDatePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardCapitalization
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import app.tally.ffi.Category
import app.tally.ui.Labels
import app.tally.ui.PersonChoice
import app.tally.ui.Text as Key
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset

/** A screen's or a section's heading (TalkBack can jump between them). */
@Composable
fun Heading(text: String, modifier: Modifier = Modifier) {
    Text(text, style = MaterialTheme.typography.titleLarge, modifier = modifier.semantics { heading() })
}

/** A field group's label. */
@Composable
fun Label(text: String) {
    Text(text, style = MaterialTheme.typography.labelLarge, modifier = Modifier.padding(top = 8.dp))
}

/** A presenter's message (saved, or what is missing), read out when it appears. */
@Composable
fun Message(key: Key?, error: Boolean = false) {
    if (key == null) return
    val colours = MaterialTheme.colorScheme
    Surface(
        color = if (error) colours.errorContainer else colours.secondaryContainer,
        contentColor = if (error) colours.onErrorContainer else colours.onSecondaryContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
    ) {
        Text(t(key), style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(12.dp))
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

/** A text field for the victim's own words: sentences capitalised, no autocorrect. */
@Composable
fun WordsField(value: String, label: String, minLines: Int = 1, onChange: (String) -> Unit) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        minLines = minLines,
        keyboardOptions = KeyboardOptions(capitalization = KeyboardCapitalization.Sentences, autoCorrectEnabled = false),
        modifier = Modifier.fillMaxWidth(),
    )
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
fun PersonPicker(people: List<PersonChoice>, chosen: ULong?, none: Key, onPick: (ULong?) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Chip(chosen == null, t(none)) { onPick(null) }
        for (p in people) Chip(chosen == p.seq, p.name) { onPick(p.seq) }
    }
}

/** Chips for incident categories; [chosen] are ticked. */
@Composable
fun CategoryChips(chosen: Set<Category>, onToggle: (Category) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        for (c in Category.entries) Chip(c in chosen, t(Labels.of(c))) { onToggle(c) }
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

/** A button showing [value] that opens a date picker; [onPick] gets the date (or null if cleared). */
@Composable
fun DateField(platform: Platform, label: Key, value: LocalDate?, onPick: (LocalDate?) -> Unit) {
    var open by remember { mutableStateOf(false) }
    SecondaryButton(t(label) + (value?.let { ": " + shortDate(it) } ?: ""), Modifier.fillMaxWidth()) { open = true }
    if (open) {
        // The picker works in UTC midnights; the date is the victim's local date.
        val picker = rememberDatePickerState(initialSelectedDateMillis = value?.atStartOfDay(ZoneOffset.UTC)?.toInstant()?.toEpochMilli())
        DatePickerDialog(
            onDismissRequest = { open = false },
            confirmButton = {
                TextButton(onClick = {
                    onPick(picker.selectedDateMillis?.let { Instant.ofEpochMilli(it).atZone(ZoneOffset.UTC).toLocalDate() })
                    open = false
                }) { Text(t(label)) }
            },
            properties = platform.dialogProperties(fullWidth = true),
        ) { DatePicker(picker) }
    }
}
