// Gallery: a picture of every screen at phone size (411 x 891 dp), light and dark, in
// English and in the Welsh draft, drawn by the UI tests' own harness over a realistic
// diary, into docs/screens/<screen>-<locale>-<theme>.png. Run by scripts/screens.sh.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.toAwtImage
import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.isRoot
import androidx.compose.ui.test.isToggleable
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performMouseInput
import app.tally.ffi.Category
import app.tally.ffi.ContactMethod
import app.tally.ffi.DisclosureChoices
import app.tally.ffi.ItemStatus
import app.tally.ffi.LifeChange
import app.tally.ffi.OrderType
import app.tally.ffi.Relationship
import app.tally.ffi.formChoices
import app.tally.screens.TIMELINE_LIST
import app.tally.ui.Disguise
import app.tally.ui.LockReason
import app.tally.ui.MemoryLockStore
import app.tally.ui.withDate
import app.tally.ui.withNoContact
import app.tally.ui.withPerson
import app.tally.ui.withTime
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

/** A WhatsApp chat as a phone exports it, for the import wizard's pictures. */
private val CHAT = """
    28/02/2026, 21:05 - Ben Carter: Where are you
    28/02/2026, 21:06 - Ben Carter: I know you're at home.
    I can see the light on.
    28/02/2026, 21:10 - Amy: Leave me alone
    28/02/2026, 21:31 - Ben Carter: I'll wait
""".trimIndent() + "\n"

/** 18:40 on a Tuesday in March, so every picture shows the same day. */
private val NOW: Clock = Clock.fixed(Instant.parse("2026-03-10T18:40:00Z"), ZoneOffset.UTC)

private class Shots(private val dir: File, private val suffix: String) {
    val written = mutableListOf<File>()

