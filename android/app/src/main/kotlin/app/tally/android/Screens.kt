// Screens: thin Compose renderings of the presenters' state. No logic lives here beyond
// layout: every action calls a presenter (or PlatformActions). Every control has a text
// label or a content description; sizes are in sp/dp with no fixed text heights, so large
// fonts reflow; dialogs are FLAG_SECURE like the window.
@file:OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)

package app.tally.android

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material.icons.filled.Add
import androidx.compose.material.icons.filled.Close
import androidx.compose.material.icons.filled.MoreVert
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Slider
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TimePicker
import androidx.compose.material3.TopAppBar
import androidx.compose.material3.rememberDatePickerState
import androidx.compose.material3.rememberTimePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import androidx.compose.ui.window.DialogProperties
import androidx.compose.ui.window.SecureFlagPolicy
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.Category
import app.tally.ffi.ContactMethod
import app.tally.ffi.EntryKind
import app.tally.ffi.EntryStatus
import app.tally.ffi.OrderType
import app.tally.ffi.Relationship
import app.tally.ui.Disguise
import app.tally.ui.ExportPhase
import app.tally.ui.Labels
import app.tally.ui.PersonChoice
import app.tally.ui.QuickCapturePresenter
import app.tally.ui.RecordsPresenter
import app.tally.ui.SessionState
import app.tally.ui.Text as Key
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import kotlin.math.roundToInt
import kotlinx.coroutines.launch

private val SECURE_DIALOG = DialogProperties(securePolicy = SecureFlagPolicy.SecureOn)
private val dateFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
private val timeFormat = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)

private enum class Route(val title: Key) {
    TIMELINE(Key.TIMELINE_TITLE), CAPTURE(Key.CAPTURE_TITLE), FULL_FORM(Key.INCIDENT_FORM_TITLE), MORE(Key.NAV_MORE),
    PEOPLE(Key.PEOPLE_TITLE), ORDERS(Key.ORDERS_TITLE), POLICE(Key.POLICE_TITLE), SUMMARY(Key.SUMMARY_TITLE),
    EXPORT(Key.EXPORT_TITLE), SETTINGS(Key.SETTINGS_TITLE),
}

/** The whole app: unlock when locked, the screens when not. */
@Composable
fun TallyRoot(graph: Graph, platform: PlatformActions) {
    MaterialTheme {
        val session by graph.session.state.collectAsStateWithLifecycle()
        if (session is SessionState.Unlocked) Main(graph, platform) else UnlockScreen(graph, platform)
    }
}

@Composable
private fun Heading(text: String) {
    Text(text, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
}

@Composable
private fun Message(key: Key?) {
    if (key != null) Text(t(key), color = MaterialTheme.colorScheme.secondary, modifier = Modifier.padding(vertical = 8.dp))
}

@Composable
private fun PassphraseField(value: String, label: Key, onChange: (String) -> Unit) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(t(label)) },
        singleLine = true,
        visualTransformation = PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
        modifier = Modifier.fillMaxWidth(),
    )
}

