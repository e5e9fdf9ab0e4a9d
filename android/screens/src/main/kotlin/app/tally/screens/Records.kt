// Records: the people, orders and police-contact screens — a short form to add one, then
// the list. One composable for the three, as one presenter serves them; the fields differ.
@file:OptIn(ExperimentalLayoutApi::class)

package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.ContactMethod
import app.tally.ffi.EntryKind
import app.tally.ffi.OrderType
import app.tally.ffi.Relationship
import app.tally.ui.Labels
import app.tally.ui.RecordsPresenter
import app.tally.ui.Text as Key
import java.time.LocalDate
import kotlinx.coroutines.launch

/** Messages that report a problem rather than a save. */
private val PROBLEMS = setOf(Key.RECORD_NEED_NAME, Key.RECORD_NEED_PERSON, Key.RECORD_BAD_DATE, Key.ERROR_GENERIC, Key.ERROR_STORAGE, Key.LOCKED)

@Composable
internal fun RecordsScreen(presenter: RecordsPresenter, kind: EntryKind, platform: Platform) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(kind) { presenter.refresh() }
    // What is being typed: UI state, cleared once saved.
    var a by remember { mutableStateOf("") }
    var b by remember { mutableStateOf("") }
    var relationship by remember { mutableStateOf(Relationship.EX_PARTNER) }
    var orderType by remember { mutableStateOf(OrderType.BAIL) }
    var method by remember { mutableStateOf<ContactMethod?>(null) }
    var person by remember { mutableStateOf<ULong?>(null) }
    var start by remember { mutableStateOf(LocalDate.now()) }
    var end by remember { mutableStateOf<LocalDate?>(null) }
    // The list is what a victim comes here for (a reference number, a bail end date); the
    // form to add one opens behind a single button.
    var adding by remember { mutableStateOf(false) }
    val addLabel = t(
        when (kind) {
            EntryKind.PERSON -> Key.PEOPLE_ADD
            EntryKind.ORDER -> Key.ORDERS_ADD
            else -> Key.POLICE_ADD
        },
    )
    // A scrolling Column, not a LazyColumn: see Timeline.kt.
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(horizontal = 16.dp)) {
        run {
            Column(Modifier.padding(vertical = 16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                if (!adding) {
                    Message(state.message, error = state.message in PROBLEMS)
                    PrimaryButton(addLabel) { adding = true }
                    return@Column
                }
                when (kind) {
                    EntryKind.PERSON -> {
                        WordsField(a, t(Key.PEOPLE_NAME)) { a = it }
                        Label(t(Key.PEOPLE_RELATIONSHIP))
                        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                            for (r in Relationship.entries) Chip(relationship == r, t(Labels.of(r))) { relationship = r }
                        }
                        WordsField(b, t(Key.PEOPLE_DESCRIPTION), minLines = 2) { b = it }
                        Message(state.message, error = state.message in PROBLEMS)
                        PrimaryButton(t("record_save")) {
                            scope.launch { if (presenter.addPerson(a, relationship, b) != null) { a = ""; b = ""; adding = false } }
                        }
                    }
                    EntryKind.ORDER -> {
                        Label(t(Key.ORDERS_TYPE))
                        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                            for (o in OrderType.entries) Chip(orderType == o, t(Labels.of(o))) { orderType = o }
                        }
                        Label(t("orders_person"))
                        PersonPicker(state.people, person, Key.CAPTURE_PERSON_NONE) { person = it }
                        DateField(platform, Key.ORDERS_START, start) { d -> d?.let { start = it } }
                        DateField(platform, Key.ORDERS_END, end) { end = it }
                        WordsField(a, t(Key.ORDERS_REFERENCE)) { a = it }
                        Message(state.message, error = state.message in PROBLEMS)
                        PrimaryButton(t("record_save")) {
                            scope.launch { if (presenter.addOrder(orderType, person, start, end, a) != null) { a = ""; adding = false } }
                        }
                    }
                    else -> {
                        Label(t(Key.POLICE_METHOD))
                        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                            for (m in ContactMethod.entries) Chip(method == m, t(Labels.of(m))) { method = if (method == m) null else m }
                        }
                        WordsField(a, t(Key.POLICE_REFERENCE)) { a = it }
                        WordsField(b, t(Key.POLICE_OFFICER)) { b = it }
                        Message(state.message, error = state.message in PROBLEMS)
                        PrimaryButton(t("record_save")) {
                            scope.launch { if (presenter.addPoliceContact(method, a, b) != null) { a = ""; b = ""; adding = false } }
                        }
                    }
                }
                SecondaryButton(t("record_cancel"), Modifier.fillMaxWidth()) { adding = false }
            }
        }
        if (state.rows.isEmpty() && !adding) Text(t("records_empty"), style = MaterialTheme.typography.bodyLarge)
        for (row in state.rows) {
            ListItem(
                headlineContent = { Text(row.title, style = MaterialTheme.typography.bodyLarge) },
                supportingContent = { Text(listOfNotNull(row.label?.let { t(it) }, row.day?.let { shortDate(it) }).joinToString(" · ")) },
            )
            HorizontalDivider()
        }
    }
}
