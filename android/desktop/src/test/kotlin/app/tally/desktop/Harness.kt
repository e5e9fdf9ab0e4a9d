// Harness: the screens driven headless at phone size (411 x 891 dp at density 2) against the
// real libtally_ffi, with a platform that records what the screens asked of it. The UI
// tests and the gallery share it, so the pictures show exactly what the tests drive.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.runtime.Composable
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsMatcher
import androidx.compose.ui.test.SemanticsNodeInteraction
import androidx.compose.ui.test.hasSetTextAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.onRoot
import androidx.compose.ui.test.printToString
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.hasTestTag
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performScrollToNode
import androidx.compose.ui.test.performTextReplacement
import androidx.compose.ui.test.runSkikoComposeUiTest
import androidx.compose.ui.unit.Density
import androidx.compose.ui.window.DialogProperties
import app.tally.Device
import app.tally.ffi.CreateOptions
import app.tally.screens.Platform
import app.tally.screens.Presenters
import app.tally.screens.Route
import app.tally.screens.TallyRoot
import app.tally.ui.Disguise
import app.tally.ui.FileVault
import app.tally.DeviceHeadFiles
import app.tally.ui.LockStore
import app.tally.ui.MemoryLockStore
import app.tally.ui.MemorySettingsStore
import java.io.File
import java.nio.file.Files
import java.time.Clock
import java.time.ZoneId
import java.util.Locale

const val PASSPHRASE = "correct horse battery"

/** The weakest Argon2id a diary may have (the core's floor), so the tests run fast. */
val FAST = CreateOptions(kdfMemoryKib = 19456u, kdfIterations = 2u)

/** A real 4 x 3 PNG (attachments that claim to be images are decoded before they are kept). */
val PHOTO: ByteArray = java.util.Base64.getDecoder().decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAE0lEQVR4nGP4z8DAAMZAwICTAwBC8hHvOAjORwAAAABJRU5ErkJggg==",
)

/** Phone size: 411 x 891 dp, drawn at density 2. */
const val WIDTH_DP = 411
const val HEIGHT_DP = 891
const val DENSITY = 2f

/** What the screens asked the platform to do, and what its pickers hand back. */
class RecordingPlatform(private val p: Presenters) : Platform {
    /** The photo the "picker" returns, and its file name. */
    var photo: ByteArray? = PHOTO
    var photoName: String = "photo.png"
    val shared = mutableListOf<String>()
    var quickExits = 0
    var backHandlerEnabled = false

    override fun takePhoto() = pickPhoto()

    override fun pickPhoto() {
        photo?.let { p.capture.attachPhoto(it, photoName, null) }
    }

    /** The file the "file picker" returns for an import. */
    var importFile: File? = null

    override fun pickImportFile(onChosen: (path: String) -> Unit) {
        importFile?.let { onChosen(it.path) }
    }

    override fun sharePack(path: String) {
        shared += path
    }

    override fun shareBackup(path: String) {
        shared += path
    }

    /** Backups the victim saved to a folder of her choice. */
    val saved = mutableListOf<String>()

    override fun saveBackup(path: String) {
        saved += path
    }

    override fun quickExit() {
        quickExits++
        p.session.quickExit()
    }

    override fun biometricReady() = false
    override fun unlockWithBiometric() {}
    override fun setBiometric(enabled: Boolean) {}
    override fun setDisguise(d: Disguise) = p.settings.setDisguise(d)

    @Composable
    override fun BackHandler(enabled: Boolean, onBack: () -> Unit) {
        backHandlerEnabled = enabled
    }

    override fun dialogProperties(fullWidth: Boolean) = DialogProperties(usePlatformDefaultWidth = !fullWidth)

    @Composable
    override fun PrivateText(content: @Composable () -> Unit) = content()
}

/** The zone the tests' phone is in: London, whose clocks change. */
val LONDON: ZoneId = ZoneId.of("Europe/London")

/**
 * One app instance over a diary in a fresh temp folder, on a phone in [zone] speaking
 * [locale] (the core's words follow it, as the screens' strings do).
 */
class World(
    val dir: File,
    disguise: Disguise = Disguise.NONE,
    clock: Clock = Clock.systemUTC(),
    zone: ZoneId = LONDON,
    locale: Locale = Locale.UK,
    val lockStore: LockStore = MemoryLockStore(),
) {
    val diaryFile = File(dir, "case.diary")
    val device = Device(zone, locale)
    val settings = MemorySettingsStore(disguise = disguise)
    val presenters = Presenters(FileVault(diaryFile, FAST, device, DeviceHeadFiles(File(dir, "device"))), settings, File(dir, "shared"), File(dir, "import"), clock, device, lockStore)
    val platform = RecordingPlatform(presenters)
}

/**
 * Runs [block] with the app on screen at phone size in [locale] ([dark] theme or light),
 * on a fresh diary folder, a phone in [zone] whose wall clock is [clock]; the lock
 * policy's memory of failed unlocks is [lockStore].
 */
fun tally(
    locale: Locale = Locale.UK,
    dark: Boolean = false,
    disguise: Disguise = Disguise.NONE,
    start: Route = Route.CAPTURE,
    clock: Clock = Clock.systemUTC(),
    zone: ZoneId = LONDON,
    lockStore: LockStore = MemoryLockStore(),
    block: ComposeUiTest.(World) -> Unit,
) {
    val dir = Files.createTempDirectory("tally-ui").toFile()
    val world = World(dir, disguise, clock, zone, locale, lockStore)
    try {
        runSkikoComposeUiTest(size = Size(WIDTH_DP * DENSITY, HEIGHT_DP * DENSITY), density = Density(DENSITY)) {
            setContent { TallyRoot(world.presenters, world.platform, ResourceStrings(locale), dark, start) }
            block(world)
        }
    } finally {
        world.presenters.session.lock(app.tally.ui.LockReason.USER)
        dir.deleteRecursively()
    }
}

