// RecordsPresenter: the people, orders and police-contact screens — each a list of its
// entries (the core's items, with their headlines) and a form to add one (the core's
// drafts, refused with typed field errors). One class, parameterised by kind, because the
// three screens behave the same.
package app.tally.ui

import app.tally.ffi.EntryKind
import app.tally.ffi.FieldError
import app.tally.ffi.FormOutcome
import app.tally.ffi.ListFilter
import app.tally.ffi.OrderDraft
import app.tally.ffi.PersonDraft
import app.tally.ffi.PersonRef
import app.tally.ffi.PoliceContactDraft
import app.tally.ffi.Relationship
import app.tally.ffi.Review
import app.tally.ffi.TimelineItem
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.time.Clock

/** What a records screen shows. */
data class RecordsState(
    /** The entries, newest first. */
    val rows: List<TimelineItem> = emptyList(),
    /** People, for the order form's person picker. */
    val people: List<PersonRef> = emptyList(),
    /** Incidents, newest first, for the police-contact form to say which were reported. */
    val incidents: List<TimelineItem> = emptyList(),
    /** The last form's problems, one per field. */
    val errors: List<FieldError> = emptyList(),
    /** A message to show. */
    val message: Text? = null,
)

/** The people, orders or police-contacts screen ([kind] says which). */
class RecordsPresenter(
    private val session: Session,
    private val kind: EntryKind,
    private val clock: Clock,
) : Clearable {
    private val _state = MutableStateFlow(RecordsState())

    /** What the screen shows. */
    val state: StateFlow<RecordsState> = _state.asStateFlow()

    init {
        require(kind in listOf(EntryKind.PERSON, EntryKind.ORDER, EntryKind.POLICE_CONTACT)) { "no records screen for $kind" }
        session.register(this)
    }

    /** Reloads the list. */
    suspend fun refresh() {
        val token = session.token()
        try {
            val diary = session.diary()
            val rows = diary.entryList(ListFilter(kinds = listOf(kind))).reversed()
            val people = diary.people()
            val incidents = if (kind == EntryKind.POLICE_CONTACT) diary.entryList(ListFilter(kinds = listOf(EntryKind.INCIDENT))).reversed() else emptyList()
            session.publishIf(token) { _state.update { it.copy(rows = rows, people = people, incidents = incidents) } }
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
        }
    }

    /** A new person form (the core's default relationship, "other", until one is picked). */
    fun newPerson(): PersonDraft = PersonDraft(relationship = Relationship.OTHER)

    /** A new order form, starting today. */
    fun newOrder(): OrderDraft = session.diary().newOrderDraft(clock.instant())

    /** A new police-contact form, at now. */
    fun newPoliceContact(): PoliceContactDraft = session.diary().newPoliceContactDraft(clock.instant())

    /** Adds a person; returns the entry number, or null with the errors in [state]. */
    suspend fun addPerson(draft: PersonDraft): ULong? = add { session.diary().savePerson(draft) }

    /** Adds an order. */
    suspend fun addOrder(draft: OrderDraft): ULong? = add { session.diary().saveOrder(draft) }

    /**
     * What the police-contact form shows for [draft] as it is typed: the time it would
     * store, and the clock-change question when that time happened twice or never.
     */
    fun review(draft: PoliceContactDraft): Review? = session.diaryOrNull()?.reviewPoliceContact(draft, clock.instant())

    /** Adds a police contact. */
    suspend fun addPoliceContact(draft: PoliceContactDraft): ULong? = add { session.diary().savePoliceContact(draft, clock.instant()) }

    /** Forgets the last form's problems (the form was closed or started again). */
    fun dismissErrors() = _state.update { it.copy(errors = emptyList()) }

    private suspend fun add(call: suspend () -> FormOutcome): ULong? = try {
        when (val outcome = call()) {
            is FormOutcome.Saved -> {
                refresh()
                _state.update { it.copy(errors = emptyList(), message = Text.RECORD_SAVED) }
                outcome.seq
            }
            is FormOutcome.Refused -> {
                _state.update { it.copy(errors = outcome.errors, message = null) }
                null
            }
        }
    } catch (e: Exception) {
        _state.update { it.copy(message = messageFor(e)) }
        null
    }

    override fun clear() {
        _state.value = RecordsState()
    }
}
