// QuickCapturePresenter: record what just happened in seconds — time pre-filled, a category
// chip, a person, a place, a short note, a fear slider, photos — then add the details later
// as a correction. The full incident form is the same draft with more fields filled.
//
// This presenter holds what is being typed (the core's IncidentDraft) and which photos are
// waiting; everything else is the core's: the draft's defaults (now, in the device's zone),
// the review with its typed field errors, the clock-change question when a local time
// happened twice or never (answered by the victim, never guessed), the future rule.
package app.tally.ui

import app.tally.errors
import app.tally.ffi.Category
import app.tally.ffi.ClockAnswer
import app.tally.ffi.FieldError
import app.tally.ffi.FormOutcome
import app.tally.ffi.IncidentDraft
import app.tally.ffi.PersonRef
import app.tally.ffi.Review
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.time.Clock
import java.time.LocalDate
import java.time.LocalTime

/** A photo or screenshot waiting to be saved with the incident. */
class PendingPhoto(
    /** The original bytes, unchanged (the core keeps them and their hash). */
    val bytes: ByteArray,
    /** The file's name, if it had one. */
    val fileName: String?,
    /** Its media type, if known (the core sniffs it otherwise). */
    val mediaType: String?,
) {
    /** Size for the screen. */
    val size: Int get() = bytes.size
}

/** What the quick-capture screen shows. */
data class CaptureState(
    /** What is being typed. */
    val draft: IncidentDraft = IncidentDraft(),
    /** The core's reading of it: problems, the clock question, the time it would store. */
    val review: Review? = null,
    /** Show the review's errors (after a save was tried). */
    val showErrors: Boolean = false,
    /** Photos to attach. */
    val photos: List<PendingPhoto> = emptyList(),
    /** The people to choose from. */
    val people: List<PersonRef> = emptyList(),
    /** Saving. */
    val busy: Boolean = false,
    /** The last incident saved here, for "add details". */
    val lastSaved: ULong? = null,
    /** A message to show (saved, locked …). */
    val message: Text? = null,
) {
    /** The field errors to show now. */
    val errors: List<FieldError> get() = if (showErrors) review?.errors.orEmpty() else emptyList()
}

/** State and actions of quick capture and the full incident form. */
class QuickCapturePresenter(
    private val session: Session,
    private val clock: Clock,
) : Clearable {
    private val _state = MutableStateFlow(fresh())

    /** What the screen shows. */
    val state: StateFlow<CaptureState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    private fun fresh(lastSaved: ULong? = null, message: Text? = null, people: List<PersonRef> = emptyList()): CaptureState {
        val diary = session.diaryOrNull() ?: return CaptureState(lastSaved = lastSaved, message = message)
        val draft = diary.newIncidentDraft(clock.instant())
        return CaptureState(draft = draft, review = diary.reviewIncident(draft, clock.instant()), people = people, lastSaved = lastSaved, message = message)
    }

    /**
     * Changes the draft (the edits in Drafts.kt) and has the core review it again: the
     * clock-change question and the problems follow what is typed.
     */
    fun edit(change: IncidentDraft.() -> IncidentDraft) = _state.update { s ->
        val draft = s.draft.change()
        val review = session.diaryOrNull()?.reviewIncident(draft, clock.instant())
        s.copy(draft = draft, review = review, message = null)
    }

    /** Loads the people to choose from and starts a draft at now; call when the screen appears. */
    suspend fun load() {
        val token = session.token()
        val people = try {
            session.diary().people()
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
            return
        }
        session.publishIf(token) {
            _state.update { s -> if (s.review == null) fresh(people = people) else s.copy(people = people) }
        }
    }

    /** Starts a new capture with the time set to now. */
    fun reset() = _state.update { fresh(people = it.people) }

    /** Sets the local date. */
    fun setDate(date: LocalDate) = edit { withDate(date) }

    /** Sets the local time (seconds dropped). */
    fun setTime(time: LocalTime) = edit { withTime(time) }

    /** Marks the time as a best recollection. */
    fun setApproximate(approximate: Boolean) = edit { copy(approximate = approximate) }

    /** Answers the clock-change question with one of its choices. */
    fun answerClock(answer: ClockAnswer) = edit { copy(clock = answer) }

    /** Picks a category chip (picking the chosen one again clears it). */
    fun toggleCategory(category: Category) = edit { toggled(category) }

    /** Picks the person, or none. */
    fun setPerson(seq: ULong?) = edit { withPerson(seq) }

    /** Sets the place. */
    fun setPlace(text: String) = edit { copy(place = text) }

    /** Sets the short note: one line, what happened. */
    fun setNote(text: String) = edit { copy(summary = text) }

    /** Sets the details (full form). */
    fun setDetails(text: String) = edit { copy(details = text) }

    /** Sets fear 0–10, or null for "not given". */
    fun setFear(value: Int?) = edit { copy(fear = value?.coerceIn(0, 255)?.toUByte()) }

    /** Adds a photo or screenshot, bytes exactly as captured. */
    fun attachPhoto(bytes: ByteArray, fileName: String? = null, mediaType: String? = null) =
        _state.update { it.copy(photos = it.photos + PendingPhoto(bytes, fileName, mediaType)) }

    /** Removes the photo at [index]. */
    fun removePhoto(index: Int) =
        _state.update { s -> s.copy(photos = s.photos.filterIndexed { i, _ -> i != index }) }

    /** Saves the incident (photos first); returns its entry number, or null with the errors shown. */
    suspend fun save(): ULong? {
        val s = _state.value
        if (s.busy) return null
        _state.update { it.copy(busy = true, message = null) }
        return try {
            val diary = session.diary()
            val review = diary.reviewIncident(s.draft, clock.instant())
            // Nothing is stored, not even the photos, until the draft holds.
            if (!review.ready) {
                _state.update { it.copy(busy = false, review = review, showErrors = true) }
                return null
            }
            val attachments = s.photos.map { diary.attachBytes(it.bytes, it.fileName, it.mediaType) }
            when (val outcome = diary.saveIncident(s.draft.copy(attachments = s.draft.attachments + attachments), clock.instant())) {
                is FormOutcome.Saved -> {
                    _state.update { fresh(lastSaved = outcome.seq, message = Text.CAPTURE_SAVED, people = it.people) }
                    outcome.seq
                }
                is FormOutcome.Refused -> {
                    _state.update { it.copy(busy = false, review = review.copy(errors = outcome.errors), showErrors = true) }
                    null
                }
            }
        } catch (e: Exception) {
            _state.update { it.copy(busy = false, message = messageFor(e)) }
            null
        }
    }

    /**
     * Adds [details] to incident [seq] as a correction: the quick record stays sealed as
     * it was, and its history shows when the details came.
     */
    suspend fun addDetails(seq: ULong, details: String): ULong? = try {
        val outcome = session.diary().addDetails(seq, details)
        (outcome as? FormOutcome.Saved)?.seq.also {
            _state.update { s -> if (it != null) s.copy(message = Text.CAPTURE_DETAILS_SAVED) else s.copy(review = s.review?.copy(errors = outcome.errors), showErrors = true) }
        }
    } catch (e: Exception) {
        _state.update { it.copy(message = messageFor(e)) }
        null
    }

    override fun clear() {
        _state.value = CaptureState()
    }
}