@Composable
private fun UnlockScreen(graph: Graph, platform: PlatformActions) {
    val state by graph.unlock.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    // The passphrase lives only in this field, and not across process death.
    var passphrase by remember { mutableStateOf("") }
    var confirmation by remember { mutableStateOf("") }
    Column(Modifier.fillMaxSize().padding(24.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Heading(t(if (state.firstRun) Key.CREATE_TITLE else Key.UNLOCK_TITLE))
        PassphraseField(passphrase, Key.UNLOCK_PASSPHRASE_LABEL) { passphrase = it }
        if (state.firstRun) PassphraseField(confirmation, Key.CREATE_CONFIRM_LABEL) { confirmation = it }
        state.error?.let { Text(t(it.message), color = MaterialTheme.colorScheme.error) }
        Button(
            enabled = !state.busy && passphrase.isNotEmpty(),
            onClick = {
                scope.launch {
                    if (state.firstRun) graph.unlock.create(passphrase, confirmation) else graph.unlock.unlock(passphrase)
                    passphrase = ""
                    confirmation = ""
                }
            },
            modifier = Modifier.fillMaxWidth(),
        ) { Text(t(if (state.firstRun) Key.CREATE_BUTTON else Key.UNLOCK_BUTTON)) }
        if (!state.firstRun && platform.biometricReady()) {
            OutlinedButton(onClick = platform::unlockWithBiometric, enabled = !state.busy, modifier = Modifier.fillMaxWidth()) {
                Text(t(Key.UNLOCK_BIOMETRIC_BUTTON))
            }
        }
        if (state.busy) LinearProgressIndicator(Modifier.fillMaxWidth())
    }
}

@Composable
private fun Main(graph: Graph, platform: PlatformActions) {
    var route by rememberSaveable { mutableStateOf(Route.CAPTURE) }
    BackHandler(enabled = route != Route.TIMELINE) { route = Route.TIMELINE }
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(t(route.title)) },
                actions = {
                    // Always one tap away, on every screen.
                    IconButton(onClick = platform::quickExit) { Icon(Icons.Default.Close, contentDescription = t(Key.QUICK_EXIT)) }
                },
            )
        },
        bottomBar = {
            NavigationBar {
                NavigationBarItem(route == Route.TIMELINE, { route = Route.TIMELINE }, { Icon(Icons.AutoMirrored.Filled.List, null) }, label = { Text(t(Key.NAV_TIMELINE)) })
                NavigationBarItem(route == Route.CAPTURE, { route = Route.CAPTURE }, { Icon(Icons.Default.Add, null) }, label = { Text(t(Key.NAV_CAPTURE)) })
                NavigationBarItem(route.ordinal >= Route.MORE.ordinal, { route = Route.MORE }, { Icon(Icons.Default.MoreVert, null) }, label = { Text(t(Key.NAV_MORE)) })
            }
        },
    ) { padding ->
        Column(Modifier.padding(padding).fillMaxSize()) {
            when (route) {
                Route.TIMELINE -> TimelineScreen(graph)
                Route.CAPTURE -> CaptureScreen(graph.capture, platform, full = false)
                Route.FULL_FORM -> CaptureScreen(graph.capture, platform, full = true)
                Route.MORE -> MoreScreen { route = it }
                Route.PEOPLE -> RecordsScreen(graph.people, EntryKind.PERSON)
                Route.ORDERS -> RecordsScreen(graph.orders, EntryKind.ORDER)
                Route.POLICE -> RecordsScreen(graph.police, EntryKind.POLICE_CONTACT)
                Route.SUMMARY -> SummaryScreen(graph)
                Route.EXPORT -> ExportScreen(graph, platform)
                Route.SETTINGS -> SettingsScreen(graph, platform)
            }
        }
    }
}

@Composable
private fun MoreScreen(go: (Route) -> Unit) {
    LazyColumn {
        items(listOf(Route.FULL_FORM, Route.PEOPLE, Route.ORDERS, Route.POLICE, Route.SUMMARY, Route.EXPORT, Route.SETTINGS)) { r ->
            ListItem(headlineContent = { Text(t(r.title)) }, modifier = Modifier.clickable(onClickLabel = t(r.title)) { go(r) })
            HorizontalDivider()
        }
    }
}

@Composable
private fun PersonPicker(people: List<PersonChoice>, chosen: ULong?, none: Key, onPick: (ULong?) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        FilterChip(selected = chosen == null, onClick = { onPick(null) }, label = { Text(t(none)) })
        for (p in people) FilterChip(selected = chosen == p.seq, onClick = { onPick(p.seq) }, label = { Text(p.name) })
    }
}

@Composable
private fun CategoryChips(chosen: Set<Category>, onToggle: (Category) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        for (c in Category.entries) FilterChip(selected = c in chosen, onClick = { onToggle(c) }, label = { Text(t(Labels.of(c))) })
    }
}

