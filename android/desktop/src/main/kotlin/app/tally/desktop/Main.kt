// Main: Tally's screens in a desktop window, over a diary file of the same format as the
// phone's (the same core, through the same bindings). For advocates who keep a diary for
// someone on a laptop, and for anyone trying Tally without a phone. Minimising the window
// locks the diary, as leaving the app does on a phone; closing it locks and quits.
package app.tally.desktop

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.remember
import androidx.compose.runtime.snapshotFlow
import androidx.compose.ui.input.key.Key
import androidx.compose.ui.input.key.KeyEventType
import androidx.compose.ui.input.key.key
import androidx.compose.ui.input.key.type
import androidx.compose.ui.unit.DpSize
import androidx.compose.ui.unit.dp
import androidx.compose.ui.window.Window
import androidx.compose.ui.window.application
import androidx.compose.ui.window.rememberWindowState
import app.tally.screens.Presenters
import app.tally.screens.TallyRoot
import app.tally.ui.FileVault
import java.io.File
import java.util.Locale
import kotlin.system.exitProcess

/** Opens the window over the diary at `args[0]` (created on first run). */
fun main(args: Array<String>) {
    val diary = File(args.firstOrNull() ?: System.getProperty("user.home") + "/tally-desktop.diary").absoluteFile
    val presenters = Presenters(
        vault = FileVault(diary),
        settingsStore = FileSettingsStore(File(diary.path + ".settings")),
        shareDir = File(diary.parentFile, "tally-packs"),
    )
    val strings = ResourceStrings(Locale.getDefault())
    application {
        val quit = {
            presenters.session.quickExit()
            exitApplication()
        }
        val platform = remember { DesktopPlatform(presenters, quit) }
        val state = rememberWindowState(size = DpSize(440.dp, 900.dp))
        Window(
            onCloseRequest = quit,
            state = state,
            title = strings.text("app_name"),
            onPreviewKeyEvent = { e ->
                val back = platform.onBack
                if (e.type == KeyEventType.KeyDown && e.key == Key.Escape && back != null) {
                    back()
                    true
                } else {
                    false
                }
            },
        ) {
            platform.frame = window
            LaunchedEffect(state) {
                snapshotFlow { state.isMinimized }.collect { if (it) presenters.session.onBackgrounded() }
            }
            TallyRoot(presenters, platform, strings, dark = isSystemInDarkTheme())
        }
    }
    exitProcess(0)
}
