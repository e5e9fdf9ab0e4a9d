// The import wizard through the screens: a WhatsApp export is read before anything is
// kept, the day/month question is asked only when the dates cannot tell, the victim ticks
// whose messages matter, and one Import keeps the conversation as one entry, its local
// times read in the phone's time zone.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.isToggleable
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.onNodeWithText
import app.tally.ffi.Body
import app.tally.ffi.EntryKind
import app.tally.ffi.ListFilter
import app.tally.ffi.previewImport
import app.tally.screens.Route
import java.io.File
import java.time.ZoneId
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

class ImportWizardTest {
    private fun World.messageLogs() = runBlocking {
        presenters.session.diary().list(ListFilter(kinds = listOf(EntryKind.MESSAGE_LOG))).map { assertIs<Body.MessageLog>(it.current).v1 }
    }

    /** Opens the wizard from More and has it read [file], as the file picker would hand it. */
    private fun androidx.compose.ui.test.ComposeUiTest.openWizardOn(w: World, file: File) {
        w.platform.importFile = file
        tap(en("nav_more"))
        tap(en("import_title"))
        tap(en("import_choose"))
    }

    private fun World.chat(name: String): File = File(DATA, "import/$name").copyTo(File(dir, "WhatsApp Chat with Sam Stalker.txt"), overwrite = true)

    @Test
    fun a_whatsapp_chat_is_read_first_then_imported_with_the_sender_chosen_in_the_phones_zone() =
        tally(zone = ZoneId.of("America/New_York")) { w ->
            val chat = w.chat("android-24h-dmy.txt")
            createDiary()
            openWizardOn(w, chat)
            val preview = previewImport(chat.path, "America/New_York", null, null, "en-GB")
            waitFor(preview.formatLabel)
            for (line in preview.lines) assertTrue(shows(line), "the wizard says: $line")
            assertFalse(shows(en("import_dates")), "the dates prove their order: no question")
            assertTrue(w.messageLogs().isEmpty(), "nothing is kept before Import")

            onNode(hasText("Sam Stalker", substring = true) and isToggleable()).scrolledTo().performClick()
            waitForIdle()
            tap(en("import_button"))
            waitFor(en("import_done"))

            val log = w.messageLogs().single()
            assertEquals(listOf("Sam Stalker"), log.chosenSenders)
            assertEquals("America/New_York", log.timeZone)
            // 12/03/2024 21:05 on a phone in New York, where summer time had begun (the
            // messages are kept in the entry's transcript, which says when they start).
            assertEquals("2024-03-12T21:05:00-04:00", log.transcript?.first)
            val headline = runBlocking { w.presenters.session.diary().entryDetail(1u) }.item.headline
            assertTrue(shows(headline), "the new entry is named as the timeline names it")
        }

    @Test
    fun a_chat_whose_dates_read_both_ways_asks_day_or_month_first_before_it_can_be_imported() = tally { w ->
        val chat = w.chat("ambiguous.txt")
        createDiary()
        openWizardOn(w, chat)
        val question = previewImport(chat.path, "Europe/London", null, null, "en-GB").dateOrderQuestion!!
        waitFor(question.text)
        assertTrue(shows(en("import_answer_dates")))
        onNodeWithText(en("import_button")).assertIsNotEnabled()

        tap(question.choices.first().label)
        waitGone(en("import_answer_dates"))
        onNodeWithText(en("import_button")).assertIsEnabled()
        tap(en("import_button"))
        waitFor(en("import_done"))
        val log = w.messageLogs().single()
        // Day first: 01/02/2024 is the first of February.
        assertEquals("2024-02-01T10:00:00+00:00", log.transcript?.first)
    }

    @Test
    fun a_telegram_export_of_all_chats_asks_which_chat_before_it_can_be_imported() = tally { w ->
        createDiary()
        openWizardOn(w, File(DATA, "import/telegram-data.json"))
        waitFor(en("import_chat"))
        assertTrue(shows(en("import_answer_chat")))
        onNodeWithText(en("import_button")).assertIsNotEnabled()
        assertTrue(w.messageLogs().isEmpty(), "nothing is kept before Import")

        tap("Sam Stalker")
        waitGone(en("import_answer_chat"))
        onNode(hasText("Sam Stalker", substring = true) and isToggleable()).scrolledTo().performClick()
        waitForIdle()
        tap(en("import_button"))
        waitFor(en("import_done"))
        val log = w.messageLogs().single()
        assertEquals(listOf("Sam Stalker"), log.chosenSenders)
        assertEquals(2uL, log.transcript?.messages)
    }

    @Test
    fun a_chat_shared_into_the_app_opens_the_wizard_with_it_read() = tally { w ->
        val chat = w.chat("android-24h-dmy.txt")
        createDiary()
        // What the Android shell does with a WhatsApp export from the share sheet.
        runBlocking { w.presenters.imports.choose(chat.path) }
        w.presenters.requests.show(Route.IMPORT)
        waitFor(en("import_senders"))
        assertTrue(shows(en("import_title")), "the wizard is on screen")
    }

    @Test
    fun a_file_that_is_not_a_chat_says_so_and_keeps_nothing() = tally { w ->
        createDiary()
        openWizardOn(w, File(DATA, "import/garbage.bin"))
        waitFor(en("import_unreadable"))
        assertTrue(w.messageLogs().isEmpty())
    }
}
