// Unlock: a wrong passphrase shows its message and opens nothing; the right one opens the
// diary; the biometric path takes the raw key the keystore kept.
package app.tally.ui

import app.tally.ffi.Field
import app.tally.ffi.Problem
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

class UnlockTest {
    @TempDir
    lateinit var dir: File

    private suspend fun existingDiary() {
        vault(dir).create(PASSPHRASE).close()
    }

    @Test
    fun wrongPassphraseShowsItsMessageAndLeavesTheDiaryLocked() = runBlocking<Unit> {
        existingDiary()
        val session = Session()
        val unlock = UnlockPresenter(session, vault(dir))
        assertFalse(unlock.state.value.firstRun)
        assertFalse(unlock.unlock("not the passphrase"))
        val s = unlock.state.value
        assertEquals(UnlockError.WrongPassphrase, s.error)
        assertEquals(Text.UNLOCK_WRONG_PASSPHRASE, s.error?.message)
        assertEquals(1, s.failedAttempts)
        assertFalse(s.busy)
        assertFalse(session.isUnlocked)
        assertFailsWith<LockedException> { session.diary() }

        assertTrue(unlock.unlock(PASSPHRASE))
        assertTrue(session.isUnlocked)
        assertEquals(SessionState.Unlocked, session.state.value)
        assertNull(unlock.state.value.error)
        assertEquals(0uL, session.diary().entryCount())
    }

    @Test
    fun firstRunCreatesTheDiaryOnlyWhenBothPassphrasesMatchAndAreStrong() = runBlocking<Unit> {
        val session = Session()
        val unlock = UnlockPresenter(session, vault(dir))
        assertTrue(unlock.state.value.firstRun)
        assertFalse(unlock.create(PASSPHRASE, "correct horse battery!"))
        assertEquals(listOf(Field.CONFIRMATION), unlock.state.value.fieldErrors.map { it.field })
        assertFalse(unlock.create("short", "short"))
        assertEquals(listOf(Field.PASSPHRASE), unlock.state.value.fieldErrors.map { it.field })
        assertEquals(Problem.TooShort(8uL), unlock.state.value.fieldErrors[0].problem)
        assertFalse(File(dir, "case.diary").exists())
        assertTrue(unlock.create(PASSPHRASE, PASSPHRASE))
        assertTrue(session.isUnlocked)
        assertFalse(unlock.state.value.firstRun)
    }

    @Test
    fun biometricPathUnlocksWithTheKeystoresKeyAndNamesAStaleKey() = runBlocking<Unit> {
        existingDiary()
        val session = Session()
        val unlock = UnlockPresenter(session, vault(dir))
        assertTrue(unlock.unlock(PASSPHRASE))
        val key = SettingsPresenter(session, MemorySettingsStore()).keyForBiometric()
        session.lock(LockReason.USER)

        assertFalse(unlock.unlockWithKey(ByteArray(32)))
        assertEquals(UnlockError.BiometricKeyInvalid, unlock.state.value.error)
        assertEquals(0, unlock.state.value.failedAttempts)
        assertFalse(session.isUnlocked)
        assertTrue(unlock.unlockWithKey(key))
        assertTrue(session.isUnlocked)
    }

    @Test
    fun aFileThatIsNotADiaryIsNamed() = runBlocking<Unit> {
        File(dir, "case.diary").writeText("not a diary at all")
        val unlock = UnlockPresenter(Session(), vault(dir))
        assertFalse(unlock.unlock(PASSPHRASE))
        assertEquals(UnlockError.NotADiary, unlock.state.value.error)
    }

    @Test
    fun failedAttemptsSlowDownAcrossRestartsAndTheRightPassphraseStillWorks() = runBlocking<Unit> {
        existingDiary()
        val clock = TestClock(Instant.parse("2024-07-15T12:00:00Z"))
        val store = MemoryLockStore()
        repeat(4) { UnlockPresenter(Session(clock), vault(dir), clock, store).unlock("not it") }
        // A new screen (the app was restarted) still makes the victim wait.
        val unlock = UnlockPresenter(Session(clock), vault(dir), clock, store)
        assertEquals(4, unlock.state.value.failedAttempts)
        assertFalse(unlock.unlock(PASSPHRASE))
        assertEquals(UnlockError.Wait, unlock.state.value.error)
        assertEquals("Too many attempts. Try again in 30 seconds.", unlock.state.value.wait?.text)
        clock.now = clock.now.plusSeconds(30)
        assertTrue(unlock.unlock(PASSPHRASE))
        assertEquals(0u, store.lockState.failedAttempts)
    }

    @Test
    fun aWaitEarnedBeforeARestartShowsAtOnceAndEndsByItself() = runBlocking<Unit> {
        existingDiary()
        val clock = TestClock(Instant.parse("2024-07-15T12:00:00Z"))
        val store = MemoryLockStore()
        repeat(4) { UnlockPresenter(Session(clock), vault(dir), clock, store).unlock("not it") }
        // Before any attempt after the restart, the screen already says how long to wait.
        val unlock = UnlockPresenter(Session(clock), vault(dir), clock, store)
        assertEquals("Too many attempts. Try again in 30 seconds.", unlock.state.value.wait?.text)
        clock.now = clock.now.plusSeconds(12)
        unlock.refreshGate()
        assertEquals("Too many attempts. Try again in 18 seconds.", unlock.state.value.wait?.text)
        clock.now = clock.now.plusSeconds(18)
        unlock.refreshGate()
        assertNull(unlock.state.value.wait)
        assertNull(unlock.state.value.error)
    }
}