/** English strings, as the screens show them. */
val EN = ResourceStrings(Locale.UK)

/** The English string named [name]. */
fun en(name: String, vararg args: Any) = EN.text(name, *args)

/**
 * Waits, in real time, until [condition] holds: the library answers on its own threads, so
 * between looks the test lets those results land and draws a frame.
 */
fun ComposeUiTest.waitUntilShown(what: String, timeoutMs: Long = 10_000, condition: () -> Boolean) {
    val deadline = System.nanoTime() + timeoutMs * 1_000_000
    while (true) {
        waitForIdle()
        if (condition()) return
        if (System.nanoTime() > deadline) {
            // Say what was on screen instead: the failure then explains itself.
            throw AssertionError("$what: not so after $timeoutMs ms; the screen showed:\n" + onRoot().printToString())
        }
        Thread.sleep(20)
        mainClock.advanceTimeByFrame()
    }
}

/** Waits until [text] is on screen. */
fun ComposeUiTest.waitFor(text: String, substring: Boolean = false, timeoutMs: Long = 10_000) =
    waitUntilShown("\"$text\" on screen", timeoutMs) { shows(text, substring) }

/** Waits until [text] is gone from the screen. */
fun ComposeUiTest.waitGone(text: String, substring: Boolean = false, timeoutMs: Long = 10_000) =
    waitUntilShown("\"$text\" gone", timeoutMs) { !shows(text, substring) }

/** Whether [text] is anywhere on screen now. */
fun ComposeUiTest.shows(text: String, substring: Boolean = false): Boolean =
    onAllNodesWithText(text, substring = substring).fetchSemanticsNodes().isNotEmpty()

/**
 * Waits for the control labelled [text] (a screen just opened may still be reading the
 * diary), scrolls to it and taps it.
 */
fun ComposeUiTest.tap(text: String) {
    waitFor(text)
    onNodeWithText(text).scrolledTo().performClick()
    waitForIdle()
}

/** The text field labelled [label]. */
fun ComposeUiTest.field(label: String): SemanticsNodeInteraction = onNode(hasSetTextAction() and hasText(label)).scrolledTo()

/** Types [text] into the field labelled [label] (replacing what is there). */
fun ComposeUiTest.type(label: String, text: String) {
    field(label).performTextReplacement(text)
    waitForIdle()
}

/** Scrolls this node into view if it is inside a scrolling column (no-op otherwise). */
fun SemanticsNodeInteraction.scrolledTo(): SemanticsNodeInteraction =
    try {
        performScrollTo()
    } catch (_: AssertionError) {
        this
    }

/** A matcher for the node with exactly [text], for finding one of several. */
fun exactly(text: String): SemanticsMatcher = hasText(text)

/** Creates the diary through the screens and lands on quick capture. */
fun ComposeUiTest.createDiary() {
    waitFor(en("create_title"))
    type(en("unlock_passphrase_label"), PASSPHRASE)
    type(en("create_confirm_label"), PASSPHRASE)
    tap(en("create_button"))
    waitFor(en("capture_title"))
}

/** The project's shared test data (tests/data), as the build passes it. */
val DATA: File = File(System.getProperty("tally.data.dir") ?: "../../tests/data")

/**
 * Runs the `tally` CLI on [diary] with [args] (passphrase [PASSPHRASE]), returning what it
 * printed; fails the test, with its words, if it fails. Its device state goes to [state].
 */
fun cli(diary: File, state: File, vararg args: String): String {
    val exe = System.getProperty("tally.cli") ?: error("tally.cli is not set: the script passes the CLI's path")
    val run = ProcessBuilder(exe, *args).redirectErrorStream(true).apply {
        environment()["TALLY_DIARY"] = diary.path
        environment()["TALLY_PASSPHRASE"] = PASSPHRASE
        environment()["XDG_STATE_HOME"] = state.path
    }.start()
    val output = run.inputStream.bufferedReader().readText()
    check(run.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) { "tally ${args.joinToString(" ")} did not finish" }
    check(run.exitValue() == 0) { "tally ${args.joinToString(" ")} failed:\n$output" }
    return output
}

/** The raw JSON text of member [name] of the first object in [json] that has one. */
fun jsonMember(json: String, name: String): String {
    val start = json.indexOf("\"$name\":").takeIf { it >= 0 }?.let { it + name.length + 3 } ?: error("no \"$name\" in $json")
    var depth = 0
    var inString = false
    var i = start
    while (i < json.length) {
        val c = json[i]
        when {
            inString && c == '\\' -> i++
            c == '"' -> inString = !inString
            !inString && (c == '[' || c == '{') -> depth++
            !inString && (c == ']' || c == '}') -> if (--depth == 0) return json.substring(start, i + 1)
            !inString && c == ',' && depth == 0 -> return json.substring(start, i)
        }
        i++
    }
    error("unterminated \"$name\" in $json")
}

/** A wall clock the test moves (the lock policy's deadlines are read against it). */
class MovableClock(var now: java.time.Instant) : Clock() {
    override fun getZone(): ZoneId = java.time.ZoneOffset.UTC
    override fun withZone(zone: ZoneId): Clock = this
    override fun instant(): java.time.Instant = now
}

/** Scrolls the lazy list tagged [list] until a node with [text] is composed. */
fun ComposeUiTest.scrollListTo(list: String, text: String) {
    onNode(hasTestTag(list)).performScrollToNode(hasText(text))
    waitForIdle()
}
