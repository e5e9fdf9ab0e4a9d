// A victim's day, driven through the screens against the real library: create the diary,
// unlock it (a wrong passphrase says so), record what happened with a photo, see it on the
// timeline, add details later, see the summary, share an evidence pack that `tally verify`
// accepts, and lock — by leaving the app, by quick exit, or behind a disguise.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.longClick
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTouchInput
import app.tally.ffi.EntryBody
import app.tally.ffi.EntryKind
import app.tally.ffi.ListFilter
import app.tally.ui.Disguise
import app.tally.ui.FileVault
import app.tally.ui.Labels
import app.tally.ui.SessionState
import java.io.File
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

class VictimDayTest {
    private val message = en(Labels.of(app.tally.ffi.Category.MESSAGE))
    private val visitHome = en(Labels.of(app.tally.ffi.Category.VISIT_HOME))

    /** Records one incident through quick capture: category, a few words, optionally a photo. */
    private fun androidx.compose.ui.test.ComposeUiTest.record(category: String, note: String, photo: Boolean = false) {
        tap(category)
        type(en("capture_note"), note)
        if (photo) {
            tap(en("capture_attach_photo"))
            waitFor(en("photo_thumbnail", 1), substring = true)
        }
        tap(en("capture_save"))
        waitFor(en("capture_saved"))
    }

    private fun World.incidents() = runBlocking {
        presenters.session.diary().list(ListFilter(kinds = listOf(EntryKind.INCIDENT)))
    }

    @Test
    fun first_run_creates_a_diary_and_opens_quick_capture() = tally { w ->
        createDiary()
        assertTrue(w.diaryFile.isFile, "the diary file exists")
        assertTrue(shows(en("capture_when")), "quick capture is the first screen")
    }

    @Test
    fun two_different_passphrases_are_refused_and_no_diary_is_made() = tally { w ->
        waitFor(en("create_title"))
        type(en("unlock_passphrase_label"), PASSPHRASE)
        type(en("create_confirm_label"), "something else")
        tap(en("create_button"))
        waitFor(en("create_mismatch"))
        assertFalse(w.diaryFile.exists(), "nothing was written")
    }

    @Test
    fun wrong_passphrase_says_so_and_the_right_one_opens_the_diary() = tally { w ->
        createDiary()
        record(message, "Texted me twelve times")
        w.presenters.session.lock(app.tally.ui.LockReason.USER)
        waitFor(en("unlock_title"))
        assertFalse(shows("Texted me twelve times", substring = true), "nothing of the diary shows while locked")

        type(en("unlock_passphrase_label"), "not the passphrase")
        tap(en("unlock_button"))
        waitFor(en("unlock_wrong_passphrase"))
        assertTrue(w.presenters.session.state.value is SessionState.Locked)

        type(en("unlock_passphrase_label"), PASSPHRASE)
        tap(en("unlock_button"))
        waitFor(en("capture_title"))
        tap(en("nav_timeline"))
        waitFor("Texted me twelve times")
    }

    @Test
    fun quick_capture_with_a_photo_shows_on_the_timeline_with_the_photo_kept() = tally { w ->
        createDiary()
        record(visitHome, "Waiting outside the house", photo = true)
        tap(en("nav_timeline"))
        waitFor("Waiting outside the house")
        assertTrue(shows(visitHome, substring = true), "the timeline names the category")
        assertTrue(shows(en("timeline_attachments", 1)), "the timeline counts the photo")

        val incident = (w.incidents().single().current as EntryBody.Incident).incident
        val sha = MessageDigest.getInstance("SHA-256").digest(PHOTO).joinToString("") { "%02x".format(it) }
        assertEquals(listOf(sha), incident.attachments.map { it.sha256 }, "the photo is kept byte for byte")
        assertEquals(app.tally.ffi.Category.VISIT_HOME, incident.category)
    }

    @Test
    fun saving_without_choosing_what_happened_says_so_and_saves_nothing() = tally { w ->
        createDiary()
        type(en("capture_note"), "Something")
        tap(en("capture_save"))
        waitFor(en("capture_need_category"))
        assertEquals(0, w.incidents().size)
    }

