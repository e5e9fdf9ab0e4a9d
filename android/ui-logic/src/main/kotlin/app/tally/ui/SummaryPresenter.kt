// SummaryPresenter: the officers' course-of-conduct summary for the victim to see before a
// statement or an export — the core's summary view (period, counts, the weekly chart,
// the indicator sentences, breaches, police contacts with advice to block flagged), in the
// device's language. This presenter holds only the person chosen.
package app.tally.ui

import app.tally.ffi.PersonRef
import app.tally.ffi.SummaryFilter
import app.tally.ffi.SummaryView
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update

/** What the summary screen shows. */
data class SummaryState(
    /** Only incidents naming this person. */
    val person: ULong? = null,
    /** People to choose from. */
    val people: List<PersonRef> = emptyList(),
    /** The core's summary view. */
    val view: SummaryView? = null,
    /** A failure to show. */
    val message: Text? = null,
)

/** State and actions of the summary screen. */
class SummaryPresenter(private val session: Session) : Clearable {
    private val _state = MutableStateFlow(SummaryState())

    /** What the screen shows. */
    val state: StateFlow<SummaryState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** Recomputes the summary for [person] (null: everyone). */
    suspend fun load(person: ULong? = _state.value.person) {
        val token = session.token()
        try {
            val diary = session.diary()
            val people = diary.people()
            val view = diary.summaryView(SummaryFilter(person = person))
            session.publishIf(token) { _state.value = SummaryState(person, people, view) }
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
        }
    }

    override fun clear() {
        _state.value = SummaryState()
    }
}
