// TimelinePresenter: the diary as a timeline, an entry in full, and removing an entry. The
// days, each item's headline, time as recorded, status (amended on …, removed on … with its
// reason, damaged) and the entry's whole history are the core's timeline and entry-detail
// views; this presenter holds only the filters chosen and which entry is open.
package app.tally.ui

import app.tally.ffi.Category
import app.tally.ffi.EntryDetail
import app.tally.ffi.PersonRef
import app.tally.ffi.Timeline
import app.tally.ffi.TimelineFilter
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update

/** What the timeline shows. */
data class TimelineState(
    /** The core's timeline for the current filters. */
    val timeline: Timeline? = null,
    /** Only entries concerning this person. */
    val person: ULong? = null,
    /** Only incidents of these categories (empty: all). */
    val categories: Set<Category> = emptySet(),
    /** People to filter by. */
    val people: List<PersonRef> = emptyList(),
    /** The entry open in a sheet, with its history. */
    val detail: EntryDetail? = null,
    /** Loading. */
    val busy: Boolean = false,
    /** A failure to show. */
    val message: Text? = null,
)

/** State and actions of the timeline. */
class TimelinePresenter(private val session: Session) : Clearable {
    private val _state = MutableStateFlow(TimelineState())

    /** What the screen shows. */
    val state: StateFlow<TimelineState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** The core filter for the current choices. */
    fun filter(s: TimelineState = _state.value): TimelineFilter =
        TimelineFilter(categories = s.categories.sortedBy { it.ordinal }, person = s.person)

    /** Reloads the timeline for the current filters. */
    suspend fun refresh() {
        _state.update { it.copy(busy = true, message = null) }
        val token = session.token()
        try {
            val diary = session.diary()
            val people = diary.people()
            val timeline = diary.timeline(filter())
            session.publishIf(token) { _state.update { it.copy(timeline = timeline, people = people, busy = false) } }
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

    /** Opens entry [seq] in full, with its history. */
    suspend fun openEntry(seq: ULong) {
        // Never show the entry opened before while this one loads.
        _state.update { if (it.detail?.item?.seq == seq) it else it.copy(detail = null) }
        val token = session.token()
        try {
            val detail = session.diary().entryDetail(seq)
            session.publishIf(token) { _state.update { it.copy(detail = detail) } }
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
        }
    }

    /**
     * Removes entry [seq]'s content, giving [reason] (kept in its history; blank for none).
     * Its place in the log stays, so the timeline and the entry show it as removed. Returns
     * whether it was removed.
     */
    suspend fun erase(seq: ULong, reason: String): Boolean {
        try {
            session.diary().erase(seq, reason.trim().ifEmpty { null })
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
            return false
        }
        refresh()
        openEntry(seq)
        return true
    }

    /** Closes the entry sheet. */
    fun closeEntry() = _state.update { it.copy(detail = null) }

    override fun clear() {
        _state.value = TimelineState()
    }
}
