// TimelinePresenter: the diary as a timeline — newest first, grouped by the local day each
// entry happened, filtered by person and by category, and an entry's history (what was
// sealed first, each amendment, an erasure). Filtering is the core's ListFilter, so the
// timeline shows exactly what an export with the same choices would disclose.
package app.tally.ui

import app.tally.ffi.Category
import app.tally.ffi.EntryBody
import app.tally.ffi.EntryContent
import app.tally.ffi.EntryKind
import app.tally.ffi.EntryStatus
import app.tally.ffi.ListFilter
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneId

/** One entry on the timeline. */
data class TimelineItem(
    /** Entry number. */
    val seq: ULong,
    /** Incident, order, police contact or conversation. */
    val kind: EntryKind,
    /** Local time, if the entry has one. */
    val time: LocalTime?,
    /** One line: the victim's words. */
    val title: String,
    /** The incident's category. */
    val category: Category?,
    /** Label resource of its type (category, order type, contact method). */
    val label: String?,
    /** Original, amended or erased. */
    val status: EntryStatus,
    /** Photos and files attached. */
    val attachments: Int,
)

/** The entries of one local day, newest first. */
data class TimelineDay(val day: LocalDate, val items: List<TimelineItem>)

/** One step of an entry's history. */
data class HistoryLine(
    /** Entry number of the step. */
    val seq: ULong,
    /** When it was sealed (RFC 3339, UTC); null once erased. */
    val recordedAt: String?,
    /** The entry as first sealed, a correction, or the erasure. */
    val kind: EntryKind?,
    /** What it said (null when its content was erased). */
    val text: String?,
    /** The reason given for a correction. */
    val reason: String?,
)

/** What the timeline shows. */
data class TimelineState(
    /** Days, newest first. */
    val days: List<TimelineDay> = emptyList(),
    /** Only entries concerning this person. */
    val person: ULong? = null,
    /** Only incidents of these categories (empty: all). */
    val categories: Set<Category> = emptySet(),
    /** People to filter by. */
    val people: List<PersonChoice> = emptyList(),
    /** The history open in a sheet, if any: entry number and its steps. */
    val history: Pair<ULong, List<HistoryLine>>? = null,
    /** Loading. */
    val busy: Boolean = false,
    /** A failure to show. */
    val message: Text? = null,
)

/** Kinds the timeline shows (people have their own screen). */
private val TIMELINE_KINDS = listOf(EntryKind.INCIDENT, EntryKind.POLICE_CONTACT, EntryKind.ORDER, EntryKind.MESSAGE_LOG)

/** State and actions of the timeline. */
class TimelinePresenter(private val session: Session, private val zone: ZoneId) : Clearable {
    private val _state = MutableStateFlow(TimelineState())

    /** What the screen shows. */
    val state: StateFlow<TimelineState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** The core filter for the current choices. */
    fun filter(s: TimelineState = _state.value): ListFilter = ListFilter(
        // A category filter is about incidents: other kinds would pass the core's filter.
        kinds = if (s.categories.isEmpty()) TIMELINE_KINDS else listOf(EntryKind.INCIDENT),
        categories = s.categories.toList(),
        person = s.person,
    )

    /** Reloads the entries for the current filter. */
    suspend fun refresh() {
        _state.update { it.copy(busy = true, message = null) }
        val token = session.token()
        try {
            val diary = session.diary()
            val people = loadPeople(diary)
            val views = diary.list(filter())
            val days = views.mapNotNull { v ->
                val w = whenOf(v.current, v.recordedAt, zone) ?: return@mapNotNull null
                val body = v.current
                w to TimelineItem(
                    seq = v.seq,
                    kind = v.kind,
                    time = w.time,
                    title = titleOf(body),
                    category = (body as? EntryBody.Incident)?.incident?.category,
                    label = labelOf(body),
                    status = v.status,
                    attachments = (body as? EntryBody.Incident)?.incident?.attachments?.size ?: 0,
                )
            }
                .sortedWith(compareByDescending<Pair<LocalWhen, TimelineItem>> { it.first.instant }.thenByDescending { it.second.seq })
                .groupBy { it.first.day }
                .entries
                .sortedByDescending { it.key }
                .map { (day, items) -> TimelineDay(day, items.map { it.second }) }
            session.publishIf(token) { _state.update { it.copy(days = days, people = people, busy = false) } }
        } catch (e: Exception) {
            _state.update { it.copy(busy = false, message = messageFor(e)) }
        }
    }

    /** Shows only entries concerning [seq] (null: everyone), then reloads. */
    suspend fun setPerson(seq: ULong?) {
        _state.update { it.copy(person = seq) }
        refresh()
    }

    /** Adds or removes a category from the filter, then reloads. */
    suspend fun toggleCategory(category: Category) {
        _state.update { s -> s.copy(categories = if (category in s.categories) s.categories - category else s.categories + category) }
        refresh()
    }

    /** Clears the filters, then reloads. */
    suspend fun clearFilters() {
        _state.update { it.copy(person = null, categories = emptySet()) }
        refresh()
    }

    /** Opens entry [seq]'s history. */
    suspend fun openHistory(seq: ULong) {
        val token = session.token()
        try {
            val steps = session.diary().history(seq).map { step ->
                when (val b = step.body) {
                    is EntryBody.Amendment -> HistoryLine(step.seq, step.recordedAt, EntryKind.AMENDMENT, textOf(b.replacement), b.reason)
                    is EntryBody.Erasure -> HistoryLine(step.seq, step.recordedAt, EntryKind.ERASURE, null, null)
                    null -> HistoryLine(step.seq, null, null, null, null)
                    else -> HistoryLine(step.seq, step.recordedAt, null, textOf(b), null)
                }
            }
            session.publishIf(token) { _state.update { it.copy(history = seq to steps) } }
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
        }
    }

    /** Closes the history sheet. */
    fun closeHistory() = _state.update { it.copy(history = null) }

    override fun clear() {
        _state.value = TimelineState()
    }
}

private fun textOf(body: EntryBody): String = when (body) {
    is EntryBody.Incident -> listOfNotNull(body.incident.summary, body.incident.details).joinToString("\n\n")
    else -> titleOf(body)
}

private fun textOf(content: EntryContent): String = when (content) {
    is EntryContent.Incident -> listOfNotNull(content.incident.summary, content.incident.details).joinToString("\n\n")
    is EntryContent.Person -> content.person.name
    is EntryContent.Order -> titleOf(EntryBody.Order(content.order))
    is EntryContent.PoliceContact -> titleOf(EntryBody.PoliceContact(content.contact))
    is EntryContent.MessageLog -> titleOf(EntryBody.MessageLog(content.log))
}
