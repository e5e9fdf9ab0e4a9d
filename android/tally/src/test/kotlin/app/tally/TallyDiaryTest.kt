// The diary's whole user flow driven from Kotlin on the desktop JVM, through the wrapper
// and the generated bindings against the host-built libtally_ffi. Mirrors
// bindings/python/test_tally.py step for step.
package app.tally

import app.tally.ffi.AmendmentStart
import app.tally.ffi.Body
import app.tally.ffi.Category
import app.tally.ffi.CreateOptions
import app.tally.ffi.Diary
import app.tally.ffi.DraftContent
import app.tally.ffi.EntryKind
import app.tally.ffi.EntryStatus
import app.tally.ffi.FormOutcome
import app.tally.ffi.HistoryRole
import app.tally.ffi.Impact
import app.tally.ffi.Incident
import app.tally.ffi.ListFilter
import app.tally.ffi.Occurred
import app.tally.ffi.Person
import app.tally.ffi.Relationship
import app.tally.ffi.SummaryFilter
import app.tally.ffi.TallyApiException
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.time.ZoneId
import java.util.Collections
import java.util.Properties
import java.util.TimeZone
import java.util.zip.ZipEntry
import java.util.zip.ZipFile
import java.util.zip.ZipOutputStream
import kotlin.coroutines.CoroutineContext
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Runnable
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

private const val PASSPHRASE = "correct horse battery"

// The weakest Argon2id a diary may have (the floor), so the tests run fast.
private val FAST = CreateOptions(kdfMemoryKib = 19456u, kdfIterations = 2u)

// A real 4x3 PNG: attachments that claim to be images are decoded before they are kept.
private val PHOTO: ByteArray = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAE0lEQVR4nGP4z8DAAMZAwICTAwBC8hHvOAjORwAAAABJRU5ErkJggg==")

private fun incident(
    summary: String,
    person: ULong,
    at: String = "2024-03-01T21:30:00+01:00",
    category: Category = Category.VISIT_HOME,
    attachments: List<app.tally.ffi.AttachmentRef> = emptyList(),
) = Incident(occurred = Occurred(start = at), category = category, summary = summary, people = listOf(person), impact = Impact(), attachments = attachments)

private data class Case(val person: ULong, val first: ULong, val second: ULong, val photo: app.tally.ffi.AttachmentRef)

private suspend fun TallyDiary.recordCase(): Case {
    val person = addPerson(Person(name = "J. Doe", relationship = Relationship.EX_PARTNER))
    val photo = attachBytes(PHOTO, "doorstep.png")
    val first = addIncident(incident("Waiting outside the house", person, attachments = listOf(photo)))
    val second = addIncident(incident("Twelve missed calls", person, "2024-03-02T08:00:00+00:00", Category.CALL))
    return Case(person, first, second, photo)
}

class TallyDiaryTest {
    @TempDir
    lateinit var dir: File

    @Test
    fun anOlderCopyPutBackIsNoticedFromTheHeadThePhoneKept() = runBlocking<Unit> {
        val heads = DeviceHeadFiles(File(dir, "device"))
        val file = File(path())
        val older = File(dir, "older.diary")
        TallyDiary.create(file.path, PASSPHRASE, FAST, heads = heads).use { it.recordCase() }
        file.copyTo(older)
        TallyDiary.unlock(file.path, PASSPHRASE, heads = heads).use { d ->
            val person = d.people().first().seq
            d.addIncident(incident("Followed to work", person))
            d.addIncident(incident("Followed home", person))
        }
        older.copyTo(file, overwrite = true)
        TallyDiary.unlock(file.path, PASSPHRASE, heads = heads).use { d ->
            val rollback = assertNotNull(d.rollback(), "the phone kept a later head: the older copy must be noticed")
            assertEquals(2uL, rollback.missing)
            assertFalse(d.check().ok)
        }
        // Without the device's memory the same copy looks whole: the head files are what tell.
        TallyDiary.unlock(file.path, PASSPHRASE).use { d -> assertEquals(null, d.rollback()) }
    }

