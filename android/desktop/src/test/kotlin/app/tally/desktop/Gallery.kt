// Gallery: a picture of every screen at phone size (411 x 891 dp), light and dark, in
// English and in the Welsh draft, drawn by the UI tests' own harness over a realistic
// diary, into docs/screens/<screen>-<locale>-<theme>.png. Run by scripts/screens.sh.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.graphics.toAwtImage
import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.isRoot
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.captureToImage
import app.tally.ffi.Category
import app.tally.ffi.ContactMethod
import app.tally.ffi.OrderType
import app.tally.ffi.Relationship
import app.tally.screens.Route
import app.tally.ui.Disguise
import java.awt.image.BufferedImage
import java.io.File
import java.time.Clock
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneOffset
import java.util.Locale
import javax.imageio.ImageIO
import kotlinx.coroutines.runBlocking

/** 18:40 on a Tuesday in March, so every picture shows the same day. */
private val NOW: Clock = Clock.fixed(Instant.parse("2026-03-10T18:40:00Z"), ZoneOffset.UTC)

private class Shots(private val dir: File, private val suffix: String) {
    val written = mutableListOf<File>()

    fun ComposeUiTest.shot(name: String) {
        waitForIdle()
        val file = File(dir, "$name-$suffix.png")
        // A dialog is a root of its own, drawn over the screen: paint every root in order.
        val layers = onAllNodes(isRoot()).fetchSemanticsNodes().indices.map { onAllNodes(isRoot())[it].captureToImage().toAwtImage() }
        val picture = BufferedImage(layers[0].getWidth(null), layers[0].getHeight(null), BufferedImage.TYPE_INT_ARGB)
        picture.createGraphics().apply {
            for (layer in layers) drawImage(layer, 0, 0, null)
            dispose()
        }
        ImageIO.write(picture, "png", file)
        written += file
    }
}

/** A diary with a fortnight of the kind of things victims record, made through the presenters. */
private fun World.fill() = runBlocking {
    val p = presenters
    p.unlock.create(PASSPHRASE, PASSPHRASE)
    val ben = p.people.addPerson("Ben Carter", Relationship.EX_PARTNER, "Grey Ford Focus, usually parked on Elm Road") ?: error("person")
    p.orders.addOrder(OrderType.BAIL, ben, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), "WS-26-0301-0112")
    val c = p.capture
    fun incident(day: Int, time: String, category: Category, note: String, place: String, fear: Int?, photo: Boolean = false) {
        c.reset()
        c.setDate(LocalDate.of(2026, 3, day))
        c.setTime(LocalTime.parse(time))
        c.toggleCategory(category)
        c.setPerson(ben)
        c.setNote(note)
        c.setPlace(place)
        c.setFear(fear)
        if (photo) c.attachPhoto(PHOTO, "IMG_2041.png", "image/png")
        runBlocking { c.save() ?: error("save: ${c.state.value.message}") }
    }
    incident(2, "21:14", Category.MESSAGE, "Eleven texts in an hour, the last one saying he will wait for me", "Home", 6)
    incident(4, "07:55", Category.SIGHTING_OR_FOLLOWING, "His car behind the bus all the way to work", "Bus route 24", 7)
    incident(6, "17:40", Category.VISIT_WORK, "Waiting by my car in the work car park", "Northgate Business Park", 8, photo = true)
    incident(9, "23:02", Category.VISIT_HOME, "Knocked on the door and shouted through the letterbox", "Home", 9)
    p.police.addPoliceContact(ContactMethod.CALL101, "WS-26-0309-0457", "PC 2213 Hughes")
    c.reset()
}

private fun shots(out: File, locale: Locale, dark: Boolean): List<File> {
    val suffix = "${locale.language}-${if (dark) "dark" else "light"}"
    val s = Shots(out, suffix)
    // Each app state in its own run: a fresh diary, the screen navigated to through the UI.
    tally(locale, dark, disguise = Disguise.CALCULATOR, clock = NOW) { with(s) { waitFor("="); shot("01-disguise-calculator") } }
    tally(locale, dark, clock = NOW) {
        with(s) {
            waitFor(ResourceStrings(locale).text("create_title"))
            shot("02-create")
        }
    }
    tally(locale, dark, clock = NOW) { w ->
        val t = ResourceStrings(locale)
        with(s) {
            w.fill()
            w.presenters.session.lock(app.tally.ui.LockReason.BACKGROUNDED)
            w.presenters.unlock.clear()
            waitFor(t.text("unlock_title"))
            type(t.text("unlock_passphrase_label"), "not it")
            tap(t.text("unlock_button"))
            waitFor(t.text("unlock_wrong_passphrase"))
            shot("03-unlock-wrong-passphrase")
            type(t.text("unlock_passphrase_label"), PASSPHRASE)
            tap(t.text("unlock_button"))
            waitFor(t.text("capture_title"))
            shot("04-quick-capture")
            tap(t.text(app.tally.ui.Labels.of(Category.VISIT_HOME)))
            type(t.text("capture_note"), "Outside again, watching the window")
            tap(t.text("capture_attach_photo"))
            waitFor(t.text("photo_thumbnail", 1), substring = true)
            tap(t.text("capture_save"))
            waitFor(t.text("capture_saved"))
            shot("05-quick-capture-saved")
            tap(t.text("nav_timeline"))
            waitFor("Outside again, watching the window")
            shot("06-timeline")
            tap("Waiting by my car in the work car park")
            waitFor(t.text("history_close"))
            shot("07-entry-history")
            tap(t.text("history_close"))
            tap(t.text("nav_more"))
            shot("08-more")
            for ((screen, name, loaded) in listOf(
                Triple("people_title", "09-people", "Ben Carter"),
                Triple("orders_title", "10-orders", "WS-26-0301-0112"),
                Triple("police_title", "11-police-contacts", "WS-26-0309-0457"),
                Triple("summary_title", "12-summary", t.text("summary_incidents", 5)),
            )) {
                tap(t.text(screen))
                waitFor(loaded, substring = true)
                shot(name)
                tap(t.text("nav_more"))
            }
            tap(t.text("export_title"))
            val all = runBlocking { w.presenters.session.diary().list(app.tally.ffi.ListFilter()).size }
            waitFor(t.text("export_chosen_count", all))
            shot("13-export-choose")
            tap(t.text("export_button"))
            waitFor(t.text("export_done"), timeoutMs = 30_000)
            shot("14-export-ready")
            tap(t.text("nav_more"))
            tap(t.text("settings_title"))
            shot("15-settings")
        }
    }
    return s.written
}

/** Writes every picture into `args[0]`. */
fun main(args: Array<String>) {
    val out = File(args.firstOrNull() ?: "docs/screens").apply { mkdirs() }
    out.listFiles { f -> f.extension == "png" }?.forEach { it.delete() }
    val written = listOf(Locale.UK to false, Locale.UK to true, Locale.forLanguageTag("cy") to false)
        .flatMap { (locale, dark) -> shots(out, locale, dark) }
    println("gallery: ${written.size} pictures in $out")
}
