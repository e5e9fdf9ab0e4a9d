// Correcting an entry: the core's draft holds what the entry says now, the change and its
// reason are sealed as a correction, the original stays in the history, and an entry whose
// content was removed cannot be corrected — the core says why, nothing is written.
package app.tally.ui

import app.tally.ffi.Category
import app.tally.ffi.DraftContent
import app.tally.ffi.Field
import app.tally.ffi.HistoryRole
import app.tally.ffi.Impact
import app.tally.ffi.Incident
import app.tally.ffi.ItemStatus
import app.tally.ffi.Occurred
import app.tally.ffi.Problem
import java.io.File
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class CorrectionTest {
    @TempDir
    lateinit var dir: File

    private val clock = TestClock(Instant.parse("2024-04-01T10:00:00Z"))

    private suspend fun incident(session: Session) = session.diary().addIncident(
        Incident(occurred = Occurred(start = "2024-03-31T10:00:00+01:00"), category = Category.VISIT_HOME, summary = "at the door", impact = Impact()),
    )

    @Test
    fun aCorrectionKeepsTheOriginalAndCarriesItsReason() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        val seq = incident(session)
        val correction = CorrectionPresenter(session, clock)
        correction.start(seq)
        val draft = assertIs<DraftContent.Incident>(correction.state.value.draft!!.content).v1
        assertEquals("at the door", draft.summary, "the draft holds what the entry says now")

        correction.editIncident { copy(summary = "at the door for twenty minutes") }
        correction.setReason("I checked the doorbell camera")
        val saved = correction.save()
        assertEquals(saved, correction.state.value.saved)

        val timeline = TimelinePresenter(session)
        timeline.openEntry(seq)
        val detail = timeline.state.value.detail!!
        assertIs<ItemStatus.Amended>(detail.item.status)
        assertEquals(listOf(HistoryRole.ORIGINAL, HistoryRole.CORRECTION), detail.history.map { it.role })
        assertEquals("I checked the doorbell camera", detail.history[1].reason)
        assertEquals("Visit to home: at the door", detail.history[0].headline)
    }

    @Test
    fun aRemovedEntryCannotBeCorrectedAndTheCoreSaysWhy() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        val seq = incident(session)
        assertTrue(TimelinePresenter(session).erase(seq, "wrong day"))
        val before = session.diary().entryCount()
        val correction = CorrectionPresenter(session, clock)
        correction.start(seq)
        assertNull(correction.state.value.draft)
        assertEquals(listOf(Problem.Erased(seq)), correction.state.value.refused.map { it.problem })
        assertEquals(before, session.diary().entryCount(), "nothing written")
    }

    @Test
    fun aLockForgetsTheCorrectionBeingTyped() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        val seq = incident(session)
        val correction = CorrectionPresenter(session, clock)
        correction.start(seq)
        correction.setReason("half typed")
        session.lock(LockReason.QUICK_EXIT)
        assertNull(correction.state.value.draft)
        assertEquals(emptyList(), correction.state.value.errors.map { it.field }.filter { it != Field.OTHER })
    }
}
