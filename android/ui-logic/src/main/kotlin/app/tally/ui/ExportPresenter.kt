// ExportPresenter: choose what to disclose — a period, a person, categories, single
// entries — and write the evidence pack for the share sheet. The choices map one to one
// onto the core's ListFilter; the core decides what the chosen entries bring with them and
// withholds the rest as leaf hashes, so the officer can still verify the whole diary. The
// entries offered one by one are the core's timeline items (headline, date, status).
// Packs are written to an app-private directory the share sheet reads through a
// FileProvider, and deleted when the diary locks.
package app.tally.ui

import app.tally.ExportEvent
import app.tally.ffi.Category
import app.tally.ffi.DisclosureChoices
import app.tally.ffi.EntryKind
import app.tally.ffi.ExportOptions
import app.tally.ffi.ExportSummary
import app.tally.ffi.ListFilter
import app.tally.ffi.PersonRef
import app.tally.ffi.TimelineFilter
import app.tally.ffi.TimelineItem
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.io.File
import java.time.Clock
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** What the victim chose to disclose. Empty choices mean "no restriction". */
data class ExportSelection(
    /** First local date disclosed. */
    val from: LocalDate? = null,
    /** Last local date disclosed. */
    val to: LocalDate? = null,
    /** Only entries concerning this person. */
    val person: ULong? = null,
    /** Only incidents of these categories. */
    val categories: Set<Category> = emptySet(),
    /** Only these entries. */
    val entries: Set<ULong> = emptySet(),
) {
    /** The core filter this selection means. */
    fun toListFilter(): ListFilter = ListFilter(
        categories = categories.sortedBy { it.ordinal },
        person = person,
        from = from?.toString(),
        to = to?.toString(),
        entries = entries.sorted(),
    )

    /** The disclosure choices this selection means: what the pack carries. */
    fun toChoices(): DisclosureChoices = DisclosureChoices(
        from = from?.toString(),
        to = to?.toString(),
        people = listOfNotNull(person),
        categories = categories.sortedBy { it.ordinal },
        entries = entries.sorted(),
    )
}

/** Where an export is. */
sealed interface ExportPhase {
    /** Choosing. */
    data object Idle : ExportPhase

    /** Writing: [done] of [total] units. */
    data class Running(val done: ULong, val total: ULong?) : ExportPhase

    /** Written: share [path]. */
    data class Done(val path: String, val summary: ExportSummary) : ExportPhase

    /** Failed with a message. */
    data class Failed(val message: Text) : ExportPhase
}

/** What the export screen shows. */
data class ExportState(
    /** The choices. */
    val selection: ExportSelection = ExportSelection(),
    /** Entries the choices select directly (the pack adds what they depend on). */
    val chosenCount: Int? = null,
    /** People to choose from. */
    val people: List<PersonRef> = emptyList(),
    /** Entries to pick one by one (incidents, police contacts, orders, conversations), newest first. */
    val candidates: List<TimelineItem> = emptyList(),
    /** Progress or result. */
    val phase: ExportPhase = ExportPhase.Idle,
)

/** State and actions of the export screen; packs go to [outputDir]. */
class ExportPresenter(
    private val session: Session,
    private val outputDir: File,
    private val clock: Clock,
) : Clearable {
    private val _state = MutableStateFlow(ExportState())

    /** What the screen shows. */
    val state: StateFlow<ExportState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** Loads the people and counts the current choice. */
    suspend fun load() {
        val token = session.token()
        try {
            val diary = session.diary()
            val people = diary.people()
            val candidates = diary.timeline(TimelineFilter()).days.flatMap { it.items }
            session.publishIf(token) { _state.update { it.copy(people = people, candidates = candidates) } }
        } catch (e: Exception) {
            _state.update { it.copy(phase = ExportPhase.Failed(messageFor(e))) }
            return
        }
        recount()
    }

    /** Adds or removes a single entry from the choice, then recounts. */
    suspend fun toggleEntry(seq: ULong) = select { s -> s.copy(entries = if (seq in s.entries) s.entries - seq else s.entries + seq) }

    /** Changes the choices, then recounts. */
    suspend fun select(change: (ExportSelection) -> ExportSelection) {
        _state.update { it.copy(selection = change(it.selection), phase = ExportPhase.Idle) }
        recount()
    }

    private fun badPeriod(s: ExportSelection) = s.from != null && s.to != null && s.from.isAfter(s.to)

    private suspend fun recount() {
        val sel = _state.value.selection
        if (badPeriod(sel)) {
            _state.update { it.copy(chosenCount = null, phase = ExportPhase.Failed(Text.EXPORT_BAD_PERIOD)) }
            return
        }
        val token = session.token()
        try {
            val n = session.diary().list(sel.toListFilter()).size
            session.publishIf(token) { _state.update { if (it.selection == sel) it.copy(chosenCount = n) else it } }
        } catch (e: Exception) {
            _state.update { it.copy(phase = ExportPhase.Failed(messageFor(e))) }
        }
    }

    /**
     * Writes the pack, reporting progress in [state]; returns the summary, or null with
     * the failure in [state]. Cancelling the calling coroutine stops the export and leaves
     * no file.
     */
    suspend fun export(): ExportSummary? {
        val sel = _state.value.selection
        if (badPeriod(sel)) return failed(Text.EXPORT_BAD_PERIOD)
        val token = session.token()
        return try {
            val diary = session.diary()
            if (diary.list(sel.toListFilter()).isEmpty()) return failed(Text.EXPORT_NOTHING_CHOSEN)
            outputDir.mkdirs()
            // The name says only that it is a Tally pack and when it was made.
            val zone = ZoneId.of(diary.device.zoneId)
            val stamp = LocalDateTime.now(clock.withZone(zone)).format(DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss"))
            val out = generateSequence(1) { it + 1 }
                .map { n -> File(outputDir, if (n == 1) "tally-evidence-$stamp.zip" else "tally-evidence-$stamp-$n.zip") }
                .first { !it.exists() }
            _state.update { it.copy(phase = ExportPhase.Running(0u, null)) }
            var summary: ExportSummary? = null
            diary.exportPack(out.path, ExportOptions(choices = sel.toChoices())).collect { e ->
                when (e) {
                    is ExportEvent.Progress -> _state.update { it.copy(phase = ExportPhase.Running(e.done, e.total)) }
                    is ExportEvent.Done -> summary = e.summary
                }
            }
            val done = summary ?: return failed(Text.EXPORT_FAILED)
            var shown = false
            session.publishIf(token) {
                _state.update { it.copy(phase = ExportPhase.Done(done.path, done)) }
                shown = true
            }
            // Locked while writing: the lock already swept the share directory; this file
            // was finished after that, so remove it here.
            if (!shown) File(done.path).delete()
            done
        } catch (e: kotlinx.coroutines.CancellationException) {
            _state.update { it.copy(phase = ExportPhase.Idle) }
            throw e
        } catch (e: Exception) {
            failed(messageFor(e).takeIf { it != Text.ERROR_GENERIC } ?: Text.EXPORT_FAILED)
        }
    }

    private fun failed(message: Text): ExportSummary? {
        _state.update { it.copy(phase = ExportPhase.Failed(message)) }
        return null
    }

    /** Deletes the packs written for sharing and forgets the choices. */
    override fun clear() {
        outputDir.listFiles()?.forEach { if (it.name.startsWith("tally-evidence-")) it.delete() }
        _state.value = ExportState()
    }
}
