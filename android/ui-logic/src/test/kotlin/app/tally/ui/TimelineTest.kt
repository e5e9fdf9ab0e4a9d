// The timeline presenter: the filters chosen reach the core, and what comes back is the
// core's timeline (days, headlines, statuses) and entry detail, shown as they are. How days
// are grouped and entries dated is the core's, tested in core/src/view.
package app.tally.ui

import app.tally.ffi.AmendmentStart
import app.tally.ffi.Category
import app.tally.ffi.DraftContent
import app.tally.ffi.HistoryRole
import app.tally.ffi.Impact
import app.tally.ffi.Incident
import app.tally.ffi.ItemStatus
import app.tally.ffi.Occurred
import app.tally.ffi.Person
import app.tally.ffi.Relationship
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class TimelineTest {
    @TempDir
    lateinit var dir: File

    private class Case(val session: Session, val a: ULong, val b: ULong, val call: ULong, val visit: ULong, val callB: ULong)

    private suspend fun case(): Case {
        val session = openSession(dir)
        val d = session.diary()
        val a = d.addPerson(Person(name = "A", relationship = Relationship.EX_PARTNER))
        val b = d.addPerson(Person(name = "B", relationship = Relationship.NEIGHBOUR))
        fun inc(at: String, c: Category, who: ULong, what: String) =
            Incident(occurred = Occurred(start = at), category = c, summary = what, people = listOf(who), impact = Impact())
        val call = d.addIncident(inc("2024-03-30T23:50:00+00:00", Category.CALL, a, "late call"))
        val visit = d.addIncident(inc("2024-03-31T10:00:00+01:00", Category.VISIT_HOME, a, "at the door"))
        val callB = d.addIncident(inc("2024-03-31T09:00:00+01:00", Category.CALL, b, "neighbour called"))
        return Case(session, a, b, call, visit, callB)
    }

    private fun TimelinePresenter.seqs() = state.value.timeline!!.days.flatMap { d -> d.items.map { it.seq } }

    @Test
    fun theCoresDaysAndHeadlinesAreShownAsTheyAre() = runBlocking<Unit> {
        val c = case()
        val timeline = TimelinePresenter(c.session)
        timeline.refresh()
        val days = timeline.state.value.timeline!!.days
        assertEquals(listOf("Sunday 31 March 2024", "Saturday 30 March 2024"), days.map { it.heading })
        assertEquals("Visit to home: at the door", days[0].items[0].headline)
        assertEquals(listOf("A", "B"), timeline.state.value.people.map { it.name })
    }

    @Test
    fun theFiltersChosenAreTheCoresFilters() = runBlocking<Unit> {
        val c = case()
        val timeline = TimelinePresenter(c.session)
        timeline.setPerson(c.b)
        assertEquals(listOf(c.callB), timeline.seqs())
        timeline.setPerson(null)
        timeline.toggleCategory(Category.CALL)
        assertEquals(listOf(c.callB, c.call), timeline.seqs())
        timeline.clearFilters()
        assertEquals(3, timeline.seqs().size)
    }

    @Test
    fun anEntryOpensWithBothVersionsAndARemovalStaysVisible() = runBlocking<Unit> {
        val c = case()
        val d = c.session.diary()
        val draft = assertIs<AmendmentStart.Draft>(d.amendmentDraft(c.visit)).v1
        (draft.content as DraftContent.Incident).v1.summary = "at the door for 20 minutes"
        d.saveAmendment(draft)
        d.erase(c.call, "wrong number")
        val timeline = TimelinePresenter(c.session)
        timeline.refresh()
        val removed = timeline.state.value.timeline!!.days.flatMap { it.items }.single { it.seq == c.call }
        assertEquals("wrong number", assertIs<ItemStatus.Removed>(removed.status).reason)

        timeline.openEntry(c.visit)
        val history = timeline.state.value.detail!!.history
        assertEquals(listOf(HistoryRole.ORIGINAL, HistoryRole.CORRECTION), history.map { it.role })
        assertEquals("Visit to home: at the door for 20 minutes", history[1].headline)
        timeline.closeEntry()
        assertNull(timeline.state.value.detail)
    }
}
