// TallyDiary: the Kotlin face of a Tally diary. A thin, idiomatic wrapper over the
// generated bindings (app.tally.ffi). Its calls are suspend functions, and every one that
// may wait (for the disk, or for the diary while other work holds it) runs on an IO
// dispatcher; the two in-memory reads, entryCount and fingerprint, run on the caller's
// thread unless the diary is busy. The diary is AutoCloseable (`use {}` locks it and wipes
// its keys), and an export or a backup reports its progress as a Flow that stops the work
// when collection stops. A diary unlocked on a device is held to the head that device last
// kept ([DeviceHeadStore]), and keeps the new head after every change.
//
// Every view and form call passes the device's time zone (java.time.ZoneId.systemDefault(),
// read at each call, so a change of zone is followed) and the device's language, unless
// the caller fixed them. The records returned are the core's views: nothing here decides
// what a screen shows. Errors are the generated TallyApiException subclasses.
package app.tally

import app.tally.ffi.AmendmentDraft
import app.tally.ffi.AmendmentStart
import app.tally.ffi.AttachmentRef
import app.tally.ffi.BackupSummary
import app.tally.ffi.CheckReport
import app.tally.ffi.Choices
import app.tally.ffi.CreateOptions
import app.tally.ffi.DateOrder
import app.tally.ffi.DeviceHead
import app.tally.ffi.Diary
import app.tally.ffi.DisclosureChoices
import app.tally.ffi.EntryDetail
import app.tally.ffi.EntryView
import app.tally.ffi.ExportOptions
import app.tally.ffi.ExportScreen
import app.tally.ffi.ExportSummary
import app.tally.ffi.FieldError
import app.tally.ffi.FormOutcome
import app.tally.ffi.ImportFormat
import app.tally.ffi.ImportPreview
import app.tally.ffi.ImportSummary
import app.tally.ffi.Incident
import app.tally.ffi.IncidentDraft
import app.tally.ffi.ListFilter
import app.tally.ffi.Order
import app.tally.ffi.OrderDraft
import app.tally.ffi.PackVerdict
import app.tally.ffi.Person
import app.tally.ffi.PersonDraft
import app.tally.ffi.PersonRef
import app.tally.ffi.PoliceContact
import app.tally.ffi.PoliceContactDraft
import app.tally.ffi.ProgressListener
import app.tally.ffi.Review
import app.tally.ffi.Rollback
import app.tally.ffi.SummaryFilter
import app.tally.ffi.SummaryView
import app.tally.ffi.TallyApiException
import app.tally.ffi.Timeline
import app.tally.ffi.TimelineFilter
import app.tally.ffi.TimelineItem
import app.tally.ffi.diaryFileId
import java.time.Instant
import java.time.ZoneId
import java.util.Locale
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.channelFlow
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** One step of long work (an export, a backup): how far it has got, then what it wrote. */
sealed interface Work<out T> {
    /** [done] of [total] units (entries, pages, bytes) so far; [total] when known. */
    data class Progress(val done: ULong, val total: ULong?) : Work<Nothing>

    /** The work is complete. */
    data class Done<T>(val result: T) : Work<T>
}

/**
 * Where the views read local times and which language they speak: the device's, read at
 * each call, unless fixed (tests fix them).
 */
class Device(
    private val zone: (() -> ZoneId) = { ZoneId.systemDefault() },
    private val locale: (() -> Locale) = { Locale.getDefault() },
) {
    /** A fixed zone and language. */
    constructor(zone: ZoneId, locale: Locale = Locale.UK) : this({ zone }, { locale })

    /** The IANA zone id to pass to the core. */
    val zoneId: String get() = zone().id

    /** The BCP 47 tag to pass to the core. */
    val languageTag: String get() = locale().toLanguageTag()
}

/**
 * An unlocked diary. Safe to use from many coroutines at once: the native diary serialises
 * calls. Close it (or leave a `use {}` block) to lock it; later calls then fail.
 */