    fun ComposeUiTest.shot(name: String) {
        // The screen at rest: no hover highlight where the last tap was (the desktop scene
        // keeps a pointer there, which no finger leaves), no ripple still fading.
        onAllNodes(isRoot())[0].performMouseInput { moveTo(Offset(1f, 1f)) }
        mainClock.advanceTimeBy(2_000)
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
    val ben = p.people.addPerson(
        p.people.newPerson().copy(
            name = "Ben Carter",
            relationship = Relationship.EX_PARTNER,
            description = "Grey Ford Focus, usually parked on Elm Road",
        ),
    ) ?: error("person: ${p.people.state.value.errors}")
    p.orders.addOrder(
        p.orders.newOrder().copy(orderType = OrderType.BAIL, person = ben, start = "2026-03-01", end = "2026-04-01", reference = "WS-26-0301-0112")
            .withNoContact(true),
    ) ?: error("order: ${p.orders.state.value.errors}")
    val c = p.capture
    fun incident(day: Int, time: String, category: Category, note: String, place: String, fear: Int, photo: Boolean = false): ULong {
        c.reset()
        c.edit { withDate(LocalDate.of(2026, 3, day)).withTime(LocalTime.parse(time)).copy(category = category, summary = note, place = place, fear = fear.toUByte()).withPerson(ben) }
        if (photo) c.attachPhoto(PHOTO, "IMG_2041.png", "image/png")
        return runBlocking { c.save() } ?: error("save: ${c.state.value.errors}")
    }
    incident(2, "21:14", Category.MESSAGE, "Eleven texts in an hour, the last one saying he will wait for me", "Home", 6)
    val bus = incident(4, "07:55", Category.SIGHTING_OR_FOLLOWING, "His car behind the bus all the way to work", "Bus route 24", 7)
    incident(6, "17:40", Category.VISIT_WORK, "Waiting by my car in the work car park", "Northgate Business Park", 8, photo = true)
    val wrong = incident(7, "12:10", Category.CALL, "Called from a withheld number", "Work", 4)
    incident(9, "23:02", Category.VISIT_HOME, "Knocked on the door and shouted through the letterbox", "Home", 9)
    // A correction and a removal, so the timeline shows both as the diary keeps them.
    p.correction.start(bus)
    p.correction.editIncident { copy(summary = "His car behind the bus all the way to work, then parked opposite", changes = listOf(LifeChange.ChangedRoute)) }
    p.correction.setReason("I saw him park after I got off")
    p.correction.save() ?: error("correction: ${p.correction.state.value.errors}")
    p.correction.clear()
    p.timeline.erase(wrong, "It was my sister, not him")
    p.police.addPoliceContact(
        p.police.newPoliceContact().copy(method = ContactMethod.CALL101, reference = "WS-26-0309-0457", officer = "PC 2213 Hughes", advice = "Block his number and keep a diary"),
    ) ?: error("police: ${p.police.state.value.errors}")
    c.reset()
}

private fun shots(out: File, locale: Locale, dark: Boolean): List<File> {
    val suffix = "${locale.language}-${if (dark) "dark" else "light"}"
    val s = Shots(out, suffix)
    val t = ResourceStrings(locale)
    val words = formChoices(locale.toLanguageTag())
    fun category(c: Category) = words.categories.single { it.value == c }.label
    // Each app state in its own run: a fresh diary, the screen navigated to through the UI.
    tally(locale, dark, disguise = Disguise.CALCULATOR, clock = NOW) { with(s) { waitFor("="); shot("01-disguise-calculator") } }
    tally(locale, dark, clock = NOW) {
        with(s) {
            waitFor(t.text("create_title"))
            shot("02-create")
        }
    }
    val store = MemoryLockStore()
    tally(locale, dark, clock = NOW, lockStore = store) { w ->
        with(s) {
            w.fill()
            w.presenters.session.lock(LockReason.BACKGROUNDED)
            w.presenters.unlock.clear()
            waitFor(t.text("unlock_title"))
            for (attempt in 1..4) {
                type(t.text("unlock_passphrase_label"), "not it")
                tap(t.text("unlock_button"))
                waitUntilShown("attempt $attempt") { store.lockState.failedAttempts.toInt() == attempt }
                if (attempt == 1) shot("03-unlock-wrong-passphrase")
            }
            shot("04-unlock-wait")
        }
    }
    tally(locale, dark, clock = NOW) { w ->
        with(s) {
            w.fill()
            w.presenters.session.lock(LockReason.BACKGROUNDED)
            w.presenters.unlock.clear()
            waitFor(t.text("unlock_title"))
            type(t.text("unlock_passphrase_label"), PASSPHRASE)
            tap(t.text("unlock_button"))
            waitFor(t.text("capture_title"))
            shot("05-quick-capture")
            type(t.text("capture_note"), "Outside again")
            tap(t.text("capture_save"))
            waitFor(t.text("form_fix_above"))
            shot("06-quick-capture-problems")
            tap(category(Category.VISIT_HOME))
            type(t.text("capture_note"), "Outside again, watching the window")
            tap(t.text("capture_attach_photo"))
            waitFor(t.text("photo_thumbnail", 1), substring = true)
            tap(t.text("capture_save"))
            waitFor(t.text("capture_saved"))
            shot("07-quick-capture-saved")
            tap(t.text("nav_timeline"))
            waitFor(w.item(w.presenters.capture.state.value.lastSaved!!).headline)
            shot("08-timeline")
            val amended = runBlocking { w.presenters.session.diary().timeline() }.days.flatMap { it.items }.first { it.status is ItemStatus.Amended }
            scrollListTo(TIMELINE_LIST, amended.headline)
            tap(amended.headline)
            waitFor(t.text("entry_history"))
            shot("09-entry-history")
            tap(t.text("entry_remove"))
            waitFor(t.text("remove_explain"))
            shot("10-remove-entry")
            tap(t.text("remove_keep"))
            tap(t.text("entry_correct"))
            waitFor(t.text("correct_explain"))
            shot("11-correction")
            tap(t.text("nav_more"))
            shot("12-more")
            for ((screen, name, loaded) in listOf(
                Triple("people_title", "13-people", "Ben Carter"),
                Triple("orders_title", "14-orders", "Ben Carter"),
                Triple("police_title", "15-police-contacts", "WS-26-0309-0457"),
            )) {
                tap(t.text(screen))
                waitFor(loaded, substring = true)
                shot(name)
                tap(t.text("nav_more"))
            }
            tap(t.text("police_title"))
            tap(t.text("police_add"))
            waitFor(t.text("police_advice"))
            shot("16-police-form")
            tap(t.text("record_cancel"))
            tap(t.text("nav_more"))
            w.platform.importFile = File(w.dir, "WhatsApp Chat with Ben Carter.txt").apply { writeText(CHAT) }
            tap(t.text("import_title"))
            tap(t.text("import_choose"))
            waitFor(t.text("import_senders"))
            onNode(hasText("Ben Carter", substring = true) and isToggleable()).performClick()
            shot("17-import-preview")
            tap(t.text("import_button"))
            waitFor(t.text("import_done"))
            shot("18-import-done")
            tap(t.text("nav_more"))
            tap(t.text("summary_title"))
            waitFor(runBlocking { w.presenters.session.diary().summaryView() }.recorded)
            shot("19-summary")
            tap(t.text("nav_more"))
            tap(t.text("export_title"))
            waitFor(t.text("export_explain"))
            val plan = runBlocking { w.presenters.session.diary().exportScreen(DisclosureChoices()) }
            waitFor(plan.summary)
            shot("20-export-choose")
            onNodeWithText(plan.goingOut.last().item.headline).scrolledTo()
            shot("21-export-plan")
            tap(t.text("export_button"))
            waitFor(t.text("export_share"), timeoutMs = 30_000)
            shot("22-export-ready")
            tap(t.text("nav_more"))
            tap(t.text("keep_safe_title"))
            waitFor(t.text("keep_safe_backup"))
            shot("23-keep-safe")
            tap(t.text("keep_safe_make_backup"))
            waitFor(t.text("keep_safe_share"), timeoutMs = 30_000)
            shot("24-keep-safe-backup-made")
            onNodeWithText(t.text("keep_safe_biometric_which")).scrolledTo()
            shot("25-keep-safe-second-passphrase")
            tap(t.text("nav_more"))
            tap(t.text("settings_title"))
            shot("26-settings")
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