@Composable
private fun TimelineScreen(graph: Graph) {
    val state by graph.timeline.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) { graph.timeline.refresh() }
    LazyColumn(Modifier.fillMaxSize().padding(horizontal = 16.dp)) {
        item {
            Text(t(Key.TIMELINE_FILTER_PERSON), style = MaterialTheme.typography.labelLarge)
            PersonPicker(state.people, state.person, Key.TIMELINE_FILTER_EVERYONE) { scope.launch { graph.timeline.setPerson(it) } }
            Text(t(Key.TIMELINE_FILTER_CATEGORY), style = MaterialTheme.typography.labelLarge)
            CategoryChips(state.categories) { scope.launch { graph.timeline.toggleCategory(it) } }
            Message(state.message)
            if (state.days.isEmpty() && !state.busy) Text(t(Key.TIMELINE_EMPTY), Modifier.padding(vertical = 16.dp))
        }
        for (day in state.days) {
            item(key = "day-${day.day}") { Heading(day.day.format(dateFormat)) }
            items(day.items, key = { it.seq.toString() }) { item ->
                val status = when (item.status) {
                    EntryStatus.AMENDED -> t(Key.TIMELINE_AMENDED)
                    EntryStatus.ERASED -> t(Key.TIMELINE_ERASED)
                    EntryStatus.ORIGINAL -> null
                }
                ListItem(
                    overlineContent = { Text(listOfNotNull(item.time?.format(timeFormat), item.label?.let { t(it) }, status).joinToString(" · ")) },
                    headlineContent = { Text(item.title) },
                    modifier = Modifier.clickable(onClickLabel = t(Key.TIMELINE_HISTORY)) { scope.launch { graph.timeline.openHistory(item.seq) } },
                )
            }
        }
    }
    state.history?.let { (_, steps) ->
        AlertDialog(
            onDismissRequest = graph.timeline::closeHistory,
            confirmButton = { TextButton(onClick = graph.timeline::closeHistory) { Text(t("history_close")) } },
            title = { Text(t(Key.TIMELINE_HISTORY)) },
            text = {
                Column(Modifier.verticalScroll(rememberScrollState())) {
                    for (s in steps) {
                        val what = when (s.kind) {
                            EntryKind.AMENDMENT -> t(Key.TIMELINE_AMENDED)
                            EntryKind.ERASURE -> t(Key.TIMELINE_ERASED)
                            else -> t(Key.TIMELINE_ORIGINAL)
                        }
                        Text("$what · ${s.recordedAt.orEmpty()}", style = MaterialTheme.typography.labelLarge)
                        s.text?.let { Text(it) }
                        s.reason?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                        HorizontalDivider(Modifier.padding(vertical = 8.dp))
                    }
                }
            },
            properties = SECURE_DIALOG,
        )
    }
}

