// Records: the people, orders and police-contact screens — the list first (a reference
// number, a bail end date is what a victim comes here for), then a form to add one behind a
// single button. The rows are the core's items; the form is the core's draft, refused with
// its problems shown beside the fields they name.
package app.tally.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
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
import app.tally.ffi.EntryKind
import app.tally.ffi.OrderDraft
import app.tally.ffi.PoliceContactDraft
import app.tally.ui.RecordsPresenter
import app.tally.ui.Text as Key
import kotlinx.coroutines.launch

/** Messages that report a problem rather than a save. */
private val PROBLEMS = setOf(Key.ERROR_GENERIC, Key.ERROR_STORAGE, Key.LOCKED)

@Composable
internal fun RecordsScreen(p: Presenters, presenter: RecordsPresenter, kind: EntryKind, platform: Platform, onOpen: (ULong) -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    LaunchedEffect(kind) { presenter.refresh() }
    var adding by remember(kind) { mutableStateOf(false) }
    if (adding) {
        RecordForm(p, presenter, kind, platform) { adding = false }
        return
    }
    val addLabel = t(
        when (kind) {
            EntryKind.PERSON -> Key.PEOPLE_ADD
            EntryKind.ORDER -> Key.ORDERS_ADD
            else -> Key.POLICE_ADD
        },
    )
    // Read here, in the body, and handed to the lazy list's builder as a plain list: a new
    // list recomposes this body and so rebuilds the items. Read only inside the builder,
    // through the State, the rows that arrive after the first layout were never laid out.
    val rows = state.rows
    LazyColumn(Modifier.fillMaxSize()) {
        item(key = "add") {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                Message(state.message, error = state.message in PROBLEMS)
                PrimaryButton(addLabel) {
                    presenter.dismissErrors()
                    adding = true
                }
                if (rows.isEmpty()) Text(t("records_empty"), style = MaterialTheme.typography.bodyLarge)
            }
        }
        items(rows, key = { it.seq.toLong() }) { row ->
            ListItem(
                headlineContent = { Text(row.headline, style = MaterialTheme.typography.bodyLarge) },
                supportingContent = (row.statusText ?: row.time?.text)?.let { { Text(it) } },
                modifier = Modifier.heightIn(min = TARGET).clickable(onClickLabel = t("timeline_open")) { onOpen(row.seq) },
            )
            HorizontalDivider()
        }
    }
}

/** The form to add one record of [kind]; [close] goes back to the list. */
@Composable
private fun RecordForm(p: Presenters, presenter: RecordsPresenter, kind: EntryKind, platform: Platform, close: () -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    val choices = remember(p) { p.choices() }
    // What is being typed: the core's draft, as UI state, gone once saved or cancelled.
    var person by remember { mutableStateOf(presenter.newPerson()) }
    var order by remember { mutableStateOf<OrderDraft?>(if (kind == EntryKind.ORDER) presenter.newOrder() else null) }
    var police by remember { mutableStateOf<PoliceContactDraft?>(if (kind == EntryKind.POLICE_CONTACT) presenter.newPoliceContact() else null) }
    val errors = state.errors
    Column(Modifier.fillMaxSize()) {
        Column(
            Modifier.weight(1f).verticalScroll(rememberScrollState()).padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            when (kind) {
                EntryKind.PERSON -> PersonFields(person, errors, choices) { f -> person = person.f() }
                EntryKind.ORDER -> order?.let { draft ->
                    OrderFields(draft, errors, choices, state.people, platform) { f -> order = draft.f() }
                }
                else -> police?.let { draft ->
                    PoliceFields(draft, presenter.review(draft), errors, choices, state.incidents, platform) { f -> police = draft.f() }
                }
            }
        }
        Surface(tonalElevation = 3.dp, modifier = Modifier.fillMaxWidth()) {
            Column(Modifier.padding(horizontal = 16.dp, vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                SaveProblems(errors, shownFor(kind))
                Message(state.message, error = state.message in PROBLEMS)
                PrimaryButton(t("record_save")) {
                    scope.launch {
                        val saved = when (kind) {
                            EntryKind.PERSON -> presenter.addPerson(person)
                            EntryKind.ORDER -> order?.let { presenter.addOrder(it) }
                            else -> police?.let { presenter.addPoliceContact(it) }
                        }
                        if (saved != null) close()
                    }
                }
                SecondaryButton(t("record_cancel"), Modifier.fillMaxWidth()) {
                    presenter.dismissErrors()
                    close()
                }
            }
        }
    }
}

private fun shownFor(kind: EntryKind) = when (kind) {
    EntryKind.PERSON -> PERSON_FIELDS
    EntryKind.ORDER -> ORDER_FIELDS
    else -> POLICE_FIELDS
}
