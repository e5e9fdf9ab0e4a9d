// CorrectionPresenter: correcting an entry. Nothing is edited in place: the core hands over
// the entry's content as the draft of its own form (or says why it cannot be corrected),
// the victim changes what was wrong and says why, and the core seals a correction that the
// timeline then shows as "Amended" with both versions in its history. This presenter holds
// the draft being typed; the review, the problems and the sealing are the core's.
package app.tally.ui

import app.tally.ffi.AmendmentDraft
import app.tally.ffi.AmendmentStart
import app.tally.ffi.DraftContent
import app.tally.ffi.FieldError
import app.tally.ffi.FormOutcome
import app.tally.ffi.IncidentDraft
import app.tally.ffi.OrderDraft
import app.tally.ffi.PersonDraft
import app.tally.ffi.PersonRef
import app.tally.ffi.PoliceContactDraft
import app.tally.ffi.Review
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.time.Clock

/** What the correction screen shows. */
data class CorrectionState(
    /** The entry being corrected. */
    val target: ULong? = null,
    /** Its new content and the reason, as typed. */
    val draft: AmendmentDraft? = null,
    /** The core's reading of the draft. */
    val review: Review? = null,
    /** Show the review's problems (after a save was tried). */
    val showErrors: Boolean = false,
    /** Why the entry cannot be corrected, when the core refused to start. */
    val refused: List<FieldError> = emptyList(),
    /** People to choose from. */
    val people: List<PersonRef> = emptyList(),
    /** The correction sealed, once saved. */
    val saved: ULong? = null,
    /** A failure to show. */
    val message: Text? = null,
) {
    /** The problems to show now. */
    val errors: List<FieldError> get() = refused + if (showErrors) review?.errors.orEmpty() else emptyList()
}

/** State and actions of the correction screen. */
class CorrectionPresenter(
    private val session: Session,
    private val clock: Clock,
) : Clearable {
    private val _state = MutableStateFlow(CorrectionState())

    /** What the screen shows. */
    val state: StateFlow<CorrectionState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** Starts correcting entry [seq]: its content as a draft, or why it cannot be corrected. */
    suspend fun start(seq: ULong) {
        val token = session.token()
        try {
            val diary = session.diary()
            val start = diary.amendmentDraft(seq)
            val people = diary.people()
            session.publishIf(token) {
                _state.value = when (start) {
                    is AmendmentStart.Draft -> CorrectionState(seq, start.v1, review(start.v1), people = people)
                    is AmendmentStart.Refused -> CorrectionState(seq, refused = start.v1, people = people)
                }
            }
        } catch (e: Exception) {
            _state.value = CorrectionState(seq, message = messageFor(e))
        }
    }

    private fun review(draft: AmendmentDraft): Review? = session.diaryOrNull()?.reviewAmendment(draft, clock.instant())

    private fun edit(change: (AmendmentDraft) -> AmendmentDraft) = _state.update { s ->
        val draft = s.draft?.let(change) ?: return@update s
        s.copy(draft = draft, review = review(draft), message = null)
    }

    /** Changes the incident being corrected. */
    fun editIncident(change: IncidentDraft.() -> IncidentDraft) =
        edit { d -> (d.content as? DraftContent.Incident)?.let { d.copy(content = DraftContent.Incident(it.v1.change())) } ?: d }

    /** Changes the person being corrected. */
    fun editPerson(change: PersonDraft.() -> PersonDraft) =
        edit { d -> (d.content as? DraftContent.Person)?.let { d.copy(content = DraftContent.Person(it.v1.change())) } ?: d }

    /** Changes the order being corrected. */
    fun editOrder(change: OrderDraft.() -> OrderDraft) =
        edit { d -> (d.content as? DraftContent.Order)?.let { d.copy(content = DraftContent.Order(it.v1.change())) } ?: d }

    /** Changes the police contact being corrected. */
    fun editPoliceContact(change: PoliceContactDraft.() -> PoliceContactDraft) =
        edit { d -> (d.content as? DraftContent.PoliceContact)?.let { d.copy(content = DraftContent.PoliceContact(it.v1.change())) } ?: d }

    /** Says why the entry is being corrected (kept in its history). */
    fun setReason(text: String) = edit { it.copy(reason = text) }

    /** Seals the correction; returns its entry number, or null with the problems shown. */
    suspend fun save(): ULong? {
        val draft = _state.value.draft ?: return null
        val token = session.token()
        return try {
            when (val outcome = session.diary().saveAmendment(draft, clock.instant())) {
                is FormOutcome.Saved -> outcome.seq.also { seq -> session.publishIf(token) { _state.update { it.copy(saved = seq) } } }
                is FormOutcome.Refused -> {
                    _state.update { it.copy(review = refusal(it.review, outcome.errors), showErrors = true) }
                    null
                }
            }
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
            null
        }
    }

    /** Leaves the correction without saving. */
    override fun clear() {
        _state.value = CorrectionState()
    }
}