@Composable
private fun CaptureScreen(capture: QuickCapturePresenter, platform: PlatformActions, full: Boolean) {
    val state by capture.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var pickDate by remember { mutableStateOf(false) }
    var pickTime by remember { mutableStateOf(false) }
    var details by remember { mutableStateOf("") }
    LaunchedEffect(Unit) { capture.load() }
    Column(Modifier.fillMaxSize().padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(t(Key.CAPTURE_WHEN), style = MaterialTheme.typography.labelLarge)
        Text("${state.date.format(dateFormat)}, ${state.time.format(timeFormat)}", style = MaterialTheme.typography.titleMedium)
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            OutlinedButton(onClick = { pickDate = true }) { Text(t(Key.CAPTURE_CHANGE_DATE)) }
            OutlinedButton(onClick = { pickTime = true }) { Text(t(Key.CAPTURE_CHANGE_TIME)) }
        }
        if (state.timeHappenedTwice) {
            Text(t(Key.CAPTURE_TIME_TWICE))
            for ((second, label) in listOf(false to Key.CAPTURE_FIRST_OCCURRENCE, true to Key.CAPTURE_SECOND_OCCURRENCE)) {
                Row(Modifier.fillMaxWidth().selectable(state.secondOccurrence == second, role = Role.RadioButton) { capture.setSecondOccurrence(second) }) {
                    RadioButton(selected = state.secondOccurrence == second, onClick = null)
                    Text(t(label), Modifier.padding(top = 12.dp))
                }
            }
        }
        Row(Modifier.fillMaxWidth().toggleable(state.approximate, role = Role.Checkbox, onValueChange = capture::setApproximate)) {
            Checkbox(checked = state.approximate, onCheckedChange = null)
            Text(t(Key.CAPTURE_APPROXIMATE), Modifier.padding(top = 12.dp))
        }
        Text(t(Key.CAPTURE_CATEGORY), style = MaterialTheme.typography.labelLarge)
        CategoryChips(setOfNotNull(state.category), capture::toggleCategory)
        Text(t(Key.CAPTURE_PERSON), style = MaterialTheme.typography.labelLarge)
        PersonPicker(state.people, state.person, Key.CAPTURE_PERSON_NONE, capture::setPerson)
        OutlinedTextField(state.place, capture::setPlace, label = { Text(t(Key.CAPTURE_PLACE)) }, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(state.note, capture::setNote, label = { Text(t(Key.CAPTURE_NOTE)) }, modifier = Modifier.fillMaxWidth())
        if (full) {
            OutlinedTextField(state.details, capture::setDetails, label = { Text(t(Key.CAPTURE_DETAILS)) }, minLines = 4, modifier = Modifier.fillMaxWidth())
        }
        val fear = state.fear
        Text(if (fear == null) t(Key.CAPTURE_FEAR) else t(Key.CAPTURE_FEAR_VALUE, fear), style = MaterialTheme.typography.labelLarge)
        val fearLabel = t("fear_slider")
        Slider(
            value = (fear ?: 0).toFloat(),
            onValueChange = { capture.setFear(it.roundToInt()) },
            valueRange = 0f..10f,
            steps = 9,
            modifier = Modifier.semantics { contentDescription = fearLabel },
        )
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            OutlinedButton(onClick = platform::takePhoto) { Text(t(Key.CAPTURE_TAKE_PHOTO)) }
            OutlinedButton(onClick = platform::pickPhoto) { Text(t(Key.CAPTURE_ATTACH_PHOTO)) }
        }
        state.photos.forEachIndexed { i, p ->
            val name = t("photo_thumbnail", i + 1)
            Row(Modifier.semantics { stateDescription = name }) {
                Text("$name (${p.fileName ?: ""}, ${p.size / 1024} KB)", Modifier.weight(1f).padding(top = 12.dp))
                IconButton(onClick = { capture.removePhoto(i) }) { Icon(Icons.Default.Close, contentDescription = t(Key.CAPTURE_REMOVE_PHOTO)) }
            }
        }
        Message(state.message)
        Button(onClick = { scope.launch { capture.save() } }, enabled = !state.busy, modifier = Modifier.fillMaxWidth()) { Text(t(Key.CAPTURE_SAVE)) }
        val last = state.lastSaved
        if (last != null && !full) {
            OutlinedTextField(details, { details = it }, label = { Text(t(Key.CAPTURE_ADD_DETAILS)) }, minLines = 3, modifier = Modifier.fillMaxWidth())
            OutlinedButton(onClick = { scope.launch { if (capture.addDetails(last, details) != null) details = "" } }) { Text(t(Key.CAPTURE_ADD_DETAILS)) }
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
            properties = DialogProperties(usePlatformDefaultWidth = false, securePolicy = SecureFlagPolicy.SecureOn),
        ) { DatePicker(picker) }
    }
    if (pickTime) {
        val picker = rememberTimePickerState(initialHour = state.time.hour, initialMinute = state.time.minute)
        AlertDialog(
            onDismissRequest = { pickTime = false },
            confirmButton = {
                TextButton(onClick = {
                    capture.setTime(LocalTime.of(picker.hour, picker.minute))
                    pickTime = false
                }) { Text(t(Key.CAPTURE_CHANGE_TIME)) }
            },
            text = { TimePicker(picker) },
            properties = SECURE_DIALOG,
        )
    }
}

