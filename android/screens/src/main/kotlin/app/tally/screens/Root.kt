// Root: the whole app as one composable. Locked, it shows the disguise's screen (when a
// disguise is chosen) and then the unlock screen; unlocked, the diary's screens under a top
// bar whose quick exit is always one tap away. Which screen is shown is UI state only; what
// each screen shows comes from its presenter.
@file:OptIn(ExperimentalMaterial3Api::class)

package app.tally.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.EntryKind
import app.tally.ui.Disguise
import app.tally.ui.SessionState
import app.tally.ui.Text as Key
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

/** The screens of an unlocked diary. [title] is the top bar's; back goes to [parent]. */
enum class Route(val title: String, private val parentName: String?) {
    TIMELINE(Key.TIMELINE_TITLE.resName, null),
    CAPTURE(Key.CAPTURE_TITLE.resName, "TIMELINE"),
    MORE(Key.NAV_MORE.resName, "TIMELINE"),
    ENTRY("entry_title", "TIMELINE"),
    CORRECT("correct_title", "ENTRY"),
    FULL_FORM(Key.INCIDENT_FORM_TITLE.resName, "MORE"),
    IMPORT("import_title", "MORE"),
    PEOPLE(Key.PEOPLE_TITLE.resName, "MORE"),
    ORDERS(Key.ORDERS_TITLE.resName, "MORE"),
    POLICE(Key.POLICE_TITLE.resName, "MORE"),
    SUMMARY(Key.SUMMARY_TITLE.resName, "MORE"),
    EXPORT(Key.EXPORT_TITLE.resName, "MORE"),
    KEEP_SAFE(Key.KEEP_SAFE_TITLE.resName, "MORE"),
    SETTINGS(Key.SETTINGS_TITLE.resName, "MORE"),
    ;

    /** Where back goes from here. */
    val parent: Route? get() = parentName?.let { valueOf(it) }

    /** The tab of the bottom bar this screen belongs to. */
    val tab: Route get() = if (this == TIMELINE || this == CAPTURE || this == MORE) this else parent?.tab ?: TIMELINE

    companion object {
        /** What the More screen lists, in order. */
        val MORE_ITEMS = listOf(FULL_FORM, IMPORT, PEOPLE, ORDERS, POLICE, SUMMARY, EXPORT, KEEP_SAFE, SETTINGS)
    }
}

/**
 * Screens the platform asks to show — the import wizard, when a chat export is shared into
 * the app — taken up by the unlocked app and then forgotten.
 */
class ScreenRequests {
    private val _next = MutableStateFlow<Route?>(null)

    /** The screen asked for, until it is shown. */
    val next: StateFlow<Route?> = _next.asStateFlow()

    /** Asks for [route]. */
    fun show(route: Route) {
        _next.value = route
    }

    /** The screen asked for is on screen. */
    fun shown() {
        _next.value = null
    }
}

/**
 * The whole app. [dark] follows the system on a device; [start] is the screen shown first
 * after unlocking (quick capture: the reason to open the app in a hurry).
 */
@Composable
fun TallyRoot(
    presenters: Presenters,
    platform: Platform,
    strings: Strings,
    dark: Boolean,
    start: Route = Route.CAPTURE,
) {
    CompositionLocalProvider(LocalStrings provides strings) {
        TallyTheme(dark) {
            Surface(Modifier.fillMaxSize(), color = MaterialTheme.colorScheme.surface) {
                platform.PrivateText {
                    val session by presenters.session.state.collectAsStateWithLifecycle()
                    val settings by presenters.settings.state.collectAsStateWithLifecycle()
                    // Every lock puts the disguise back in front of the diary.
                    var revealed by remember(session) { mutableStateOf(false) }
                    when {
                        session is SessionState.Unlocked -> Main(presenters, platform, start)
                        settings.disguise != Disguise.NONE && !revealed -> DecoyScreen(settings.disguise) { revealed = true }
                        else -> UnlockScreen(presenters, platform)
                    }
                }
            }
        }
    }
}