    @Test
    fun aMalformedHeadRecordIsNoRecord() {
        val heads = DeviceHeadFiles(dir)
        val id = "0123456789abcdef0123456789abcdef"
        File(dir, "$id.head").writeText("{\"diary_id\":\"$id\",\"size\":\"lots\"}")
        assertEquals(null, heads.head(id))
        assertEquals(null, heads.head("../escape"), "an id that is not 32 hex digits names no file")
    }

    private fun path(name: String = "case.diary") = File(dir, name).path

    @Test
    fun recordedEntriesReadBackAsWritten() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { diary ->
            val case = diary.recordCase()
            assertEquals(listOf(1uL, 2uL, 3uL), listOf(case.person, case.first, case.second))
            val view = diary.get(case.first)
            assertEquals(EntryKind.INCIDENT, view.kind)
            assertEquals(EntryStatus.ORIGINAL, view.status)
            val body = (view.current as Body.Incident).v1
            assertEquals("Waiting outside the house", body.summary)
            // The local offset is kept: it is part of the evidence.
            assertEquals("2024-03-01T21:30:00+01:00", body.occurred.start)
            assertEquals(case.photo.sha256, body.attachments.single().sha256)
            assertEquals("image/png", case.photo.mediaType)
            assertContentEquals(PHOTO, diary.readAttachment(case.photo.sha256))
            val calls = diary.list(ListFilter(kinds = listOf(EntryKind.INCIDENT), categories = listOf(Category.CALL)))
            assertEquals(listOf(case.second), calls.map { it.seq })
            assertTrue(diary.check().ok)
        }
    }

    @Test
    fun amendmentKeepsTheOriginalInHistory() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { diary ->
            val case = diary.recordCase()
            val draft = assertIs<AmendmentStart.Draft>(diary.amendmentDraft(case.first)).v1
            (draft.content as DraftContent.Incident).v1.summary = "Waiting outside the house for an hour"
            draft.reason = "remembered the length"
            val amendment = assertNotNull(diary.saveAmendment(draft).savedSeq)
            val view = diary.get(case.first)
            assertEquals(EntryStatus.AMENDED, view.status)
            assertEquals(listOf(amendment), view.amendedBy)
            val history = diary.entryDetail(case.first).history
            assertEquals(listOf(case.first, amendment), history.map { it.seq })
            assertEquals(listOf(HistoryRole.ORIGINAL, HistoryRole.CORRECTION), history.map { it.role })
            assertEquals("Visit to home: Waiting outside the house", history[0].headline)
        }
    }

    @Test
    fun exportedPackVerifiesAndAChangedByteIsNamed() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { diary ->
            diary.recordCase()
            val checkpoint = diary.checkpoint()
            val pack = File(dir, "pack.zip")
            val events = diary.exportPack(pack.path).toList()
            val done = events.filterIsInstance<Work.Done<app.tally.ffi.ExportSummary>>().single()
            assertTrue(events.any { it is Work.Progress }, "no progress was reported")
            assertEquals(3uL, done.result.disclosed)
            assertEquals(diary.fingerprint(), done.result.fingerprint)

            val verdict = TallyDiary.verifyPack(pack.path, checkpoint)
            assertTrue(verdict.ok, verdict.problems.toString())
            assertEquals(3uL, verdict.treeSize)
            assertEquals(diary.fingerprint(), verdict.fingerprint)
            assertEquals(3uL, verdict.extendsCheckpointSize)

            val tampered = File(dir, "tampered.zip")
            tamper(pack, tampered, "entries/2.json")
            val bad = TallyDiary.verifyPack(tampered.path)
            assertFalse(bad.ok)
            assertTrue(bad.problems.any { "entries/2.json" in it }, bad.problems.toString())
        }
    }

    /** Copies a zip, changing one byte of the member whose name ends with [suffix]. */
    private fun tamper(src: File, dst: File, suffix: String) {
        var found = false
        ZipFile(src).use { zin ->
            ZipOutputStream(dst.outputStream()).use { zout ->
                for (entry in zin.entries()) {
                    var data = zin.getInputStream(entry).readBytes()
                    if (entry.name.endsWith(suffix)) {
                        found = true
                        val text = String(data, Charsets.UTF_8)
                        val i = text.indexOf("Waiting")
                        assertTrue(i >= 0)
                        data = data.copyOf().also { it[i] = 'w'.code.toByte() }
                    }
                    zout.putNextEntry(ZipEntry(entry.name))
                    zout.write(data)
                    zout.closeEntry()
                }
            }
        }
        assertTrue(found, "no $suffix in the pack")
    }

    @Test
    fun cancelledExportLeavesNothing() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { it.recordCase() }
        val pack = File(dir, "pack.zip")
        val cancel = object : app.tally.ffi.ProgressListener {
            override fun onProgress(done: ULong, total: ULong?) {}
            override fun isCancelled() = true
        }
        Diary.unlock(path(), PASSPHRASE).use { diary ->
            assertFailsWith<TallyApiException.Cancelled> {
                diary.exportPack(pack.path, app.tally.ffi.ExportOptions(), cancel)
            }
        }
        assertFalse(pack.exists())
    }

    @Test
    fun aListenerThatThrowsDoesNotCrashAndLocksTheDiary() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { it.recordCase() }
        val pack = File(dir, "pack.zip")
        val broken = object : app.tally.ffi.ProgressListener {
            override fun onProgress(done: ULong, total: ULong?): Unit = throw IllegalStateException("app bug")
            override fun isCancelled() = false
        }
        Diary.unlock(path(), PASSPHRASE).use { diary ->
            assertFailsWith<app.tally.ffi.InternalException> {
                diary.exportPack(pack.path, app.tally.ffi.ExportOptions(), broken)
            }
            // The export stopped half-way, so the bindings locked the diary rather than trust it.
            assertFailsWith<TallyApiException.Locked> { diary.entryCount() }
        }
        assertFalse(pack.exists())
        TallyDiary.unlock(path(), PASSPHRASE).use {
            assertEquals(3uL, it.entryCount())
            assertTrue(it.check().ok)
        }
    }

    @Test
    fun pingAnswersThroughTheSyncAndAsyncPaths() = runBlocking<Unit> {
        assertEquals(7uL, app.tally.ffi.ping(7uL))
        assertEquals(ULong.MAX_VALUE, app.tally.ffi.pingAsync(ULong.MAX_VALUE))
    }

    @Test
    fun trivialReadsStayOnTheCallersThreadAndChangesGoToIo() = runBlocking<Unit> {
        val hops = java.util.concurrent.atomic.AtomicInteger()
        val io = object : CoroutineDispatcher() {
            override fun dispatch(context: CoroutineContext, block: Runnable) {
                hops.incrementAndGet()
                Dispatchers.IO.dispatch(context, block)
            }
        }
        TallyDiary.create(path(), PASSPHRASE, FAST, io = io).use { diary ->
            val before = hops.get()
            assertEquals(0uL, diary.entryCount())
            assertTrue(diary.fingerprint().startsWith("SHA256:"))
            assertEquals(before, hops.get(), "an in-memory read of a free diary needs no hop")
            diary.addPerson(Person(name = "J. Doe", relationship = Relationship.EX_PARTNER))
            assertTrue(hops.get() > before, "a change runs on io")
            assertEquals(1uL, diary.entryCount())
        }
    }

    @Test
    fun aReadThatNeverWaitsSaysBusyDuringLongWork() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { it.recordCase() }
        val inside = java.util.concurrent.CountDownLatch(1)
        val release = java.util.concurrent.CountDownLatch(1)
        val holding = object : app.tally.ffi.ProgressListener {
            override fun onProgress(done: ULong, total: ULong?) {
                inside.countDown()
                release.await()
            }

            override fun isCancelled() = false
        }
        Diary.unlock(path(), PASSPHRASE).use { diary ->
            val export = kotlin.concurrent.thread {
                diary.exportPack(File(dir, "pack.zip").path, app.tally.ffi.ExportOptions(), holding)
            }
            assertTrue(inside.await(30, java.util.concurrent.TimeUnit.SECONDS), "the export reported progress")
            assertFailsWith<TallyApiException.Busy> { diary.entryCountNow() }
            assertFailsWith<TallyApiException.Busy> { diary.fingerprintNow() }
            release.countDown()
            export.join()
            assertEquals(3uL, diary.entryCountNow())
        }
    }

    @Test
    fun wrongPassphraseRaisesTheTypedExceptionAndChangesNothing() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { it.recordCase() }
        val before = Files.readAllBytes(File(path()).toPath())
        val e = assertFailsWith<TallyApiException.WrongPassphrase> {
            TallyDiary.unlock(path(), "not the passphrase")
        }
        assertFalse("not the passphrase" in e.reason)
        assertContentEquals(before, Files.readAllBytes(File(path()).toPath()))
        TallyDiary.unlock(path(), PASSPHRASE).use { assertEquals(3uL, it.entryCount()) }
    }

    @Test
    fun rawKeyUnlocksAndALockedDiaryRefusesCalls() = runBlocking<Unit> {
        val diary = Diary.create(path(), PASSPHRASE, FAST)
        val key = diary.rawKey()
        assertEquals(32, key.size)
        diary.lock()
        assertTrue(diary.isLocked())
        assertFailsWith<TallyApiException.Locked> { diary.entryCount() }
        diary.close()
        TallyDiary.unlockWithKey(path(), key).use { assertEquals(0uL, it.entryCount()) }
        assertFailsWith<TallyApiException.WrongPassphrase> { TallyDiary.unlockWithKey(path(), ByteArray(32)) }
    }

    @Test
    fun badInputIsATypedExceptionNotACrash() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { diary ->
            val person = diary.addPerson(Person(name = "J. Doe", relationship = Relationship.STRANGER))
            val e = assertFailsWith<TallyApiException.Invalid> {
                diary.addIncident(incident("x", person, at = "yesterday evening"))
            }
            assertTrue("RFC 3339" in e.reason, e.reason)
            assertFailsWith<TallyApiException.Invalid> { diary.addIncident(incident("x", 99uL)) }
            assertFailsWith<TallyApiException.NotFound> { diary.get(42uL) }
            assertFailsWith<TallyApiException.NotFound> { TallyDiary.verifyPack(File(dir, "no-such.zip").path) }
            assertFailsWith<TallyApiException.WeakPassphrase> { TallyDiary.create(path("b.diary"), "short", FAST) }
            assertEquals(1uL, diary.entryCount())
        }
    }

    @Test
    fun fourThreadsShareOneDiary() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { diary ->
            val person = diary.addPerson(Person(name = "J. Doe", relationship = Relationship.EX_PARTNER))
            val numbers = Collections.synchronizedList(mutableListOf<ULong>())
            val errors = Collections.synchronizedList(mutableListOf<Throwable>())
            val threads = (0 until 4).map { n ->
                Thread {
                    try {
                        repeat(10) { i ->
                            numbers += runBlocking { diary.addIncident(incident("thread $n call $i", person, category = Category.CALL)) }
                        }
                    } catch (t: Throwable) {
                        errors += t
                    }
                }
            }
            threads.forEach { it.start() }
            threads.forEach { it.join() }
            assertEquals(emptyList(), errors)
            assertEquals((2uL..41uL).toList(), numbers.sorted())
            assertEquals(41uL, diary.entryCount())
            assertTrue(diary.check().ok)
        }
    }

    @Test
    fun summaryCountsTheIncidents() = runBlocking<Unit> {
        TallyDiary.create(path(), PASSPHRASE, FAST).use { diary ->
            diary.recordCase()
            val summary = diary.summaryView()
            assertEquals(2uL, summary.incidentsTotal)
            assertEquals(2uL, summary.byCategory.sumOf { it.count })
            assertTrue(summary.indicators.isNotEmpty())
        }
    }

    @Test
    fun whatsAppAndSmsImportsBecomeMessageLogs() = runBlocking<Unit> {
        // The test scripts run from the repository root, where the shared fixtures live.
        val fixtures = File("tests/data/import")
        TallyDiary.create(path(), PASSPHRASE, FAST, device = Device(ZoneId.of("Europe/London"))).use { diary ->
            val person = diary.addPerson(Person(name = "Sam Stalker", relationship = Relationship.EX_PARTNER))
            val chat = diary.importWhatsApp(
                File(fixtures, "android-24h-dmy.txt").path,
                senders = listOf("Sam Stalker"),
                people = listOf(person),
            )
            assertEquals(2uL, chat.seq)
            assertTrue(chat.messages > 0uL)
            val sms = diary.importSms(File(fixtures, "sms-backup.xml").path)
            assertEquals(3uL, sms.seq)
            val refused = assertFailsWith<TallyApiException.Invalid> {
                diary.importWhatsApp(File(fixtures, "ambiguous.txt").path, senders = emptyList())
            }
            assertTrue("date-order" in refused.reason)
            assertEquals(3uL, diary.entryCount())
            assertTrue(diary.check().ok)
        }
    }

    /** tests/data/view/words.properties: the shared case and the words every front end gives. */
    private fun words(): Properties = Properties().apply {
        File("tests/data/view/words.properties").reader(Charsets.UTF_8).use { load(it) }
    }

    private val now = Instant.parse("2024-11-01T12:00:00Z")

    @Test
    fun theSharedCaseGivesTheSameHeadlineSentenceAndFieldError() = runBlocking<Unit> {
        val w = words()
        val device = Device(ZoneId.of(w.getProperty("incident.time_zone")))
        TallyDiary.create(path(), PASSPHRASE, FAST, device = device).use { diary ->
            val person = diary.addPerson(Person(name = w.getProperty("person.name"), relationship = Relationship.EX_PARTNER))
            val draft = diary.newIncidentDraft(now).apply {
                date = w.getProperty("incident.date")
                time = w.getProperty("incident.time")
                category = Category.VISIT_HOME
                people = listOf(person)
            }
            assertEquals(listOf(w.getProperty("field_error.summary")), diary.reviewIncident(draft, now).errors.map { it.text })
            draft.summary = w.getProperty("incident.summary")
            assertIs<FormOutcome.Saved>(diary.saveIncident(draft, now))
            val items = diary.entryList()
            assertEquals(listOf(w.getProperty("person.headline"), w.getProperty("headline")), items.map { it.headline })
            assertEquals(w.getProperty("incident.at"), items[1].time?.at)
            assertTrue(w.getProperty("sentence") in diary.summaryView(SummaryFilter()).indicators)
        }
    }

    @Test
    fun aPhotoFromAFileAndFromBytesIsRecordedAlike() = runBlocking<Unit> {
        val w = words()
        val photo = File("tests/data/view", w.getProperty("photo.file"))
        TallyDiary.create(path(), PASSPHRASE, FAST).use { diary ->
            val fromFile = diary.attachFile(photo.path)
            val fromBytes = diary.attachBytes(photo.readBytes(), photo.name)
            assertEquals(fromFile, fromBytes)
            assertEquals(w.getProperty("photo.sha256"), fromFile.sha256)
            assertEquals(w.getProperty("photo.size").toULong(), fromFile.size)
            assertEquals(w.getProperty("photo.media_type"), fromFile.mediaType)
            assertEquals(w.getProperty("photo.width").toUInt(), fromFile.dimensions?.width)
            assertEquals(w.getProperty("photo.height").toUInt(), fromFile.dimensions?.height)
            assertEquals(w.getProperty("photo.captured_at"), fromFile.capturedAt)
            assertEquals(w.getProperty("photo.camera"), fromFile.camera)
            assertEquals(w.getProperty("photo.lat").toDouble(), fromFile.gps!!.lat, 1e-6)
            assertEquals(w.getProperty("photo.lon").toDouble(), fromFile.gps!!.lon, 1e-6)
        }
    }

    @Test
    fun anImportReadsLocalTimesInTheDevicesZone() = runBlocking<Unit> {
        val saved = TimeZone.getDefault()
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"))
        try {
            TallyDiary.create(path(), PASSPHRASE, FAST).use { diary ->
                val chat = diary.importWhatsApp(File("tests/data/import/android-24h-dmy.txt").path, senders = emptyList())
                val log = (diary.get(chat.seq).current as Body.MessageLog).v1
                assertEquals("America/New_York", log.timeZone)
                // 12 March 2024 in New York is after the clocks went forward: EDT, -04:00.
                // A new import keeps its messages in a transcript; the entry says when they start.
                val first = log.transcript?.first
                assertTrue(first?.endsWith("-04:00") == true, first)
            }
        } finally {
            TimeZone.setDefault(saved)
        }
    }
}