@Composable
private fun RecordsScreen(presenter: RecordsPresenter, kind: EntryKind) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(kind) { presenter.refresh() }
    var a by remember { mutableStateOf("") }
    var b by remember { mutableStateOf("") }
    var relationship by remember { mutableStateOf(Relationship.EX_PARTNER) }
    var orderType by remember { mutableStateOf(OrderType.BAIL) }
    var method by remember { mutableStateOf<ContactMethod?>(null) }
    var person by remember { mutableStateOf<ULong?>(null) }
    var start by remember { mutableStateOf(LocalDate.now()) }
    var end by remember { mutableStateOf<LocalDate?>(null) }
    LazyColumn(Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        item {
            when (kind) {
                EntryKind.PERSON -> {
                    OutlinedTextField(a, { a = it }, label = { Text(t(Key.PEOPLE_NAME)) }, modifier = Modifier.fillMaxWidth())
                    Text(t(Key.PEOPLE_RELATIONSHIP), style = MaterialTheme.typography.labelLarge)
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        for (r in Relationship.entries) FilterChip(relationship == r, { relationship = r }, label = { Text(t(Labels.of(r))) })
                    }
                    OutlinedTextField(b, { b = it }, label = { Text(t(Key.PEOPLE_DESCRIPTION)) }, modifier = Modifier.fillMaxWidth())
                    Button(onClick = { scope.launch { if (presenter.addPerson(a, relationship, b) != null) { a = ""; b = "" } } }) { Text(t(Key.PEOPLE_ADD)) }
                }
                EntryKind.ORDER -> {
                    Text(t(Key.ORDERS_TYPE), style = MaterialTheme.typography.labelLarge)
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        for (o in OrderType.entries) FilterChip(orderType == o, { orderType = o }, label = { Text(t(Labels.of(o))) })
                    }
                    PersonPicker(state.people, person, Key.CAPTURE_PERSON_NONE) { person = it }
                    DateField(Key.ORDERS_START, start) { d -> d?.let { start = it } }
                    DateField(Key.ORDERS_END, end) { end = it }
                    OutlinedTextField(a, { a = it }, label = { Text(t(Key.ORDERS_REFERENCE)) }, modifier = Modifier.fillMaxWidth())
                    Button(onClick = { scope.launch { if (presenter.addOrder(orderType, person, start, end, a) != null) a = "" } }) { Text(t(Key.ORDERS_ADD)) }
                }
                else -> {
                    Text(t(Key.POLICE_METHOD), style = MaterialTheme.typography.labelLarge)
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        for (m in ContactMethod.entries) FilterChip(method == m, { method = if (method == m) null else m }, label = { Text(t(Labels.of(m))) })
                    }
                    OutlinedTextField(a, { a = it }, label = { Text(t(Key.POLICE_REFERENCE)) }, modifier = Modifier.fillMaxWidth())
                    OutlinedTextField(b, { b = it }, label = { Text(t(Key.POLICE_OFFICER)) }, modifier = Modifier.fillMaxWidth())
                    Button(onClick = { scope.launch { if (presenter.addPoliceContact(method, a, b) != null) { a = ""; b = "" } } }) { Text(t(Key.POLICE_ADD)) }
                }
            }
            Message(state.message)
        }
        items(state.rows, key = { it.seq.toString() }) { row ->
            ListItem(
                headlineContent = { Text(row.title) },
                supportingContent = { Text(listOfNotNull(row.label?.let { t(it) }, row.day?.format(dateFormat)).joinToString(" · ")) },
            )
        }
    }
}

@Composable
private fun SummaryScreen(graph: Graph) {
    val state by graph.summary.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) { graph.summary.load() }
    LazyColumn(Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        item {
            PersonPicker(state.people, state.person, Key.TIMELINE_FILTER_EVERYONE) { scope.launch { graph.summary.load(it) } }
            Message(state.message)
            if (state.loaded && state.incidentsTotal == 0) Text(t(Key.SUMMARY_EMPTY))
            Heading(t(Key.SUMMARY_INCIDENTS, state.incidentsTotal))
            state.period?.let { (first, last) -> Text(t(Key.SUMMARY_PERIOD, first.format(dateFormat), last.format(dateFormat))) }
        }
        items(state.byCategory) { (c, n) -> Text("${t(Labels.of(c))}: $n") }
        items(state.lines) { Text(it) }
    }
}

@Composable
private fun ExportScreen(graph: Graph, platform: PlatformActions) {
    val state by graph.export.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) { graph.export.load() }
    val sel = state.selection
    Column(Modifier.fillMaxSize().padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(t(Key.EXPORT_PERSON), style = MaterialTheme.typography.labelLarge)
        PersonPicker(state.people, sel.person, Key.TIMELINE_FILTER_EVERYONE) { p -> scope.launch { graph.export.select { it.copy(person = p) } } }
        Text(t(Key.EXPORT_CATEGORIES), style = MaterialTheme.typography.labelLarge)
        CategoryChips(sel.categories) { c ->
            scope.launch { graph.export.select { s -> s.copy(categories = if (c in s.categories) s.categories - c else s.categories + c) } }
        }
        DateField(Key.EXPORT_PERIOD_FROM, sel.from) { d -> scope.launch { graph.export.select { it.copy(from = d) } } }
        DateField(Key.EXPORT_PERIOD_TO, sel.to) { d -> scope.launch { graph.export.select { it.copy(to = d) } } }
        Text(t(Key.EXPORT_ENTRIES), style = MaterialTheme.typography.labelLarge)
        for (row in state.candidates) {
            val picked = row.seq in sel.entries
            Row(Modifier.fillMaxWidth().toggleable(picked, role = Role.Checkbox) { scope.launch { graph.export.toggleEntry(row.seq) } }) {
                Checkbox(checked = picked, onCheckedChange = null)
                Text(listOfNotNull(row.day?.format(dateFormat), row.title).joinToString(" · "), Modifier.padding(top = 12.dp))
            }
        }
        state.chosenCount?.let { Text(t(Key.EXPORT_CHOSEN_COUNT, it)) }
        when (val phase = state.phase) {
            is ExportPhase.Running -> {
                Text(t(Key.EXPORT_PROGRESS))
                val total = phase.total
                if (total != null && total > 0u) LinearProgressIndicator(progress = { phase.done.toFloat() / total.toFloat() }, modifier = Modifier.fillMaxWidth())
                else LinearProgressIndicator(Modifier.fillMaxWidth())
            }
            is ExportPhase.Done -> {
                Text(t(Key.EXPORT_DONE))
                Button(onClick = { platform.sharePack(phase.path) }, modifier = Modifier.fillMaxWidth()) { Text(t(Key.EXPORT_SHARE)) }
            }
            is ExportPhase.Failed -> Message(phase.message)
            ExportPhase.Idle -> {}
        }
        Button(onClick = { scope.launch { graph.export.export() } }, enabled = state.phase !is ExportPhase.Running, modifier = Modifier.fillMaxWidth()) {
            Text(t(Key.EXPORT_BUTTON))
        }
    }
}

