// TallyDiary: the Kotlin face of a Tally diary. A thin, idiomatic wrapper over the
// generated bindings (app.tally.ffi): every call runs on an IO dispatcher as a suspend
// function, the diary is AutoCloseable (`use {}` locks it and wipes its keys), and an
// export reports its progress as a Flow that stops the export when collection stops.
// Errors are the generated TallyApiException subclasses, each with a plain `reason`.
package app.tally

import app.tally.ffi.AttachmentRef
import app.tally.ffi.CheckReport
import app.tally.ffi.CreateOptions
import app.tally.ffi.Diary
import app.tally.ffi.EntryContent
import app.tally.ffi.EntryView
import app.tally.ffi.ExportOptions
import app.tally.ffi.ExportSummary
import app.tally.ffi.HistoryStep
import app.tally.ffi.ImportSummary
import app.tally.ffi.Incident
import app.tally.ffi.ListFilter
import app.tally.ffi.Order
import app.tally.ffi.PackVerdict
import app.tally.ffi.Person
import app.tally.ffi.PoliceContact
import app.tally.ffi.ProgressListener
import app.tally.ffi.SummaryFilter
import app.tally.ffi.SummaryReport
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.channelFlow
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** One step of an export: how far it has got, then what it wrote. */
sealed interface ExportEvent {
    /** [done] of [total] units (entries, bytes) written so far; [total] when known. */
    data class Progress(val done: ULong, val total: ULong?) : ExportEvent

    /** The pack is complete. */
    data class Done(val summary: ExportSummary) : ExportEvent
}

/**
 * An unlocked diary. Safe to use from many coroutines at once: the native diary serialises
 * calls. Close it (or leave a `use {}` block) to lock it; later calls then fail.
 */
