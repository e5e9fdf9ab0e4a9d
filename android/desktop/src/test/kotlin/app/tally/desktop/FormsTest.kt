// The forms through the screens: what the core finds wrong is shown in its words beside the
// field it names, nothing is kept until the draft holds, the clock-change question is a
// choice whose answer is what is stored, and people and orders added become choices.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithText
import app.tally.ffi.Body
import app.tally.ffi.Category
import app.tally.ffi.EntryKind
import app.tally.ffi.Field
import app.tally.ffi.ListFilter
import app.tally.ui.withDate
import app.tally.ui.withTime
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

class FormsTest {
    /** The top edge of the node showing exactly [text]. */
    private fun ComposeUiTest.top(text: String) = onNodeWithText(text).fetchSemanticsNode().positionInRoot.y

    @Test
    fun saving_without_a_category_shows_the_cores_problem_beside_the_category_and_keeps_nothing() = tally { w ->
        createDiary()
        type(en("capture_note"), "Something")
        tap(en("capture_save"))
        val problem = w.presenters.capture.state.value.errors.single { it.field == Field.CATEGORY }.text
        waitFor(problem)
        assertTrue(shows(en("form_fix_above")), "the Save bar says to look above")
        assertEquals(0, w.incidents().size, "nothing was kept")
        // Beside its field: under the Category label, above the next field's label.
        val at = top(problem)
        assertTrue(top(en("capture_category")) < at && at < top(en("capture_person")), "the problem shows under Category")
    }

    @Test
    fun a_time_the_clocks_made_happen_twice_is_asked_about_and_the_answer_is_what_is_kept() =
        tally(clock = MovableClock(Instant.parse("2026-10-25T12:00:00Z"))) { w ->
            createDiary()
            // 01:30 on 25 October 2026 happened twice in London: once in summer time, once after.
            w.presenters.capture.edit { withDate(LocalDate.of(2026, 10, 25)).withTime(LocalTime.of(1, 30)) }
            val question = w.presenters.capture.state.value.review!!.clockQuestion!!
            waitFor(question.text)
            tap(label(Category.LOITERING))
            type(en("capture_note"), "Standing under the street light")
            tap(en("capture_save"))
            val problem = w.presenters.capture.state.value.errors.single { it.field == Field.TIME }.text
            waitFor(problem)
            assertEquals(0, w.incidents().size, "not kept until answered")

            val later = question.choices.last()
            tap(later.label)
            tap(en("capture_save"))
            waitFor(en("capture_saved"))
            val incident = assertIs<Body.Incident>(w.incidents().single().current).v1
            assertEquals(later.time.at, incident.occurred.start, "the time chosen, with its offset")
            assertEquals("2026-10-25T01:30:00+00:00", incident.occurred.start)
        }

    @Test
    fun people_added_become_choices_when_recording() = tally { w ->
        createDiary()
        tap(en("nav_more"))
        tap(en("people_title"))
        tap(en("people_add"))
        type(en("people_name"), "Ben")
        tap(app.tally.ffi.formChoices("en-GB").relationships.first().label)
        tap(en("record_save"))
        waitFor(en("record_saved"))
        val ben = runBlocking { w.presenters.session.diary().people() }.single()
        waitFor(runBlocking { w.presenters.session.diary().entryDetail(ben.seq) }.item.headline)
        tap(en("nav_capture"))
        waitFor("Ben")
        tap("Ben")
        record(Category.MESSAGE, "Called from a new number")
        val incident = assertIs<Body.Incident>(w.incidents().single().current).v1
        assertEquals(listOf(ben.seq), incident.people, "the incident names the person chosen")
    }

    @Test
    fun the_people_already_recorded_show_when_their_list_opens() = tally { w ->
        createDiary()
        // Recorded before the list is opened: its rows arrive after the list's first layout.
        val seq = runBlocking { w.presenters.session.diary().savePerson(w.presenters.people.newPerson().copy(name = "Sam")) }
        val headline = runBlocking { w.presenters.session.diary().entryDetail(assertIs<app.tally.ffi.FormOutcome.Saved>(seq).seq) }.item.headline
        tap(en("nav_more"))
        tap(en("people_title"))
        waitFor(headline)
        tap(headline)
        waitFor(en("entry_correct"))
    }

    @Test
    fun an_order_without_the_person_it_binds_is_refused_beside_that_field() = tally { w ->
        createDiary()
        tap(en("nav_more"))
        tap(en("orders_title"))
        tap(en("orders_add"))
        tap(app.tally.ffi.formChoices("en-GB").orderTypes.first().label)
        tap(en("record_save"))
        val problem = w.presenters.orders.state.value.errors.single { it.field == Field.BOUND_PERSON }.text
        waitFor(problem)
        val at = top(problem)
        assertTrue(top(en("orders_person")) < at && at < top(en("orders_start"), substring = true), "under the person it binds")
        val orders = runBlocking { w.presenters.session.diary().list(ListFilter(kinds = listOf(EntryKind.ORDER))) }
        assertTrue(orders.isEmpty())
    }

    private fun ComposeUiTest.top(text: String, substring: Boolean) =
        onNodeWithText(text, substring = substring).fetchSemanticsNode().positionInRoot.y
}
