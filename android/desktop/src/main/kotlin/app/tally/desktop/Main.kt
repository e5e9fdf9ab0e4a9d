// Main: Tally's screens in a desktop window, over a diary file of the same format as the
// phone's (the same core, through the same bindings). For advocates who keep a diary for
// someone on a laptop, and for anyone trying Tally without a phone. The core's lock policy
// decides when it locks, by wall-clock deadline: minimising the window locks the diary, as
// leaving the app does on a phone, and so does sitting idle; closing it locks and quits.
package app.tally.desktop

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.remember
import androidx.compose.runtime.snapshotFlow
import androidx.compose.ui.Modifier
import androidx.compose.ui.input.key.Key
import androidx.compose.ui.input.key.KeyEventType
import androidx.compose.ui.input.key.key
import androidx.compose.ui.input.key.type
import androidx.compose.ui.input.pointer.PointerEventPass
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.unit.DpSize
import androidx.compose.ui.unit.dp
import androidx.compose.ui.window.Window
import androidx.compose.ui.window.application
import androidx.compose.ui.window.rememberWindowState
import app.tally.Device
import app.tally.screens.Presenters
import app.tally.screens.TallyRoot
import app.tally.ui.FileVault
import app.tally.DeviceHeadFiles
import java.io.File
import java.util.Locale
import kotlin.system.exitProcess
import kotlinx.coroutines.delay

/** How often the window asks the lock policy whether a lock has fallen due. */
private const val LOCK_CHECK_MS = 5_000L

/** Opens the window over the diary at `args[0]` (created on first run). */
fun main(args: Array<String>) {
    val diary = File(args.firstOrNull() ?: System.getProperty("user.home") + "/tally-desktop.diary").absoluteFile
    val device = Device()
    val presenters = Presenters(
        vault = FileVault(diary, device = device, heads = DeviceHeadFiles(File(diary.parentFile, "tally-device"))),
        settingsStore = FileSettingsStore(File(diary.path + ".settings")),
        shareDir = File(diary.parentFile, "tally-packs"),
        importDir = File(diary.parentFile, "tally-import"),
        device = device,
        lockStore = FileLockStore(File(diary.path + ".unlock")),
    )
    val session = presenters.session
    val strings = ResourceStrings(Locale.getDefault())
    application {
        val quit = {
            session.quickExit()
            exitApplication()
        }
        val platform = remember { DesktopPlatform(presenters, quit) }
        val state = rememberWindowState(size = DpSize(440.dp, 900.dp))
        Window(
            onCloseRequest = quit,
            state = state,
            title = strings.text("app_name"),
            onPreviewKeyEvent = { e ->
                session.touch()
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
                snapshotFlow { state.isMinimized }.collect { if (it) session.onBackgrounded() else session.onForegrounded() }
            }
            LaunchedEffect(Unit) {
                while (true) {
                    delay(LOCK_CHECK_MS)
                    session.lockIfDue()
                }
            }
            // Any click or scroll is activity: it moves the idle deadline.
            Box(
                Modifier.fillMaxSize().pointerInput(Unit) {
                    awaitPointerEventScope {
                        while (true) {
                            awaitPointerEvent(PointerEventPass.Initial)
                            session.touch()
                        }
                    }
                },
            ) {
                TallyRoot(presenters, platform, strings, dark = isSystemInDarkTheme())
            }
        }
    }
    exitProcess(0)
}
