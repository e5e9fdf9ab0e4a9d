// A victim's day, driven through the screens against the real library: create the diary,
// unlock it (a wrong passphrase says so, and too many make her wait), record what happened
// with a photo — the same evidence the CLI records from the same file — see it on the
// timeline, correct it, remove another and see it marked removed, and lock: by leaving the
// app, by sitting idle, by quick exit. What the screens say about evidence is compared with
// what the core's views say, so a screen that drops or rewords a view fails here.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import app.tally.ffi.Body
import app.tally.ffi.Category
import app.tally.ffi.EntryKind
import app.tally.ffi.HistoryRole
import app.tally.ffi.ItemStatus
import app.tally.ffi.ListFilter
import app.tally.ffi.reviewNewPassphrase
import app.tally.ui.FileVault
import app.tally.ui.LockReason
import app.tally.ui.MemoryLockStore
import app.tally.ui.SessionState
import java.io.File
import java.time.Duration
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** The core's label of [c] in British English, as the screens show it. */
fun label(c: Category): String = app.tally.ffi.formChoices("en-GB").categories.single { it.value == c }.label

/** Records one incident through quick capture: category, a few words, optionally a photo. */
fun ComposeUiTest.record(category: Category, note: String, photo: Boolean = false) {
    tap(label(category))
    type(en("capture_note"), note)
    if (photo) {
        tap(en("capture_attach_photo"))
        waitFor(en("photo_thumbnail", 1), substring = true)
    }
    tap(en("capture_save"))
    waitFor(en("capture_saved"))
}

/** The diary's incidents, as the model reads them. */
fun World.incidents() = runBlocking { presenters.session.diary().list(ListFilter(kinds = listOf(EntryKind.INCIDENT))) }

/** The core's timeline item for entry [seq], as the timeline screen draws it. */
fun World.item(seq: ULong) = runBlocking { presenters.session.diary().timeline() }.days.flatMap { it.items }.single { it.seq == seq }

class VictimDayTest {
    @Test
    fun first_run_creates_a_diary_and_opens_quick_capture() = tally { w ->
        createDiary()
        assertTrue(w.diaryFile.isFile, "the diary file exists")
        assertTrue(shows(en("capture_when")), "quick capture is the first screen")
    }

    @Test
    fun two_different_passphrases_are_refused_in_the_cores_words_and_no_diary_is_made() = tally { w ->
        waitFor(en("create_title"))
        type(en("unlock_passphrase_label"), PASSPHRASE)
        type(en("create_confirm_label"), "something else")
        tap(en("create_button"))
        waitFor(reviewNewPassphrase(PASSPHRASE, "something else", "en-GB").single().text)
        assertFalse(w.diaryFile.exists(), "nothing was written")
    }

    @Test
    fun wrong_passphrases_say_so_then_the_growing_wait_shows_and_the_right_one_opens_after_it() {
        val clock = MovableClock(Instant.parse("2026-03-10T18:40:00Z"))
        val store = MemoryLockStore()
        tally(clock = clock, lockStore = store) { w ->
            createDiary()
            record(Category.MESSAGE, "Texted me twelve times")
            w.presenters.session.lock(LockReason.USER)
            waitFor(en("unlock_title"))
            assertFalse(shows("Texted me twelve times", substring = true), "nothing of the diary shows while locked")

            // The first wrong passphrases cost nothing but say so; the next one earns a wait.
            for (attempt in 1..4) {
                type(en("unlock_passphrase_label"), "not the passphrase")
                tap(en("unlock_button"))
                waitUntilShown("attempt $attempt counted") { store.lockState.failedAttempts.toInt() == attempt }
            }
            waitFor("Too many attempts. Try again in 30 seconds.")
            type(en("unlock_passphrase_label"), PASSPHRASE)
            onNodeWithText(en("unlock_button")).assertIsNotEnabled()
            assertTrue(w.presenters.session.state.value is SessionState.Locked)

            clock.now = clock.now.plusSeconds(31)
            w.presenters.unlock.refreshGate()
            waitGone("Too many attempts", substring = true)
            onNodeWithText(en("unlock_button")).assertIsEnabled()
            tap(en("unlock_button"))
            waitFor(en("capture_title"))
            assertEquals(0u, store.lockState.failedAttempts, "an unlock forgets the failures")
            tap(en("nav_timeline"))
            waitFor("Texted me twelve times", substring = true)
        }
    }

