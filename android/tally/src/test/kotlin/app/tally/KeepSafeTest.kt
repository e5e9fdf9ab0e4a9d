// Safe to keep, safe to lose, driven from Kotlin on the desktop JVM through the generated
// bindings: backup and restore, the head a device keeps, and the duress passphrase.
// Mirrors bindings/python/test_keep_safe.py step for step.
package app.tally

import app.tally.ffi.Category
import app.tally.ffi.CreateOptions
import app.tally.ffi.Diary
import app.tally.ffi.Body
import app.tally.ffi.EntryKind
import app.tally.ffi.Impact
import app.tally.ffi.Incident
import app.tally.ffi.ListFilter
import app.tally.ffi.Occurred
import app.tally.ffi.Person
import app.tally.ffi.ProgressListener
import app.tally.ffi.Relationship
import app.tally.ffi.TallyApiException
import app.tally.ffi.restoreBackup
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

private const val PASS = "correct horse battery"
private const val DURESS = "tea at four on sunday"

// The weakest parameters a diary may have (the floor), so the tests run fast.
private val FLOOR = CreateOptions(kdfMemoryKib = 19456u, kdfIterations = 2u)

private fun incident(summary: String) =
    Incident(occurred = Occurred(start = "2024-03-01T21:30:00+01:00"), category = Category.VISIT_HOME, summary = summary, impact = Impact())

private class Heard(private val cancel: Boolean = false) : ProgressListener {
    val heard = mutableListOf<Pair<ULong, ULong?>>()
    override fun onProgress(done: ULong, total: ULong?) {
        heard += done to total
    }
    override fun isCancelled() = cancel
}

private fun newDiary(path: String): Diary = Diary.create(path, PASS, FLOOR).also {
    it.addPerson(Person(name = "J. Doe", relationship = Relationship.EX_PARTNER))
    it.addIncident(incident("Waiting outside the house"))
}

private fun incidentSummaries(diary: Diary) = diary.list(ListFilter())
    .filter { it.kind == EntryKind.INCIDENT }
    .map { (it.current as Body.Incident).v1.summary }

class KeepSafeTest {
    @TempDir
    lateinit var dir: File

    @Test
    fun backupRestoresAsTheSameDiaryOnAnotherPhone() {
        val heard = Heard()
        val backup = File(dir, "backup.tally")
        val fingerprint = newDiary(File(dir, "case.diary").path).use { diary ->
            val summary = diary.backup(backup.path, heard)
            assertEquals(2uL, summary.entries)
            assertTrue(summary.checkpoint!!.startsWith("tally-checkpoint-v1"))
            diary.fingerprint()
        }
        assertTrue(heard.heard.isNotEmpty() && heard.heard.last().first == heard.heard.last().second)
        val target = File(File(dir, "new-phone").apply { mkdir() }, "restored.diary")
        val restored = restoreBackup(backup.path, target.path, PASS, false, null, null)
        assertEquals(fingerprint, restored.fingerprint)
        assertEquals(2uL, restored.entries)
        assertEquals(2uL, restored.deviceHead!!.size)
        Diary.unlockOnDevice(target.path, PASS, restored.deviceHead).use { again ->
            assertTrue(again.check().ok)
            assertEquals(3uL, again.addIncident(incident("Outside work")))
            assertEquals(3uL, again.deviceHead()!!.size)
        }
    }

    @Test
    fun aCancelledBackupLeavesNothing() {
        val out = File(dir, "backup.tally")
        newDiary(File(dir, "case.diary").path).use { diary ->
            assertFailsWith<TallyApiException.Cancelled> { diary.backup(out.path, Heard(cancel = true)) }
        }
        assertFalse(out.exists())
    }

    @Test
    fun aRolledBackCopyIsNoticedThroughTheDeviceHead() {
        val path = File(dir, "case.diary")
        newDiary(path.path).close()
        path.copyTo(File(dir, "older.diary"))
        val seen = Diary.unlockOnDevice(path.path, PASS, null).use { diary ->
            diary.addIncident(incident("second"))
            diary.addIncident(incident("third"))
            diary.deviceHead()
        }
        File(dir, "older.diary").copyTo(path, overwrite = true)
        Diary.unlockOnDevice(path.path, PASS, seen).use { old ->
            assertEquals(2uL, old.rollback()!!.missing)
            val report = old.check()
            assertFalse(report.ok)
            assertTrue(report.problems.any { "2 entries are missing" in it })
            assertFailsWith<TallyApiException.Damaged> { old.addIncident(incident("fourth")) }
            assertEquals(seen, old.deviceHead())
        }
    }

    @Test
    fun restoreRefusesToLoseEntriesUnlessKeepingBoth() {
        val path = File(dir, "case.diary")
        val backup = File(dir, "backup.tally")
        newDiary(path.path).use { diary ->
            diary.backup(backup.path, null)
            diary.addIncident(incident("after the backup"))
        }
        val refused = assertFailsWith<TallyApiException.WouldLoseEntries> {
            restoreBackup(backup.path, path.path, PASS, false, null, null)
        }
        assertTrue("1 entries" in refused.reason)
        val both = restoreBackup(backup.path, path.path, PASS, true, null, null)
        assertNotEquals(path.path, both.path)
        Diary.unlock(path.path, PASS).use { assertEquals(3uL, it.entryCount()) }
    }

    @Test
    fun theDuressPassphraseOpensADecoyOfItsOwn() {
        val path = File(dir, "case.diary")
        val (seen, fingerprint) = newDiary(path.path).use { diary ->
            diary.setDuressPassphrase(DURESS)
            diary.deviceHead() to diary.fingerprint()
        }
        Diary.unlockOnDevice(path.path, DURESS, seen).use { decoy ->
            assertEquals(0uL, decoy.entryCount())
            assertNotEquals(fingerprint, decoy.fingerprint())
            decoy.addIncident(incident("picked up milk"))
            assertTrue(decoy.check().ok)
            assertEquals(seen, decoy.deviceHead())
            assertEquals(listOf("picked up milk"), incidentSummaries(decoy))
            assertFailsWith<TallyApiException.Invalid> { decoy.removeDuressPassphrase() }
        }
        Diary.unlock(path.path, PASS).use { real ->
            assertEquals(listOf("Waiting outside the house"), incidentSummaries(real))
            assertTrue(real.check().ok)
        }
    }

    @Test
    fun noDiaryWeakerThanTheFloorCanBeMade() {
        val weak = File(dir, "weak.diary")
        assertFailsWith<TallyApiException.Invalid> {
            Diary.create(weak.path, PASS, CreateOptions(kdfMemoryKib = 8u, kdfIterations = 1u))
        }
        assertFalse(weak.exists())
    }
}
