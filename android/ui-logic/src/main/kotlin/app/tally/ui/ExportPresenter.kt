// ExportPresenter: choose what to disclose — a period, a person, categories, single
// entries — and write the evidence pack for the share sheet. The choices map one to one
// onto the core's DisclosureChoices; before anything is written the screen shows the core's
// disclosure plan for them (its export screen view: every entry going out and why, the
// count withheld, the problems with the choices), and the pack then follows that plan. The
// entries offered one by one are the core's timeline items (headline, date, status).
// Packs are written to an app-private directory the share sheet reads through a
// FileProvider, and deleted when the diary locks.
package app.tally.ui

import app.tally.Work
import app.tally.ffi.Category
import app.tally.ffi.DisclosureChoices
import app.tally.ffi.EntryKind
import app.tally.ffi.ExportOptions
import app.tally.ffi.ExportScreen
import app.tally.ffi.ExportSummary
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
import java.time.ZoneId

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
    /** The disclosure choices this selection means: what the pack carries. */
    fun toChoices(): DisclosureChoices = DisclosureChoices(
        from = from?.toString(),
        to = to?.toString(),
        people = listOfNotNull(person),
        categories = categories.sortedBy { it.ordinal },
        entries = entries.sorted(),
    )
}

/** What the export screen shows. */
data class ExportState(
    /** The choices. */
    val selection: ExportSelection = ExportSelection(),
    /** The core's plan for the choices: what goes out and why, or what is wrong with them. */
    val plan: ExportScreen? = null,
    /** People to choose from. */
    val people: List<PersonRef> = emptyList(),
    /** Entries to pick one by one (incidents, police contacts, orders, conversations), newest first. */
    val candidates: List<TimelineItem> = emptyList(),
    /** Progress or result. */
    val phase: WorkPhase<ExportSummary> = WorkPhase.Idle,
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
            _state.update { it.copy(phase = WorkPhase.Failed(messageFor(e))) }
            return
        }
        recount()
    }

    /** Adds or removes a single entry from the choice, then recounts. */
    suspend fun toggleEntry(seq: ULong) = select { s -> s.copy(entries = if (seq in s.entries) s.entries - seq else s.entries + seq) }

    /** Changes the choices, then recounts. */
    suspend fun select(change: (ExportSelection) -> ExportSelection) {
        _state.update { it.copy(selection = change(it.selection), phase = WorkPhase.Idle) }
        recount()
    }

    private suspend fun recount() {
        val sel = _state.value.selection
        val token = session.token()
        try {
            val plan = session.diary().exportScreen(sel.toChoices())
            session.publishIf(token) { _state.update { if (it.selection == sel) it.copy(plan = plan) else it } }
        } catch (e: Exception) {
            _state.update { it.copy(plan = null, phase = WorkPhase.Failed(messageFor(e))) }
        }
    }

    /**
     * Writes the pack, reporting progress in [state]; returns the summary, or null with
     * the failure in [state]. Cancelling the calling coroutine stops the export and leaves
     * no file.
     */
    suspend fun export(): ExportSummary? {
        val sel = _state.value.selection
        val token = session.token()
        return try {
            val diary = session.diary()
            // The plan the pack will follow, read again: the screen shows why it cannot go.
            val plan = diary.exportScreen(sel.toChoices())
            if (!plan.ready) {
                session.publishIf(token) { _state.update { it.copy(plan = plan, phase = WorkPhase.Idle) } }
                return null
            }
            val out = freshFile(outputDir, PREFIX, "zip", clock, ZoneId.of(diary.device.zoneId))
            session.writeForSharing(token, diary.exportPack(out.path, ExportOptions(choices = sel.toChoices())), { it.path }) { phase ->
                _state.update { it.copy(phase = phase) }
            }
        } catch (e: kotlinx.coroutines.CancellationException) {
            _state.update { it.copy(phase = WorkPhase.Idle) }
            throw e
        } catch (e: Exception) {
            failed(messageFor(e).takeIf { it != Text.ERROR_GENERIC } ?: Text.EXPORT_FAILED)
        }
    }

    private fun failed(message: Text): ExportSummary? {
        _state.update { it.copy(phase = WorkPhase.Failed(message)) }
        return null
    }

    /** Deletes the packs written for sharing and forgets the choices. */
    override fun clear() {
        outputDir.listFiles()?.forEach { if (it.name.startsWith("$PREFIX-")) it.delete() }
        _state.value = ExportState()
    }

    private companion object {
        const val PREFIX = "tally-evidence"
    }
}