    @Test
    fun a_photo_from_quick_capture_is_the_same_evidence_as_the_cli_records_from_the_same_file() = tally { w ->
        val photo = File(DATA, "view/phone-photo.jpg")
        w.platform.photo = photo.readBytes()
        w.platform.photoName = photo.name
        createDiary()
        record(Category.VISIT_HOME, "Waiting outside the house", photo = true)
        tap(en("nav_timeline"))
        waitFor(w.item(1u).headline)
        assertTrue(shows(en("timeline_attachments", 1), substring = true), "the timeline counts the photo")
        w.presenters.session.lock(LockReason.USER)

        val state = File(w.dir, "state")
        val app = cli(w.diaryFile, state, "show", "1", "--json")
        val byCli = File(w.dir, "cli.diary")
        cli(byCli, state, "init")
        cli(byCli, state, "add", "incident", "--at", "2024-03-12T21:06:00+00:00", "--category", "visit-home", "--summary", "x", "--attach", photo.path)
        val cliJson = cli(byCli, state, "show", "1", "--json")
        assertEquals(jsonMember(cliJson, "attachments"), jsonMember(app, "attachments"), "the same hash, type, size, dimensions, EXIF time, camera and place")
        assertTrue(jsonMember(app, "attachments").contains("\"camera\":\"Apple iPhone 15\""), app)
    }

    @Test
    fun the_timeline_shows_the_cores_days_headlines_and_times() = tally { w ->
        createDiary()
        record(Category.MESSAGE, "Eleven texts in an hour")
        record(Category.VISIT_HOME, "At the door")
        tap(en("nav_timeline"))
        val timeline = runBlocking { w.presenters.session.diary().timeline() }
        waitFor(timeline.days.first().heading)
        for (item in timeline.days.flatMap { it.items }) {
            assertTrue(shows(item.headline), "the timeline shows ${item.headline}")
            assertTrue(shows(item.time!!.time, substring = true), "and when it happened")
        }
    }

    @Test
    fun correcting_an_entry_keeps_the_first_record_and_the_timeline_shows_it_amended() = tally { w ->
        createDiary()
        record(Category.MESSAGE, "Voicemail at night")
        tap(en("nav_timeline"))
        tap(w.item(1u).headline)
        tap(en("entry_correct"))
        waitFor(en("correct_explain"))
        type(en("capture_note"), "Voicemail at night, saying he knows where I work")
        type(en("correct_reason"), "I remembered what he said")
        tap(en("correct_save"))

        val detail = runBlocking { w.presenters.session.diary().entryDetail(1u) }
        assertIs<ItemStatus.Amended>(detail.item.status)
        waitFor(detail.item.statusText!!)
        assertEquals(listOf(HistoryRole.ORIGINAL, HistoryRole.CORRECTION), detail.history.map { it.role })
        for (step in detail.history) assertTrue(shows(step.text), "the history shows: ${step.text}")
        assertTrue(shows(en("entry_reason", "I remembered what he said")), "with the reason given")

        tap(en("nav_timeline"))
        waitFor(detail.item.headline)
        assertTrue(shows(detail.item.statusText!!), "the timeline marks it amended")
    }

    @Test
    fun removing_an_entry_asks_first_then_marks_it_removed_with_its_reason() = tally { w ->
        createDiary()
        record(Category.MESSAGE, "Texted at midnight")
        record(Category.CALL, "Called from a withheld number")
        tap(en("nav_timeline"))
        tap(w.item(2u).headline)
        tap(en("entry_remove"))
        waitFor(en("remove_explain"))
        type(en("remove_reason"), "Recorded against the wrong day")
        tap(en("remove_keep"))
        waitGone(en("remove_explain"))
        assertIs<ItemStatus.Current>(w.item(2u).status, "keeping it removes nothing")

        tap(en("entry_remove"))
        type(en("remove_reason"), "Recorded against the wrong day")
        tap(en("remove_confirm"))
        waitUntilShown("entry 2 removed") { w.item(2u).status is ItemStatus.Removed }
        val removed = w.item(2u)
        assertEquals("Recorded against the wrong day", assertIs<ItemStatus.Removed>(removed.status).reason)
        waitFor(removed.statusText!!)
        assertFalse(shows("Called from a withheld number", substring = true), "its words are gone")

        tap(en("nav_timeline"))
        waitFor(removed.headline)
        assertTrue(shows(removed.statusText!!), "the timeline marks it removed, with the reason")
        assertTrue(shows(w.item(1u).headline), "and the other entry stands")
    }

    @Test
    fun a_damaged_row_stands_where_it_was_and_the_rest_still_show() = tally { w ->
        createDiary()
        record(Category.MESSAGE, "First")
        record(Category.MESSAGE, "Second")
        record(Category.MESSAGE, "Third")
        w.presenters.session.lock(LockReason.USER)
        // One byte of entry 2's ciphertext changed on disk, as damage or tampering would.
        val sql = "UPDATE entries SET sealed = substr(sealed, 1, 20) || X'00' || substr(sealed, 22) WHERE seq = 2"
        val run = ProcessBuilder("sqlite3", w.diaryFile.path, sql).redirectErrorStream(true).start()
        assertEquals(0, run.waitFor(), run.inputStream.bufferedReader().readText())
        waitFor(en("unlock_title"))
        type(en("unlock_passphrase_label"), PASSPHRASE)
        tap(en("unlock_button"))
        waitFor(en("capture_title"))
        tap(en("nav_timeline"))
        val damaged = w.item(2u)
        assertIs<ItemStatus.Damaged>(damaged.status)
        waitFor(damaged.headline)
        assertTrue(shows(damaged.statusText!!), "the row says it could not be read")
        // Where the core stands it (on its neighbours' day), the screen draws it.
        val timeline = runBlocking { w.presenters.session.diary().timeline() }
        val day = timeline.days.single()
        assertEquals(setOf(1uL, 2uL, 3uL), day.items.map { it.seq }.toSet(), "on the day of the entries around it")
        val y = day.items.map { onNodeWithText(it.headline).fetchSemanticsNode().positionInRoot.y }
        assertEquals(y.sorted(), y, "in the core's order")
    }

