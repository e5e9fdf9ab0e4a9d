// Locking — quick exit, backgrounding, or the lock button — clears every screen's state,
// deletes packs written for sharing, and closes the diary so later calls fail.
package app.tally.ui

import app.tally.ffi.Category
import app.tally.ffi.EntryKind
import app.tally.ffi.Field
import app.tally.ffi.PersonDraft
import app.tally.ffi.Relationship
import java.io.File
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class SessionTest {
    @TempDir
    lateinit var dir: File

    private val clock = TestClock(Instant.parse("2024-07-15T20:45:00Z"))

    @Test
    fun quickExitClearsEveryScreenDeletesSharedPacksAndClosesTheDiary() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        val people = RecordsPresenter(session, EntryKind.PERSON, clock)
        people.addPerson(PersonDraft(name = "J. Doe", relationship = Relationship.EX_PARTNER))
        val capture = QuickCapturePresenter(session, clock)
        capture.toggleCategory(Category.CALL)
        capture.setNote("Called twelve times")
        capture.save()
        // A second capture half-typed, with a photo, when the stalker walks in.
        capture.toggleCategory(Category.VISIT_HOME)
        capture.setNote("He is here now")
        capture.attachPhoto(PHOTO)
        val timeline = TimelinePresenter(session).also { it.refresh() }
        val summary = SummaryPresenter(session).also { it.load() }
        val export = ExportPresenter(session, File(dir, "share"), clock)
        export.load()
        val pack = File(export.export()!!.path)
        val settings = SettingsPresenter(session, MemorySettingsStore())
        settings.changePassphrase("wrong", "new passphrase here", "new passphrase here")
        assertEquals(1, timeline.state.value.timeline!!.days.size)
        assertEquals(1uL, summary.state.value.view!!.incidentsTotal)
        assertEquals(1, people.state.value.rows.size)
        assertTrue(pack.isFile)

        settings.quickExit()

        assertEquals(SessionState.Locked(LockReason.QUICK_EXIT), session.state.value)
        val c = capture.state.value
        assertEquals("", c.draft.summary)
        assertNull(c.draft.category)
        assertTrue(c.photos.isEmpty())
        assertNull(c.lastSaved)
        assertEquals(TimelineState(), timeline.state.value)
        assertEquals(SummaryState(), summary.state.value)
        assertEquals(ExportState(), export.state.value)
        assertEquals(RecordsState(), people.state.value)
        assertNull(settings.state.value.message)
        assertFalse(pack.exists(), "the shared pack outlived the lock")
        assertFailsWith<LockedException> { session.diary() }

        // A save racing the exit writes nothing and says the diary is locked.
        capture.toggleCategory(Category.CALL)
        capture.setNote("late")
        assertNull(capture.save())
        assertEquals(Text.LOCKED, capture.state.value.message)
        val reopened = vault(dir).unlock(PASSPHRASE)
        reopened.use { assertEquals(2uL, it.entryCount()) }
    }

    @Test
    fun backgroundingLocksUnlessTheAppOpenedTheCameraAndOnlyForAWhile() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock)
        capture.setNote("typing")

        session.holdForExternal(seconds = 120)
        assertFalse(session.onBackgrounded())
        assertTrue(session.isUnlocked)
        assertEquals("typing", capture.state.value.draft.summary)

        clock.now = clock.now.plusSeconds(121)
        assertTrue(session.onBackgrounded())
        assertEquals(SessionState.Locked(LockReason.BACKGROUNDED), session.state.value)
        assertEquals("", capture.state.value.draft.summary)
        assertFalse(session.isUnlocked)
    }

    @Test
    fun aResultReadJustBeforeALockIsNotShownAfterIt() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        val before = session.token()
        session.quickExit()
        var shown = false
        session.publishIf(before) { shown = true }
        assertFalse(shown, "a stale result was published after the lock")
        session.open(vault(dir).unlock(PASSPHRASE))
        assertFalse(session.token() == before)
        session.publishIf(session.token()) { shown = true }
        assertTrue(shown)
    }

    @Test
    fun quickExitLocksEvenDuringAHold() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        session.holdForExternal()
        session.quickExit()
        assertFalse(session.isUnlocked)
        assertNull(session.holdDeadline)
        // And a later background does not throw on an already locked session.
        assertTrue(session.onBackgrounded())
    }

    @Test
    fun settingsChangeThePassphraseAndKeepTheDisguise() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        val store = MemorySettingsStore()
        val settings = SettingsPresenter(session, store)
        assertFalse(settings.changePassphrase("wrong passphrase", "a new long passphrase", "a new long passphrase"))
        assertEquals(Text.UNLOCK_WRONG_PASSPHRASE, settings.state.value.message)
        assertFalse(settings.changePassphrase(PASSPHRASE, "a new long passphrase", "a different one"))
        assertEquals(listOf(Field.CONFIRMATION), settings.state.value.errors.map { it.field })
        assertTrue(settings.changePassphrase(PASSPHRASE, "a new long passphrase", "a new long passphrase"))
        assertEquals(Text.SETTINGS_PASSPHRASE_CHANGED, settings.state.value.message)
        settings.setDisguise(Disguise.CALCULATOR)
        assertEquals(Disguise.CALCULATOR, store.disguise)
        session.lock(LockReason.USER)
        assertEquals(Disguise.CALCULATOR, settings.state.value.disguise)

        val unlock = UnlockPresenter(session, vault(dir))
        assertFalse(unlock.unlock(PASSPHRASE))
        assertTrue(unlock.unlock("a new long passphrase"))
    }

    @Test
    fun summaryShowsTheCoresCounts() = runBlocking<Unit> {
        val session = openSession(dir, clock)
        val capture = QuickCapturePresenter(session, clock)
        for ((c, n) in listOf(Category.CALL to "one", Category.CALL to "two", Category.THREAT to "three")) {
            capture.toggleCategory(c)
            capture.setNote(n)
            capture.save()
        }
        val summary = SummaryPresenter(session)
        summary.load()
        val s = summary.state.value.view!!
        assertEquals(3uL, s.incidentsTotal)
        assertEquals(listOf(Category.THREAT to 1uL, Category.CALL to 2uL), s.byCategory.map { it.category to it.count })
        assertEquals("2024-07-15" to "2024-07-15", s.first to s.last)
        assertTrue("Recorded: 1 threat on 15 July 2024." in s.indicators, s.indicators.toString())
    }
}