    @Test
    fun details_added_later_keep_the_first_record_and_show_it_corrected() = tally { w ->
        createDiary()
        record(message, "Voicemail at night")
        type(en("capture_details"), "He said he knows where I work.")
        tap(en("capture_add_details"))
        waitFor(en("capture_details_saved"))

        tap(en("nav_timeline"))
        waitFor("Voicemail at night")
        assertTrue(shows(en("timeline_amended"), substring = true), "the entry shows as corrected")
        tap("Voicemail at night")
        waitFor(en("timeline_history"))
        assertTrue(shows(en("timeline_original"), substring = true), "the history keeps the first record")
        assertTrue(shows("He said he knows where I work.", substring = true), "and shows the details added")
    }

    @Test
    fun people_added_become_choices_when_recording() = tally { w ->
        createDiary()
        tap(en("nav_more"))
        tap(en("people_title"))
        tap(en("people_add"))
        type(en("people_name"), "Ben")
        tap(en("record_save"))
        waitFor(en("record_saved"))
        waitFor("Ben")
        tap(en("nav_capture"))
        waitFor("Ben")
        tap("Ben")
        record(message, "Called from a new number")
        val incident = (w.incidents().single().current as EntryBody.Incident).incident
        assertEquals(1, incident.people.size, "the incident names the person chosen")
    }

    @Test
    fun the_summary_counts_what_was_recorded() = tally { w ->
        createDiary()
        record(message, "First message")
        record(message, "Second message")
        record(visitHome, "At the door")
        tap(en("nav_more"))
        tap(en("summary_title"))
        waitFor(en("summary_incidents", 3))
        assertTrue(shows(message), "the kinds recorded are listed")
    }

    @Test
    fun export_writes_a_pack_that_tally_verify_accepts() = tally { w ->
        createDiary()
        record(visitHome, "Waiting outside the house", photo = true)
        tap(en("nav_more"))
        tap(en("export_title"))
        waitFor(en("export_chosen_count", 1))
        tap(en("export_button"))
        waitFor(en("export_done"), timeoutMs = 30_000)
        tap(en("export_share"))
        val pack = File(w.platform.shared.single())
        assertTrue(pack.isFile, "the pack was written")

        val cli = System.getProperty("tally.cli") ?: error("tally.cli is not set: the script passes the CLI's path")
        val run = ProcessBuilder(cli, "verify", pack.path).redirectErrorStream(true).start()
        val output = run.inputStream.bufferedReader().readText()
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "tally verify finished")
        assertEquals(0, run.exitValue(), "tally verify accepts the pack:\n$output")
    }

    @Test
    fun going_to_the_background_locks_and_nothing_of_the_diary_stays_on_screen() = tally { w ->
        createDiary()
        record(message, "Followed me to the bus stop")
        tap(en("nav_timeline"))
        waitFor("Followed me to the bus stop")
        w.presenters.session.onBackgrounded()
        waitFor(en("unlock_title"))
        assertFalse(shows("Followed me to the bus stop"), "the timeline is gone")
        assertFalse(w.presenters.session.isUnlocked)
    }

    @Test
    fun quick_exit_locks_and_leaves_from_any_screen() = tally { w ->
        createDiary()
        record(message, "Parked across the road")
        tap(en("nav_timeline"))
        waitFor("Parked across the road")
        onNodeWithContentDescription(en("quick_exit")).performClick()
        waitFor(en("unlock_title"))
        assertEquals(1, w.platform.quickExits)
        assertFalse(w.presenters.session.isUnlocked)
        assertFalse(shows("Parked across the road"))
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
    fun the_calculator_disguise_hides_the_diary_until_equals_is_held() = tally(disguise = Disguise.CALCULATOR) { w ->
        waitFor("=")
        assertFalse(shows(en("create_title")), "the calculator shows, not the diary")
        for (key in listOf("7", "×", "6")) onNodeWithTag("calc-$key").performClick()
        onNodeWithTag("calc-=").performClick()
        waitFor("42")
        assertFalse(shows(en("create_title")), "a short press only calculates")
        onNodeWithTag("calc-=").performTouchInput { longClick() }
        waitFor(en("create_title"))
    }

    @Test
    fun a_lock_puts_the_disguise_back_in_front() = tally(disguise = Disguise.NOTES) { w ->
        waitFor(en("decoy_notes_empty"))
        onNodeWithTag("decoy-title").performTouchInput { longClick() }
        createDiary()
        w.presenters.session.onBackgrounded()
        waitFor(en("decoy_notes_empty"))
        assertFalse(shows(en("unlock_title")), "the disguise, not the unlock screen, is in front")
    }
}
