// Export: the victim's choices become the core's selection, and the pack written discloses
// exactly the chosen entries and what they depend on — checked by verifying the pack.
package app.tally.ui

import app.tally.TallyDiary
import app.tally.ffi.Category
import app.tally.ffi.Impact
import app.tally.ffi.Incident
import app.tally.ffi.DisclosureChoices
import app.tally.ffi.Field
import app.tally.ffi.Occurred
import app.tally.ffi.Order
import app.tally.ffi.OrderType
import app.tally.ffi.Person
import app.tally.ffi.Relationship
import java.io.File
import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class ExportTest {
    @TempDir
    lateinit var dir: File

    private val clock = TestClock(Instant.parse("2024-05-01T12:00:00Z"))

    /** 1 A, 2 B, 3 A call 3 Mar, 4 A visit 10 Mar, 5 B call 12 Mar, 6 order on A, 7 A call 20 Apr. */
    private suspend fun case(): Session {
        val session = openSession(dir, clock)
        val d = session.diary()
        val a = d.addPerson(Person(name = "A", relationship = Relationship.EX_PARTNER))
        val b = d.addPerson(Person(name = "B", relationship = Relationship.NEIGHBOUR))
        fun inc(at: String, c: Category, who: ULong) = Incident(occurred = Occurred(start = at), category = c, summary = "x", people = listOf(who), impact = Impact())
        d.addIncident(inc("2024-03-03T20:00:00+00:00", Category.CALL, a))
        d.addIncident(inc("2024-03-10T20:00:00+00:00", Category.VISIT_HOME, a))
        d.addIncident(inc("2024-03-12T20:00:00+00:00", Category.CALL, b))
        d.addOrder(Order(orderType = OrderType.BAIL, person = a, start = "2024-03-01"))
        d.addIncident(inc("2024-04-20T20:00:00+01:00", Category.CALL, a))
        return session
    }

    private fun presenter(session: Session) = ExportPresenter(session, File(dir, "share"), clock)

    @Test
    fun choicesMapOneToOneOntoTheCoreSelection() {
        val sel = ExportSelection(
            from = LocalDate.of(2024, 3, 1),
            to = LocalDate.of(2024, 3, 31),
            person = 1uL,
            categories = setOf(Category.VISIT_HOME, Category.CALL),
            entries = setOf(4uL, 3uL),
        )
        assertEquals(
            DisclosureChoices(from = "2024-03-01", to = "2024-03-31", people = listOf(1uL), categories = listOf(Category.CALL, Category.VISIT_HOME), entries = listOf(3uL, 4uL)),
            sel.toChoices(),
        )
        assertEquals(DisclosureChoices(), ExportSelection().toChoices())
    }

    @Test
    fun personAndCategoryPackDisclosesThemAndWhatTheyNeedAndWithholdsTheRest() = runBlocking<Unit> {
        val session = case()
        val export = presenter(session)
        export.load()
        export.select { it.copy(person = 1uL, categories = setOf(Category.CALL)) }
        // Before anything is written the screen shows the core's plan: her two calls, and A
        // because they name her.
        val plan = export.state.value.plan!!
        assertTrue(plan.ready, plan.errors.toString())
        assertEquals(listOf(1uL, 3uL, 7uL), plan.goingOut.map { it.item.seq })
        val summary = export.export()!!
        assertEquals(plan.goingOut.map { it.item.seq }, summary.plan.entries.map { it.seq }, "the pack follows the plan shown")
        val done = assertIs<WorkPhase.Done<*>>(export.state.value.phase)
        assertTrue(File(done.path).isFile)
        assertTrue(done.path.startsWith(File(dir, "share").path))
        assertTrue(File(done.path).name.matches(Regex("tally-evidence-20240501-130000\\.zip")), done.path)

        // The pack carries her two calls and A, whom they name; a category choice chooses
        // incidents, so the order on her stays behind.
        assertEquals(3uL, summary.disclosed)
        assertEquals(4uL, summary.withheld)
        val verdict = TallyDiary.verifyPack(done.path)
        assertTrue(verdict.ok, verdict.problems.toString())
        assertEquals(3uL, verdict.disclosed)
        assertEquals(4uL, verdict.withheld)
        assertEquals(7uL, verdict.treeSize)
        assertEquals("2024-03-03", verdict.periodFirst)
        assertEquals("2024-04-20", verdict.periodLast)
    }

    @Test
    fun aPeriodAndSingleEntriesNarrowThePack() = runBlocking<Unit> {
        val session = case()
        val export = presenter(session)
        export.select { it.copy(from = LocalDate.of(2024, 3, 5), to = LocalDate.of(2024, 3, 31)) }
        // 4 (A visit), 5 (B call) and the order (it runs through March); the people they name follow.
        assertEquals(5, export.state.value.plan!!.goingOut.size)
        val period = export.export()!!
        assertEquals(5uL, period.disclosed)
        assertEquals(2uL, period.withheld)

        // Picking one entry from the list offered, newest first.
        export.select { ExportSelection() }
        export.load()
        assertEquals(listOf(7uL, 5uL, 4uL, 3uL, 6uL), export.state.value.candidates.map { it.seq })
        export.toggleEntry(5uL)
        assertEquals(setOf(5uL), export.state.value.selection.entries)
        assertEquals(listOf(2uL, 5uL), export.state.value.plan!!.goingOut.map { it.item.seq })
        val single = export.export()!!
        // B's call, and B.
        assertEquals(2uL, single.disclosed)
        assertEquals(5uL, single.withheld)
        assertTrue(TallyDiary.verifyPack(single.path).ok)
    }

    @Test
    fun anEmptyChoiceOrABackwardsPeriodWritesNothing() = runBlocking<Unit> {
        val session = case()
        val export = presenter(session)
        // B has no threats: nothing is chosen, and the core's plan says so.
        export.select { it.copy(person = 2uL, categories = setOf(Category.THREAT)) }
        assertEquals(listOf(Field.TARGET), export.state.value.plan!!.errors.map { it.field })
        assertNull(export.export())
        assertFalse(export.state.value.plan!!.ready)

        export.select { ExportSelection(from = LocalDate.of(2024, 4, 1), to = LocalDate.of(2024, 3, 1)) }
        assertEquals(listOf(Field.END_DATE), export.state.value.plan!!.errors.map { it.field })
        assertNull(export.export())
        assertFalse(File(dir, "share").listFiles().orEmpty().any { it.name.endsWith(".zip") })
    }
}
