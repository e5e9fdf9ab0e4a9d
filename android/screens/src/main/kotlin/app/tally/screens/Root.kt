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
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
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

/** The screens of an unlocked diary. [title] is the top bar's. */
enum class Route(val title: String) {
    TIMELINE(Key.TIMELINE_TITLE.resName),
    CAPTURE(Key.CAPTURE_TITLE.resName),
    FULL_FORM(Key.INCIDENT_FORM_TITLE.resName),
    MORE(Key.NAV_MORE.resName),
    PEOPLE(Key.PEOPLE_TITLE.resName),
    ORDERS(Key.ORDERS_TITLE.resName),
    POLICE(Key.POLICE_TITLE.resName),
    SUMMARY(Key.SUMMARY_TITLE.resName),
    EXPORT(Key.EXPORT_TITLE.resName),
    SETTINGS(Key.SETTINGS_TITLE.resName),
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
    platform.BackHandler(enabled = route != Route.TIMELINE) {
        route = if (route.ordinal > Route.MORE.ordinal) Route.MORE else Route.TIMELINE
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
                NavigationBarItem(route == Route.TIMELINE, { route = Route.TIMELINE }, { Icon(Glyphs.List, null) }, label = { Text(t(Key.NAV_TIMELINE)) })
                NavigationBarItem(route == Route.CAPTURE, { route = Route.CAPTURE }, { Icon(Glyphs.Add, null) }, label = { Text(t(Key.NAV_CAPTURE)) })
                NavigationBarItem(route.ordinal >= Route.MORE.ordinal, { route = Route.MORE }, { Icon(Glyphs.More, null) }, label = { Text(t(Key.NAV_MORE)) })
            }
        },
    ) { padding ->
        Column(Modifier.padding(padding).fillMaxSize()) {
            when (route) {
                Route.TIMELINE -> TimelineScreen(p.timeline, platform)
                Route.CAPTURE -> CaptureScreen(p.capture, platform, full = false)
                Route.FULL_FORM -> CaptureScreen(p.capture, platform, full = true)
                Route.MORE -> MoreScreen { route = it }
                Route.PEOPLE -> RecordsScreen(p.people, EntryKind.PERSON, platform)
                Route.ORDERS -> RecordsScreen(p.orders, EntryKind.ORDER, platform)
                Route.POLICE -> RecordsScreen(p.police, EntryKind.POLICE_CONTACT, platform)
                Route.SUMMARY -> SummaryScreen(p.summary)
                Route.EXPORT -> ExportScreen(p.export, platform)
                Route.SETTINGS -> SettingsScreen(p.settings, platform)
            }
        }
    }
}

@Composable
private fun MoreScreen(go: (Route) -> Unit) {
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState())) {
        for (r in listOf(Route.FULL_FORM, Route.PEOPLE, Route.ORDERS, Route.POLICE, Route.SUMMARY, Route.EXPORT, Route.SETTINGS)) {
            val title = t(r.title)
            ListItem(
                headlineContent = { Text(title, style = MaterialTheme.typography.titleMedium) },
                modifier = Modifier.heightIn(min = TARGET).clickable(onClickLabel = title) { go(r) },
            )
            HorizontalDivider()
        }
    }
}
