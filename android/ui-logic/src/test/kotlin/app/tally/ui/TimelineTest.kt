// The timeline: newest first, grouped by the local day each incident happened (as recorded,
// with its offset), filtered by person and category exactly as the core filters.
package app.tally.ui

import app.tally.ffi.Category
import app.tally.ffi.EntryContent
import app.tally.ffi.EntryKind
import app.tally.ffi.Incident
import app.tally.ffi.Occurred
import app.tally.ffi.Person
import app.tally.ffi.PoliceContact
import app.tally.ffi.Relationship
import java.io.File
import java.time.LocalDate
import java.time.LocalTime
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class TimelineTest {
    @TempDir
    lateinit var dir: File

    private class Case(val session: Session, val a: ULong, val b: ULong, val lateCall: ULong, val visit: ULong, val pastMidnight: ULong, val callB: ULong, val police: ULong)

    private suspend fun case(): Case {
        val session = openSession(dir)
        val d = session.diary()
        val a = d.addPerson(Person(name = "A", relationship = Relationship.EX_PARTNER))
        val b = d.addPerson(Person(name = "B", relationship = Relationship.NEIGHBOUR))
        fun inc(at: String, c: Category, who: ULong, what: String) =
            Incident(occurred = Occurred(start = at), category = c, summary = what, people = listOf(who))
        // Saturday 30 March, GMT; Sunday 31 March (clocks went forward at 01:00), BST.
        val lateCall = d.addIncident(inc("2024-03-30T23:50:00+00:00", Category.CALL, a, "late call"))
        val visit = d.addIncident(inc("2024-03-31T10:00:00+01:00", Category.VISIT_HOME, a, "at the door"))
        // 00:10 BST on 1 April is 23:10 UTC on 31 March: it belongs to 1 April.
        val pastMidnight = d.addIncident(inc("2024-04-01T00:10:00+01:00", Category.MESSAGE, a, "texts"))
        val callB = d.addIncident(inc("2024-03-31T09:00:00+01:00", Category.CALL, b, "neighbour called"))
        val police = d.addPoliceContact(PoliceContact(at = "2024-04-01T09:30:00+01:00", reference = "CAD 123", reported = listOf(visit)))
        return Case(session, a, b, lateCall, visit, pastMidnight, callB, police)
    }

    private fun TimelinePresenter.shape() =
        state.value.days.map { day -> day.day to day.items.map { it.seq } }

    @Test
    fun entriesAreGroupedByTheLocalDayTheyHappenedNewestFirst() = runBlocking<Unit> {
        val c = case()
        val timeline = TimelinePresenter(c.session, LONDON)
        timeline.refresh()
        assertEquals(
            listOf(
                LocalDate.of(2024, 4, 1) to listOf(c.police, c.pastMidnight),
                LocalDate.of(2024, 3, 31) to listOf(c.visit, c.callB),
                LocalDate.of(2024, 3, 30) to listOf(c.lateCall),
            ),
            timeline.shape(),
        )
        val first = timeline.state.value.days[0].items[1]
        assertEquals(LocalTime.of(0, 10), first.time)
        assertEquals("texts", first.title)
        assertEquals("category_message", first.label)
        // People are not timeline entries, but they are offered as filters.
        assertEquals(listOf("A", "B"), timeline.state.value.people.map { it.name })
    }

    @Test
    fun filtersByPersonAndByCategory() = runBlocking<Unit> {
        val c = case()
        val timeline = TimelinePresenter(c.session, LONDON)
        timeline.setPerson(c.b)
        assertEquals(listOf(LocalDate.of(2024, 3, 31) to listOf(c.callB)), timeline.shape())

        timeline.setPerson(c.a)
        // A's incidents, and the police contact that reported one of them.
        assertEquals(listOf(c.police, c.pastMidnight, c.visit, c.lateCall), timeline.shape().flatMap { it.second })

        timeline.toggleCategory(Category.CALL)
        assertEquals(listOf(LocalDate.of(2024, 3, 30) to listOf(c.lateCall)), timeline.shape())

        timeline.setPerson(null)
        assertEquals(listOf(c.callB, c.lateCall), timeline.shape().flatMap { it.second })
        timeline.toggleCategory(Category.MESSAGE)
        assertEquals(listOf(c.pastMidnight, c.callB, c.lateCall), timeline.shape().flatMap { it.second })

        timeline.clearFilters()
        assertEquals(5, timeline.shape().flatMap { it.second }.size)
    }

    @Test
    fun anEntrysHistoryShowsTheOriginalThenTheCorrection() = runBlocking<Unit> {
        val c = case()
        val d = c.session.diary()
        val fixed = Incident(occurred = Occurred(start = "2024-03-31T10:00:00+01:00"), category = Category.VISIT_HOME, summary = "at the door for 20 minutes", people = listOf(c.a))
        val amendment = d.amend(c.visit, EntryContent.Incident(fixed), "remembered how long")
        val timeline = TimelinePresenter(c.session, LONDON)
        timeline.refresh()
        // The timeline shows the corrected text once, not the amendment as an entry.
        val visit = timeline.state.value.days.flatMap { it.items }.single { it.seq == c.visit }
        assertEquals("at the door for 20 minutes", visit.title)
        assertEquals(5, timeline.state.value.days.flatMap { it.items }.size)

        timeline.openHistory(c.visit)
        val (seq, steps) = timeline.state.value.history!!
        assertEquals(c.visit, seq)
        assertEquals(listOf(c.visit, amendment), steps.map { it.seq })
        assertEquals("at the door", steps[0].text)
        assertEquals(EntryKind.AMENDMENT, steps[1].kind)
        assertEquals("at the door for 20 minutes", steps[1].text)
        assertEquals("remembered how long", steps[1].reason)
        timeline.closeHistory()
        assertNull(timeline.state.value.history)
    }
}