@Composable
private fun DateField(label: Key, value: LocalDate?, onPick: (LocalDate?) -> Unit) {
    var open by remember { mutableStateOf(false) }
    OutlinedButton(onClick = { open = true }, modifier = Modifier.fillMaxWidth()) {
        Text(t(label) + (value?.let { ": " + it.format(dateFormat) } ?: ""))
    }
    if (open) {
        val picker = rememberDatePickerState(initialSelectedDateMillis = value?.atStartOfDay(ZoneOffset.UTC)?.toInstant()?.toEpochMilli())
        DatePickerDialog(
            onDismissRequest = { open = false },
            confirmButton = {
                TextButton(onClick = {
                    onPick(picker.selectedDateMillis?.let { Instant.ofEpochMilli(it).atZone(ZoneOffset.UTC).toLocalDate() })
                    open = false
                }) { Text(t(label)) }
            },
            properties = DialogProperties(usePlatformDefaultWidth = false, securePolicy = SecureFlagPolicy.SecureOn),
        ) { DatePicker(picker) }
    }
}

@Composable
private fun SettingsScreen(graph: Graph, platform: PlatformActions) {
    val state by graph.settings.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var old by remember { mutableStateOf("") }
    var new by remember { mutableStateOf("") }
    var again by remember { mutableStateOf("") }
    Column(Modifier.fillMaxSize().padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Heading(t(Key.SETTINGS_CHANGE_PASSPHRASE))
        PassphraseField(old, Key.SETTINGS_OLD_PASSPHRASE) { old = it }
        PassphraseField(new, Key.SETTINGS_NEW_PASSPHRASE) { new = it }
        PassphraseField(again, Key.CREATE_CONFIRM_LABEL) { again = it }
        Button(onClick = {
            scope.launch {
                graph.settings.changePassphrase(old, new, again)
                old = ""; new = ""; again = ""
            }
        }, enabled = !state.busy) { Text(t(Key.SETTINGS_CHANGE_PASSPHRASE)) }
        Message(state.message)
        HorizontalDivider()
        Row(Modifier.fillMaxWidth().toggleable(state.biometricEnabled, role = Role.Switch, onValueChange = platform::setBiometric)) {
            Text(t(Key.SETTINGS_BIOMETRIC), Modifier.weight(1f).padding(top = 12.dp))
            Switch(checked = state.biometricEnabled, onCheckedChange = null)
        }
        HorizontalDivider()
        Heading(t(Key.SETTINGS_DISGUISE))
        for (d in Disguise.entries) {
            Row(Modifier.fillMaxWidth().selectable(state.disguise == d, role = Role.RadioButton) { platform.setDisguise(d) }) {
                RadioButton(selected = state.disguise == d, onClick = null)
                Text(t(d.label), Modifier.padding(top = 12.dp))
            }
        }
        HorizontalDivider()
        Button(onClick = platform::quickExit, modifier = Modifier.fillMaxWidth()) { Text(t(Key.SETTINGS_QUICK_EXIT)) }
    }
}