/** Quick exit, as a labelled button: a frightened person should not have to decode an icon. */
@Composable
fun QuickExitButton(platform: Platform) {
    val description = t(Key.QUICK_EXIT)
    FilledTonalButton(
        onClick = platform::quickExit,
        colors = ButtonDefaults.filledTonalButtonColors(
            containerColor = MaterialTheme.colorScheme.errorContainer,
            contentColor = MaterialTheme.colorScheme.onErrorContainer,
        ),
        modifier = Modifier.padding(end = 8.dp).heightIn(min = 48.dp).semantics { contentDescription = description },
    ) {
        Icon(Glyphs.Close, contentDescription = null)
        Text(t("quick_exit_short"), Modifier.padding(start = 6.dp), style = MaterialTheme.typography.labelLarge)
    }
}

@Composable
private fun Main(p: Presenters, platform: Platform, start: Route) {
    var route by rememberSaveable { mutableStateOf(start) }
    // An entry opens from the timeline or from a records list; back returns there.
    var entryBack by rememberSaveable { mutableStateOf(Route.TIMELINE) }
    val scope = rememberCoroutineScope()
    val parent = if (route == Route.ENTRY) entryBack else route.parent
    val tab = if (route == Route.ENTRY || route == Route.CORRECT) entryBack.tab else route.tab
    platform.BackHandler(enabled = parent != null) { parent?.let { route = it } }
    val requested by p.requests.next.collectAsStateWithLifecycle()
    LaunchedEffect(requested) {
        requested?.let {
            route = it
            p.requests.shown()
        }
    }
    val openEntry: (ULong) -> Unit = { seq ->
        scope.launch { p.timeline.openEntry(seq) }
        entryBack = route
        route = Route.ENTRY
    }
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(t(route.title), maxLines = 1) },
                actions = { QuickExitButton(platform) },
            )
        },
        bottomBar = {
            NavigationBar {
                NavigationBarItem(tab == Route.TIMELINE, { route = Route.TIMELINE }, { Icon(Glyphs.List, null) }, label = { Text(t(Key.NAV_TIMELINE)) })
                NavigationBarItem(tab == Route.CAPTURE, { route = Route.CAPTURE }, { Icon(Glyphs.Add, null) }, label = { Text(t(Key.NAV_CAPTURE)) })
                NavigationBarItem(tab == Route.MORE, { route = Route.MORE }, { Icon(Glyphs.More, null) }, label = { Text(t(Key.NAV_MORE)) })
            }
        },
    ) { padding ->
        Column(Modifier.padding(padding).fillMaxSize()) {
            when (route) {
                Route.TIMELINE -> TimelineScreen(p, openEntry)
                Route.CAPTURE -> CaptureScreen(p, platform, full = false)
                Route.FULL_FORM -> CaptureScreen(p, platform, full = true)
                Route.MORE -> MoreScreen { route = it }
                Route.ENTRY -> EntryScreen(p, platform) { seq ->
                    scope.launch { p.correction.start(seq) }
                    route = Route.CORRECT
                }
                Route.CORRECT -> CorrectionScreen(p, platform) { seq ->
                    scope.launch {
                        p.timeline.refresh()
                        p.timeline.openEntry(seq)
                    }
                    p.correction.clear()
                    route = Route.ENTRY
                }
                Route.IMPORT -> ImportScreen(p, platform)
                Route.PEOPLE -> RecordsScreen(p, p.people, EntryKind.PERSON, platform, openEntry)
                Route.ORDERS -> RecordsScreen(p, p.orders, EntryKind.ORDER, platform, openEntry)
                Route.POLICE -> RecordsScreen(p, p.police, EntryKind.POLICE_CONTACT, platform, openEntry)
                Route.SUMMARY -> SummaryScreen(p)
                Route.EXPORT -> ExportScreen(p, platform)
                Route.KEEP_SAFE -> KeepSafeScreen(p, platform)
                Route.SETTINGS -> SettingsScreen(p.settings, platform)
            }
        }
    }
}

@Composable
private fun MoreScreen(go: (Route) -> Unit) {
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState())) {
        for (r in Route.MORE_ITEMS) {
            val title = t(r.title)
            ListItem(
                headlineContent = { Text(title, style = MaterialTheme.typography.titleMedium) },
                modifier = Modifier.heightIn(min = TARGET).clickable(onClickLabel = title) { go(r) },
            )
            HorizontalDivider()
        }
    }
}
