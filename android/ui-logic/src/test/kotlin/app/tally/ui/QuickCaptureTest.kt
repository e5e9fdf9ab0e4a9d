// Quick capture: the time the victim sees is the time saved, with the offset London had on
// that date — +00:00 in winter, +01:00 in summer — whatever the date is today.
package app.tally.ui

import app.tally.ffi.Category
import app.tally.ffi.EntryBody
import app.tally.ffi.EntryStatus
import app.tally.ffi.Person
import app.tally.ffi.Relationship
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class QuickCaptureTest {
    @TempDir
    lateinit var dir: File

    private fun incidentOf(session: Session, seq: ULong) = runBlocking {
        (session.diary().get(seq).current as EntryBody.Incident).incident
    }

    @Test
    fun winterEveningInLondonIsSavedAtGmt() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-01-15T22:00:40Z"))
        val session = openSession(dir, clock)
        val person = session.diary().addPerson(Person(name = "J. Doe", relationship = Relationship.EX_PARTNER))
        val capture = QuickCapturePresenter(session, clock, LONDON)
        capture.load()
        // Pre-filled with now, to the minute.
        assertEquals(LocalDate.of(2024, 1, 15), capture.state.value.date)
        assertEquals(LocalTime.of(22, 0), capture.state.value.time)
        assertEquals(listOf(PersonChoice(person, "J. Doe")), capture.state.value.people)

        capture.setTime(LocalTime.of(21, 30))
        capture.toggleCategory(Category.VISIT_HOME)
        capture.setPerson(person)
        capture.setPlace("Outside the house")
        capture.setNote("Standing at the gate")
        capture.setFear(14) // clamped
        capture.attachPhoto(PHOTO, "doorstep.png", "image/png")
        val seq = capture.save()!!

        val incident = incidentOf(session, seq)
        assertEquals("2024-01-15T21:30:00+00:00", incident.occurred.start)
        assertEquals(Category.VISIT_HOME, incident.category)
        assertEquals(listOf(person), incident.people)
        assertEquals("Outside the house", incident.place?.text)
        assertEquals("Standing at the gate", incident.summary)
        assertEquals(10u.toUByte(), incident.impact?.fear)
        assertContentEquals(PHOTO, session.diary().readAttachment(incident.attachments.single().sha256))
        // The screen is fresh for the next one and offers "add details" for this one.
        val after = capture.state.value
        assertEquals(seq, after.lastSaved)
        assertEquals(Text.CAPTURE_SAVED, after.message)
        assertEquals("", after.note)
        assertTrue(after.photos.isEmpty())
    }

    @Test
    fun summerEveningInLondonIsSavedAtBst() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-07-15T20:45:30Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock, LONDON)
        // 20:45 UTC is 21:45 on a London summer evening.
        assertEquals(LocalTime.of(21, 45), capture.state.value.time)
        capture.toggleCategory(Category.CALL)
        capture.setNote("Twelve missed calls")
        val seq = capture.save()!!
        assertEquals("2024-07-15T21:45:00+01:00", incidentOf(session, seq).occurred.start)
    }

    @Test
    fun aWinterDateEnteredInSummerKeepsItsWinterOffset() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-07-15T12:00:00Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock, LONDON)
        capture.setDate(LocalDate.of(2024, 1, 10))
        capture.setTime(LocalTime.of(8, 5))
        capture.toggleCategory(Category.SIGHTING_OR_FOLLOWING)
        capture.setNote("Followed me to the bus stop")
        capture.setApproximate(true)
        val seq = capture.save()!!
        val incident = incidentOf(session, seq)
        assertEquals("2024-01-10T08:05:00+00:00", incident.occurred.start)
        assertTrue(incident.occurred.approximate)
    }

    @Test
    fun aTimeTheClocksSkippedIsRefusedAndNothingIsSaved() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-04-02T12:00:00Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock, LONDON)
        capture.setDate(LocalDate.of(2024, 3, 31))
        capture.setTime(LocalTime.of(1, 30)) // 01:00 became 02:00 that night
        capture.toggleCategory(Category.CALL)
        capture.setNote("Call")
        assertNull(capture.save())
        assertEquals(Text.CAPTURE_TIME_SKIPPED, capture.state.value.message)
        assertEquals(0uL, session.diary().entryCount())
    }

    @Test
    fun aTimeThatHappenedTwiceAsksWhichAndSavesThatOffset() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-10-28T12:00:00Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock, LONDON)
        capture.setDate(LocalDate.of(2024, 10, 27))
        capture.setTime(LocalTime.of(1, 30)) // 02:00 went back to 01:00 that night
        assertTrue(capture.state.value.timeHappenedTwice)
        assertEquals("2024-10-27T01:30:00+01:00" to null, capture.occurredStart())
        capture.setSecondOccurrence(true)
        capture.toggleCategory(Category.CALL)
        capture.setNote("Call in the night")
        val seq = capture.save()!!
        assertEquals("2024-10-27T01:30:00+00:00", incidentOf(session, seq).occurred.start)
    }

    @Test
    fun aFutureTimeIsRefused() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-07-15T12:00:00Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock, LONDON)
        capture.setTime(LocalTime.of(18, 0))
        capture.toggleCategory(Category.CALL)
        capture.setNote("Call")
        assertNull(capture.save())
        assertEquals(Text.CAPTURE_FUTURE, capture.state.value.message)
    }

    @Test
    fun missingCategoryOrNoteIsNamedAndNothingIsSaved() = runBlocking<Unit> {
        val session = openSession(dir)
        val capture = QuickCapturePresenter(session, TestClock(Instant.parse("2024-07-15T12:00:00Z")), LONDON)
        capture.setNote("Something")
        assertNull(capture.save())
        assertEquals(Text.CAPTURE_NEED_CATEGORY, capture.state.value.message)
        capture.setNote("   ")
        capture.toggleCategory(Category.CALL)
        assertNull(capture.save())
        assertEquals(Text.CAPTURE_NEED_NOTE, capture.state.value.message)
        assertEquals(0uL, session.diary().entryCount())
    }

    @Test
    fun detailsFollowAsAnAmendmentAndTheQuickRecordStaysInHistory() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-07-15T20:45:00Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock, LONDON)
        capture.toggleCategory(Category.LOITERING)
        capture.setNote("Outside work")
        val seq = capture.save()!!
        val amendment = capture.addDetails(seq, "He was there from 5pm until I left at 6.")!!
        assertEquals(Text.CAPTURE_DETAILS_SAVED, capture.state.value.message)

        val view = session.diary().get(seq)
        assertEquals(EntryStatus.AMENDED, view.status)
        val now = (view.current as EntryBody.Incident).incident
        assertEquals("He was there from 5pm until I left at 6.", now.details)
        assertEquals("2024-07-15T21:45:00+01:00", now.occurred.start)
        val history = session.diary().history(seq)
        assertEquals(listOf(seq, amendment), history.map { it.seq })
        assertNull((history[0].body as EntryBody.Incident).incident.details)
    }
}