class TallyDiary private constructor(
    private val ffi: Diary,
    private val io: CoroutineDispatcher,
    /** The zone and language the views use. */
    val device: Device,
    /** Where this device keeps the diary's head, or null (tests, tools). */
    private val heads: DeviceHeadStore? = null,
) : AutoCloseable {

    companion object {
        /** Creates a new diary at [path]; refuses to overwrite a file. */
        suspend fun create(
            path: String,
            passphrase: String,
            options: CreateOptions = CreateOptions(),
            io: CoroutineDispatcher = Dispatchers.IO,
            device: Device = Device(),
            heads: DeviceHeadStore? = null,
        ): TallyDiary = withContext(io) { TallyDiary(Diary.create(path, passphrase, options), io, device, heads).also { it.keepHead() } }

        /**
         * Unlocks the diary at [path] with either of its passphrases: the core decides
         * whether it opens the diary or its decoy. A wrong one throws
         * `TallyApiException.WrongPassphrase`. With [heads], the diary is held to the head
         * this device kept: an older copy opens read-only and [rollback] says what is missing.
         */
        suspend fun unlock(
            path: String,
            passphrase: String,
            io: CoroutineDispatcher = Dispatchers.IO,
            device: Device = Device(),
            heads: DeviceHeadStore? = null,
        ): TallyDiary = withContext(io) {
            TallyDiary(Diary.unlockOnDevice(path, passphrase, seenHead(path, heads)), io, device, heads).also { it.keepHead() }
        }

        /** Unlocks with the raw key the platform keystore kept behind biometric unlock. */
        suspend fun unlockWithKey(
            path: String,
            rawKey: ByteArray,
            io: CoroutineDispatcher = Dispatchers.IO,
            device: Device = Device(),
            heads: DeviceHeadStore? = null,
        ): TallyDiary = withContext(io) {
            TallyDiary(Diary.unlockWithKeyOnDevice(path, rawKey, seenHead(path, heads)), io, device, heads).also { it.keepHead() }
        }

        /** The head [heads] kept for the diary file at [path]; none for a file it never saw. */
        private fun seenHead(path: String, heads: DeviceHeadStore?): DeviceHead? =
            heads?.let { store -> store.head(diaryFileId(path)) }

        /** Verifies an evidence pack with no diary; [checkpoint] is one received earlier. */
        suspend fun verifyPack(
            path: String,
            checkpoint: String? = null,
            io: CoroutineDispatcher = Dispatchers.IO,
        ): PackVerdict = withContext(io) { app.tally.ffi.verifyPack(path, checkpoint) }
    }

    private suspend fun <T> call(block: Diary.() -> T): T = withContext(io) { ffi.block() }

    /** A call that may add to the log: afterwards this device keeps the diary's new head. */
    private suspend fun <T> change(block: Diary.() -> T): T = withContext(io) { ffi.block().also { keepHead() } }

    /**
     * Stores the head to keep from now on. The core hands back the remembered head
     * unchanged under the duress passphrase and when this copy falls short of it, so
     * neither the decoy nor an older copy can lower it.
     */
    private fun keepHead() {
        val store = heads ?: return
        ffi.deviceHead()?.let(store::store)
    }

    private val zone get() = device.zoneId
    private val lang get() = device.languageTag

    /**
     * Number of entries. Read on the caller's thread, the main thread included, when the
     * diary is free: the read is in memory and never waits for the diary's lock, and costs a
     * few microseconds where the hop to [io] and back costs tens (BENCHMARKS.md, the
     * bindings' trivial call). While long work (an export, a backup) holds the diary it is
     * waited for on [io].
     */
    suspend fun entryCount(): ULong = now { entryCountNow() } ?: call { entryCount() }

    /** The signing key's fingerprint (`SHA256:…`); read as [entryCount] is. */
    suspend fun fingerprint(): String = now { fingerprintNow() } ?: call { fingerprint() }

    /** A read that never waits, on the caller's thread; null when other work holds the diary. */
    private inline fun <T : Any> now(read: Diary.() -> T): T? =
        try {
            ffi.read()
        } catch (_: TallyApiException.Busy) {
            null
        }

    /** The raw data key, for the platform keystore only. */
    suspend fun rawKey(): ByteArray = call { rawKey() }

    /** Re-wraps the key under a new passphrase. */
    suspend fun changePassphrase(old: String, new: String) = change { changePassphrase(old, new) }

    /** Adds a person record as it is (forms use [savePerson]); returns the entry number. */
    suspend fun addPerson(person: Person): ULong = change { addPerson(person) }

    /** Adds an incident record as it is (forms use [saveIncident]). */
    suspend fun addIncident(incident: Incident): ULong = change { addIncident(incident) }

    /** Adds an order record as it is (forms use [saveOrder]). */
    suspend fun addOrder(order: Order): ULong = change { addOrder(order) }

    /** Adds a police-contact record as it is (forms use [savePoliceContact]). */
    suspend fun addPoliceContact(contact: PoliceContact): ULong = change { addPoliceContact(contact) }

    /** Removes entry [target]'s content; its hash stays. */
    suspend fun erase(target: ULong, reason: String? = null): ULong = change { erase(target, reason) }

    /** Entry [seq] as the model reads it (screens use [entryDetail]). */
    suspend fun get(seq: ULong): EntryView = call { get(seq) }

    /** The entries [filter] selects, as the model reads them. */
    suspend fun list(filter: ListFilter = ListFilter()): List<EntryView> = call { list(filter) }

    // ---- views -------------------------------------------------------------------------

    /** The timeline, grouped by the local day each entry happened, newest first. */
    suspend fun timeline(filter: TimelineFilter = TimelineFilter()): Timeline = call { timeline(filter, zone, lang) }

    /** The entries [filter] selects, in entry order, as items with their headlines. */
    suspend fun entryList(filter: ListFilter = ListFilter()): List<TimelineItem> = call { entryList(filter, zone, lang) }

    /** Entry [seq] in full, with its history. */
    suspend fun entryDetail(seq: ULong): EntryDetail = call { entryDetail(seq, zone, lang) }

    /** The diary's people, for pickers. */
    suspend fun people(): List<PersonRef> = call { people() }

    /** The summary screen, in the device's language. */
    suspend fun summaryView(filter: SummaryFilter = SummaryFilter()): SummaryView = call { summaryView(filter, lang) }

    /** What the forms offer to pick from, labelled in the device's language. */
    fun choices(): Choices = app.tally.ffi.formChoices(lang)

    // ---- forms -------------------------------------------------------------------------

    /** A new incident draft at [now] in the device's zone. */
    fun newIncidentDraft(now: Instant = Instant.now()): IncidentDraft = app.tally.ffi.newIncidentDraft(zone, now)

    /** What the incident form shows for [draft]. */
    fun reviewIncident(draft: IncidentDraft, now: Instant = Instant.now()): Review =
        app.tally.ffi.reviewIncident(draft, zone, now, lang)

    /** Seals [draft], or refuses it naming every field to fix. */
    suspend fun saveIncident(draft: IncidentDraft, now: Instant = Instant.now()): FormOutcome =
        change { saveIncident(draft, zone, now, lang) }

    /** Adds details to incident [seq] after a quick capture, as a correction. */
    suspend fun addDetails(seq: ULong, details: String): FormOutcome = change { addDetails(seq, details, lang) }

    /** What the person form shows for [draft]. */
    fun reviewPerson(draft: PersonDraft): Review = app.tally.ffi.reviewPerson(draft, lang)

    /** Seals a person draft. */
    suspend fun savePerson(draft: PersonDraft): FormOutcome = change { savePerson(draft, lang) }

    /** A new order draft starting today in the device's zone. */
    fun newOrderDraft(now: Instant = Instant.now()): OrderDraft = app.tally.ffi.newOrderDraft(zone, now)

    /** What the order form shows for [draft]. */
    fun reviewOrder(draft: OrderDraft): Review = app.tally.ffi.reviewOrder(draft, lang)

    /** Seals an order draft. */
    suspend fun saveOrder(draft: OrderDraft): FormOutcome = change { saveOrder(draft, lang) }

    /** A new police-contact draft at [now] in the device's zone. */
    fun newPoliceContactDraft(now: Instant = Instant.now()): PoliceContactDraft = app.tally.ffi.newPoliceContactDraft(zone, now)

    /** What the police-contact form shows for [draft]. */
    fun reviewPoliceContact(draft: PoliceContactDraft, now: Instant = Instant.now()): Review =
        app.tally.ffi.reviewPoliceContact(draft, zone, now, lang)

    /** Seals a police-contact draft. */
    suspend fun savePoliceContact(draft: PoliceContactDraft, now: Instant = Instant.now()): FormOutcome =
        change { savePoliceContact(draft, zone, now, lang) }

    /** The draft for correcting entry [target], or why it cannot be corrected. */
    suspend fun amendmentDraft(target: ULong): AmendmentStart = call { amendmentDraft(target, lang) }

    /** What the correction form shows for [draft]. */
    fun reviewAmendment(draft: AmendmentDraft, now: Instant = Instant.now()): Review =
        app.tally.ffi.reviewAmendment(draft, zone, now, lang)

    /** Seals a correction. */
    suspend fun saveAmendment(draft: AmendmentDraft, now: Instant = Instant.now()): FormOutcome =
        change { saveAmendment(draft, zone, now, lang) }

    // ---- files and imports ---------------------------------------------------------------

    /** A signed checkpoint of the current state, to send to someone trusted. */
    suspend fun checkpoint(): String = call { checkpoint() }

    /** Checks every entry, head and attachment. */
    suspend fun check(): CheckReport = call { check() }

    /** Stores bytes (a photo, a screenshot) with the same checks as a file. */
    suspend fun attachBytes(bytes: ByteArray, fileName: String? = null, mediaType: String? = null): AttachmentRef =
        change { attachBytes(bytes, fileName, mediaType) }

    /** Stores a file (images decoded first, their EXIF time, camera, place and size kept). */
    suspend fun attachFile(path: String): AttachmentRef = change { attachFile(path) }

    /** An attachment's original bytes, checked against its hash. */
    suspend fun readAttachment(sha256: String): ByteArray = call { readAttachment(sha256) }

    /**
     * The import wizard: what the file holds, before anything is written. [dateOrder]
     * answers the day/month question and [chat] the choice of chat, once asked.
     */
    suspend fun previewImport(path: String, dateOrder: DateOrder? = null, chat: String? = null): ImportPreview =
        withContext(io) { app.tally.ffi.previewImport(path, zone, dateOrder, chat, lang) }

    /**
     * Imports a WhatsApp chat export (.txt, or .zip with media) as one message-log entry,
     * reading its local times in the device's zone. [senders] are the names whose messages
     * matter; [dateOrder] answers the wizard's day/month question.
     */
    suspend fun importWhatsApp(
        path: String,
        senders: List<String>,
        dateOrder: DateOrder? = null,
        people: List<ULong> = emptyList(),
    ): ImportSummary = change { importWhatsapp(path, senders, dateOrder, zone, people, null) }

    /** Imports an SMS Backup & Restore file, keeping the messages with [addresses] (all if empty). */
    suspend fun importSms(
        path: String,
        addresses: List<String> = emptyList(),
        people: List<ULong> = emptyList(),
    ): ImportSummary = change { importSms(path, addresses, people, null) }

    /** The export screen for [choices]: every entry going out and why, before anything is written. */
    suspend fun exportScreen(choices: DisclosureChoices): ExportScreen = call { exportScreen(choices, zone, lang) }

    /**
     * Imports a Telegram, Instagram or Messenger download ([format], as the wizard's
     * preview says) as one message-log entry; [chat] is the chat chosen from a Telegram
     * export of all chats.
     */
    suspend fun importChatJson(
        path: String,
        format: ImportFormat,
        senders: List<String>,
        chat: String? = null,
        people: List<ULong> = emptyList(),
    ): ImportSummary = change { importChatJson(path, format, senders, chat, zone, people, null) }

    /**
     * Exports an evidence pack to [outPath]. Emits progress, then [Work.Done]. If the
     * collector stops (its coroutine is cancelled), the export stops at its next safe point
     * and leaves nothing at [outPath].
     */
    fun exportPack(outPath: String, options: ExportOptions = ExportOptions()): Flow<Work<ExportSummary>> =
        withProgress { listener -> ffi.exportPack(outPath, options, listener) }

    // ---- keeping it safe -----------------------------------------------------------------

    /**
     * Writes one encrypted backup of the whole diary to [outPath] (which must not exist),
     * opened by the same passphrase. Emits progress, then [Work.Done]; stopping the
     * collector stops the backup and leaves nothing.
     */
    fun backup(outPath: String): Flow<Work<BackupSummary>> = withProgress { listener -> ffi.backup(outPath, listener) }

    /** How this copy falls short of the head this device kept, if it does (it is then read-only). */
    suspend fun rollback(): Rollback? = call { rollback() }

    /**
     * Sets the second passphrase, which opens an empty decoy diary of its own; needs the
     * diary opened with its own passphrase. An earlier one stops working.
     */
    suspend fun setDuressPassphrase(duress: String) = call { setDuressPassphrase(duress) }

    /** Removes the second passphrase and deletes its decoy diary. */
    suspend fun removeDuressPassphrase() = call { removeDuressPassphrase() }

    /**
     * Runs [work] on the IO dispatcher with a progress listener that reports into the flow
     * and says "cancelled" once the collector has gone; then emits the result.
     */
    private fun <T> withProgress(work: (ProgressListener) -> T): Flow<Work<T>> = channelFlow {
        val producer = this
        val listener = object : ProgressListener {
            override fun onProgress(done: ULong, total: ULong?) {
                // Progress may be dropped when the collector is slow; the final event is not.
                producer.trySend(Work.Progress(done, total))
            }

            override fun isCancelled(): Boolean = !producer.isActive
        }
        launch(io) {
            val result = work(listener)
            producer.send(Work.Done(result))
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

/** The field errors of a refused form, or none. */
val FormOutcome.errors: List<FieldError>
    get() = (this as? FormOutcome.Refused)?.errors.orEmpty()

/** The new entry's number, when the form was saved. */
val FormOutcome.savedSeq: ULong?
    get() = (this as? FormOutcome.Saved)?.seq
