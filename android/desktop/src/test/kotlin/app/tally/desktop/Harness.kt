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
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextReplacement
import androidx.compose.ui.test.runSkikoComposeUiTest
import androidx.compose.ui.unit.Density
import androidx.compose.ui.window.DialogProperties
import app.tally.ffi.CreateOptions
import app.tally.screens.Platform
import app.tally.screens.Presenters
import app.tally.screens.Route
import app.tally.screens.TallyRoot
import app.tally.ui.Disguise
import app.tally.ui.FileVault
import app.tally.ui.MemorySettingsStore
import java.io.File
import java.nio.file.Files
import java.time.Clock
import java.time.ZoneId
import java.util.Locale

const val PASSPHRASE = "correct horse battery"

/** Deliberately weak Argon2id so the tests run fast; never for a real diary. */
val FAST = CreateOptions(kdfMemoryKib = 64u, kdfIterations = 1u)

/** A real 4 x 3 PNG (attachments that claim to be images are decoded before they are kept). */
val PHOTO: ByteArray = java.util.Base64.getDecoder().decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAE0lEQVR4nGP4z8DAAMZAwICTAwBC8hHvOAjORwAAAABJRU5ErkJggg==",
)

/** Phone size: 411 x 891 dp, drawn at density 2. */
const val WIDTH_DP = 411
const val HEIGHT_DP = 891
const val DENSITY = 2f

/** What the screens asked the platform to do, and what its picker hands back. */
class RecordingPlatform(private val p: Presenters) : Platform {
    /** The photo the "picker" returns. */
    var photo: ByteArray? = PHOTO
    val shared = mutableListOf<String>()
    var quickExits = 0
    var backHandlerEnabled = false

    override fun takePhoto() = pickPhoto()

    override fun pickPhoto() {
        photo?.let { p.capture.attachPhoto(it, "photo.png", "image/png") }
    }

    override fun sharePack(path: String) {
        shared += path
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

/** One app instance over a diary in a fresh temp folder. */
class World(val dir: File, disguise: Disguise = Disguise.NONE, clock: Clock = Clock.systemUTC(), zone: ZoneId = ZoneId.of("Europe/London")) {
    val diaryFile = File(dir, "case.diary")
    val settings = MemorySettingsStore(disguise = disguise)
    val presenters = Presenters(FileVault(diaryFile, FAST), settings, File(dir, "shared"), clock, zone)
    val platform = RecordingPlatform(presenters)
}

/**
 * Runs [block] with the app on screen at phone size in [locale] ([dark] theme or light).
 * [prepare] runs before the first frame (e.g. to make a diary the screens then unlock).
 */
fun tally(
    locale: Locale = Locale.UK,
    dark: Boolean = false,
    disguise: Disguise = Disguise.NONE,
    start: Route = Route.CAPTURE,
    clock: Clock = Clock.systemUTC(),
    block: ComposeUiTest.(World) -> Unit,
) {
    val dir = Files.createTempDirectory("tally-ui").toFile()
    val world = World(dir, disguise, clock)
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

/** Scrolls to the control labelled [text] and taps it. */
fun ComposeUiTest.tap(text: String) {
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
