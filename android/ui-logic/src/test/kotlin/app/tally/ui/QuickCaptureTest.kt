// Quick capture: the presenter keeps what is typed and hands it to the core's draft — the
// defaults, the offset for the date, the clock question, the future rule and the field
// errors are the core's (tested in core/src/view), so these tests check the adapter: that
// what the victim typed is what is sealed, and that nothing is stored while it is refused.
package app.tally.ui

import app.tally.ffi.Body
import app.tally.ffi.ClockAnswer
import app.tally.ffi.ClockChange
import app.tally.ffi.Category
import app.tally.ffi.EntryStatus
import app.tally.ffi.Field
import app.tally.ffi.Person
import app.tally.ffi.PersonRef
import app.tally.ffi.Relationship
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class QuickCaptureTest {
    @TempDir
    lateinit var dir: File

    private fun incidentOf(session: Session, seq: ULong) = runBlocking {
        (session.diary().get(seq).current as Body.Incident).v1
    }

    @Test
    fun whatIsTypedIsWhatIsSealedWithItsPhoto() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-01-15T22:00:40Z"))
        val session = openSession(dir, clock)
        val person = session.diary().addPerson(Person(name = "J. Doe", relationship = Relationship.EX_PARTNER))
        val capture = QuickCapturePresenter(session, clock)
        capture.load()
        // Pre-filled by the core with now in the device's zone, to the minute.
        assertEquals("2024-01-15", capture.state.value.draft.date)
        assertEquals("22:00", capture.state.value.draft.time)
        assertEquals(listOf(PersonRef(person, "J. Doe")), capture.state.value.people)

        capture.setTime(LocalTime.of(21, 30))
        capture.toggleCategory(Category.VISIT_HOME)
        capture.setPerson(person)
        capture.setPlace("Outside the house")
        capture.setNote("Standing at the gate")
        capture.setFear(8)
        capture.attachPhoto(PHOTO, "doorstep.png", "image/png")
        val seq = assertNotNull(capture.save())

        val incident = incidentOf(session, seq)
        assertEquals("2024-01-15T21:30:00+00:00", incident.occurred.start)
        assertEquals(Category.VISIT_HOME, incident.category)
        assertEquals(listOf(person), incident.people)
        assertEquals("Outside the house", incident.place?.text)
        assertEquals("Standing at the gate", incident.summary)
        assertEquals(8u.toUByte(), incident.impact.fear)
        assertContentEquals(PHOTO, session.diary().readAttachment(incident.attachments.single().sha256))
        // The screen is fresh for the next one and offers "add details" for this one.
        val after = capture.state.value
        assertEquals(seq, after.lastSaved)
        assertEquals(Text.CAPTURE_SAVED, after.message)
        assertEquals("", after.draft.summary)
        assertTrue(after.photos.isEmpty())
    }

    @Test
    fun aRefusedCaptureShowsTheCoresErrorsAndStoresNothingNotEvenThePhoto() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-07-15T12:00:00Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock)
        capture.attachPhoto(PHOTO)
        assertTrue(capture.state.value.errors.isEmpty(), "no errors before a save is tried")
        assertNull(capture.save())
        assertEquals(listOf(Field.CATEGORY, Field.SUMMARY), capture.state.value.errors.map { it.field })
        assertEquals("What happened is needed.", capture.state.value.errors[1].text)
        assertEquals(1, capture.state.value.photos.size, "the photo waits for the fix")
        assertEquals(0uL, session.diary().entryCount())
        assertEquals(0uL, session.diary().check().blobs)
    }

    @Test
    fun aTimeThatHappenedTwiceWaitsForTheVictimsAnswer() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-10-28T12:00:00Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock)
        capture.setDate(LocalDate.of(2024, 10, 27))
        capture.setTime(LocalTime.of(1, 30))
        capture.toggleCategory(Category.CALL)
        capture.setNote("Call in the night")
        val question = assertNotNull(capture.state.value.review?.clockQuestion)
        assertEquals(ClockChange.TWICE, question.change)
        assertNull(capture.save())
        assertEquals(listOf(Field.TIME), capture.state.value.errors.map { it.field })
        capture.answerClock(ClockAnswer.LATER)
        val seq = assertNotNull(capture.save())
        assertEquals("2024-10-27T01:30:00+00:00", incidentOf(session, seq).occurred.start)
    }

    @Test
    fun detailsFollowAsACorrectionAndTheQuickRecordStaysInHistory() = runBlocking<Unit> {
        val clock = TestClock(Instant.parse("2024-07-15T20:45:00Z"))
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock)
        capture.toggleCategory(Category.LOITERING)
        capture.setNote("Outside work")
        val seq = assertNotNull(capture.save())
        val amendment = assertNotNull(capture.addDetails(seq, "He was there from 5pm until I left at 6."))
        assertEquals(Text.CAPTURE_DETAILS_SAVED, capture.state.value.message)

        val view = session.diary().get(seq)
        assertEquals(EntryStatus.AMENDED, view.status)
        assertEquals("He was there from 5pm until I left at 6.", (view.current as Body.Incident).v1.details)
        val history = session.diary().entryDetail(seq).history
        assertEquals(listOf(seq, amendment), history.map { it.seq })
    }
}