    @Test
    fun going_to_the_background_locks_and_nothing_of_the_diary_stays_on_screen() = tally { w ->
        createDiary()
        record(Category.MESSAGE, "Followed me to the bus stop")
        tap(en("nav_timeline"))
        waitFor("Followed me to the bus stop", substring = true)
        w.presenters.session.onBackgrounded()
        waitFor(en("unlock_title"))
        assertFalse(shows("Followed me to the bus stop", substring = true), "the timeline is gone")
        assertFalse(w.presenters.session.isUnlocked)
    }

    @Test
    fun sitting_idle_past_the_cores_deadline_locks_by_the_wall_clock() {
        val clock = MovableClock(Instant.parse("2026-03-10T18:40:00Z"))
        tally(clock = clock) { w ->
            createDiary()
            record(Category.MESSAGE, "Parked outside work")
            clock.now = clock.now.plus(Duration.ofMinutes(4))
            assertFalse(w.presenters.session.lockIfDue(), "four minutes idle is not yet five")
            w.presenters.session.touch()
            clock.now = clock.now.plus(Duration.ofMinutes(4))
            assertFalse(w.presenters.session.lockIfDue(), "activity moved the deadline")
            clock.now = clock.now.plus(Duration.ofMinutes(2))
            assertTrue(w.presenters.session.lockIfDue())
            waitFor(en("unlock_title"))
            assertFalse(shows("Parked outside work", substring = true))
        }
    }

    @Test
    fun quick_exit_locks_and_leaves_from_any_screen() = tally { w ->
        createDiary()
        record(Category.MESSAGE, "Parked across the road")
        tap(en("nav_timeline"))
        waitFor("Parked across the road", substring = true)
        onNodeWithContentDescription(en("quick_exit")).performClick()
        waitFor(en("unlock_title"))
        assertEquals(1, w.platform.quickExits)
        assertFalse(w.presenters.session.isUnlocked)
        assertFalse(shows("Parked across the road", substring = true))
    }

    @Test
    fun quick_exit_is_on_the_unlock_screen_too() = tally { w ->
        runBlocking { FileVault(w.diaryFile, FAST).create(PASSPHRASE).close() }
        w.presenters.unlock.clear()
        waitFor(en("unlock_title"))
        type(en("unlock_passphrase_label"), "half typed")
        onNodeWithContentDescription(en("quick_exit")).performClick()
        waitForIdle()
        assertEquals(1, w.platform.quickExits)
    }

    @Test
    fun the_summary_shows_the_cores_sentences() = tally { w ->
        createDiary()
        record(Category.MESSAGE, "First message")
        record(Category.MESSAGE, "Second message")
        record(Category.VISIT_HOME, "At the door")
        tap(en("nav_more"))
        tap(en("summary_title"))
        val view = runBlocking { w.presenters.session.diary().summaryView() }
        assertEquals(3uL, view.incidentsTotal)
        waitFor(view.recorded)
        assertTrue(shows(view.period), "the period")
        for (c in view.byCategory) assertTrue(shows(c.label), "the count of ${c.label}")
        for (line in view.indicators.take(3)) onNodeWithText(line).scrolledTo().assertExists()
    }

    @Test
    fun export_shows_the_cores_plan_then_writes_a_pack_that_tally_verify_accepts() = tally { w ->
        createDiary()
        record(Category.VISIT_HOME, "Waiting outside the house", photo = true)
        tap(en("nav_more"))
        tap(en("export_title"))
        val plan = runBlocking { w.presenters.session.diary().exportScreen(app.tally.ffi.DisclosureChoices()) }
        waitFor(plan.summary)
        for (going in plan.goingOut) {
            onNodeWithText(going.whyText).scrolledTo().assertExists()
            onNodeWithText(going.item.headline).scrolledTo().assertExists()
        }
        tap(en("export_button"))
        waitFor(en("export_done_counts", 1, 0), timeoutMs = 30_000)
        tap(en("export_share"))
        val pack = File(w.platform.shared.single())
        assertTrue(pack.isFile, "the pack was written")
        val verdict = cli(w.diaryFile, File(w.dir, "state"), "verify", pack.path)
        assertTrue(verdict.isNotBlank(), "tally verify says what it checked")
    }
}