class TallyDiary private constructor(
    private val ffi: Diary,
    private val io: CoroutineDispatcher,
) : AutoCloseable {

    companion object {
        /** Creates a new diary at [path]; refuses to overwrite a file. */
        suspend fun create(
            path: String,
            passphrase: String,
            options: CreateOptions = CreateOptions(),
            io: CoroutineDispatcher = Dispatchers.IO,
        ): TallyDiary = withContext(io) { TallyDiary(Diary.create(path, passphrase, options), io) }

        /** Unlocks the diary at [path]; a wrong passphrase throws `TallyApiException.WrongPassphrase`. */
        suspend fun unlock(
            path: String,
            passphrase: String,
            io: CoroutineDispatcher = Dispatchers.IO,
        ): TallyDiary = withContext(io) { TallyDiary(Diary.unlock(path, passphrase), io) }

        /** Unlocks with the raw key the platform keystore kept behind biometric unlock. */
        suspend fun unlockWithKey(
            path: String,
            rawKey: ByteArray,
            io: CoroutineDispatcher = Dispatchers.IO,
        ): TallyDiary = withContext(io) { TallyDiary(Diary.unlockWithKey(path, rawKey), io) }

        /** Verifies an evidence pack with no diary; [checkpoint] is one received earlier. */
        suspend fun verifyPack(
            path: String,
            checkpoint: String? = null,
            io: CoroutineDispatcher = Dispatchers.IO,
        ): PackVerdict = withContext(io) { app.tally.ffi.verifyPack(path, checkpoint) }
    }

    private suspend fun <T> call(block: Diary.() -> T): T = withContext(io) { ffi.block() }

    /** Number of entries. */
    suspend fun entryCount(): ULong = call { entryCount() }

    /** The signing key's fingerprint (`SHA256:…`). */
    suspend fun fingerprint(): String = call { fingerprint() }

    /** The raw data key, for the platform keystore only. */
    suspend fun rawKey(): ByteArray = call { rawKey() }

    /** Re-wraps the key under a new passphrase. */
    suspend fun changePassphrase(old: String, new: String) = call { changePassphrase(old, new) }

    /** Adds a person; returns the entry number. */
    suspend fun addPerson(person: Person): ULong = call { addPerson(person) }

    /** Adds an incident; returns the entry number. */
    suspend fun addIncident(incident: Incident): ULong = call { addIncident(incident) }

    /** Adds an order; returns the entry number. */
    suspend fun addOrder(order: Order): ULong = call { addOrder(order) }

    /** Adds a police contact; returns the entry number. */
    suspend fun addPoliceContact(contact: PoliceContact): ULong = call { addPoliceContact(contact) }

    /** Corrects entry [target]; the original stays in its history. */
    suspend fun amend(target: ULong, replacement: EntryContent, reason: String? = null): ULong =
        call { amend(target, replacement, reason) }

    /** Removes entry [target]'s content; its hash stays. */
    suspend fun erase(target: ULong, reason: String? = null): ULong = call { erase(target, reason) }

    /** Entry [seq] as the diary shows it. */
    suspend fun get(seq: ULong): EntryView = call { get(seq) }

    /** The entries [filter] selects, in order. */
    suspend fun list(filter: ListFilter = ListFilter()): List<EntryView> = call { list(filter) }

    /** Entry [seq] as sealed, its amendments, and its erasure. */
    suspend fun history(seq: ULong): List<HistoryStep> = call { history(seq) }

    /** A signed checkpoint of the current state, to send to someone trusted. */
    suspend fun checkpoint(): String = call { checkpoint() }

    /** Checks every entry, head and attachment. */
    suspend fun check(): CheckReport = call { check() }

    /** Stores bytes (a photo, a screenshot); returns the reference to put in an entry. */
    suspend fun attachBytes(bytes: ByteArray, fileName: String? = null, mediaType: String? = null): AttachmentRef =
        call { attachBytes(bytes, fileName, mediaType) }

    /** Streams a file into the diary. */
    suspend fun attachFile(path: String): AttachmentRef = call { attachFile(path, null) }

    /** An attachment's original bytes, checked against its hash. */
    suspend fun readAttachment(sha256: String): ByteArray = call { readAttachment(sha256) }

    /**
     * Imports a WhatsApp chat export (.txt, or .zip with media) as one message-log entry.
     * [senders] are the names whose messages matter; [dateOrder] is "dmy" or "mdy" when the
     * file cannot prove it; [timeZone] is an IANA zone (default: the device's).
     */
    suspend fun importWhatsApp(
        path: String,
        senders: List<String>,
        dateOrder: String? = null,
        timeZone: String? = null,
        people: List<ULong> = emptyList(),
    ): ImportSummary = call { importWhatsapp(path, senders, dateOrder, timeZone, people, null) }

    /** Imports an SMS Backup & Restore file, keeping the messages with [addresses] (all if empty). */
    suspend fun importSms(
        path: String,
        addresses: List<String> = emptyList(),
        people: List<ULong> = emptyList(),
    ): ImportSummary = call { importSms(path, addresses, people, null) }

    /** The course-of-conduct summary as plain records: counts, weeks, breaches, police contacts. */
    suspend fun summaryReport(filter: SummaryFilter = SummaryFilter()): SummaryReport = call { summaryReport(filter) }

    /** The course-of-conduct summary as JSON. */
    suspend fun summaryJson(filter: SummaryFilter = SummaryFilter()): String = call { summary(filter) }

    /**
     * Exports an evidence pack to [outPath]. Emits progress, then [ExportEvent.Done]. If the
     * collector stops (its coroutine is cancelled), the export stops at its next safe point
     * and leaves nothing at [outPath].
     */
    fun exportPack(outPath: String, options: ExportOptions = ExportOptions()): Flow<ExportEvent> = channelFlow {
        val producer = this
        val listener = object : ProgressListener {
            override fun onProgress(done: ULong, total: ULong?) {
                // Progress may be dropped when the collector is slow; the final event is not.
                producer.trySend(ExportEvent.Progress(done, total))
            }

            override fun isCancelled(): Boolean = !producer.isActive
        }
        launch(io) {
            val summary = ffi.exportPack(outPath, options, listener)
            producer.send(ExportEvent.Done(summary))
            producer.channel.close()
        }
        awaitClose()
    }

    private val closed = java.util.concurrent.atomic.AtomicBoolean(false)

    /** Locks the diary (keys wiped, file closed) and frees the native object. Idempotent. */
    override fun close() {
        if (closed.compareAndSet(false, true)) {
            ffi.lock()
            ffi.close()
        }
    }
}
