// QuickCapturePresenter: record what just happened in seconds — time pre-filled from the
// clock and adjustable, a category chip, a person, a place, a short note, a fear slider,
// photos — then add the details later as an amendment (the quick record keeps its sealed
// time; the details are a correction the history shows). The full incident form uses the
// same presenter with the details field filled before saving.
//
// Time: the incident is stored as local time *with its offset* (RFC 3339), because "21:30
// at home" is the evidence. The offset comes from the zone's rules for that date, not from
// today: a January evening in Europe/London is +00:00 even when saved in July. A local time
// the clocks skipped is refused; one that happened twice asks which.
package app.tally.ui

import app.tally.ffi.AttachmentRef
import app.tally.ffi.Category
import app.tally.ffi.EntryBody
import app.tally.ffi.EntryContent
import app.tally.ffi.Impact
import app.tally.ffi.Incident
import app.tally.ffi.Occurred
import app.tally.ffi.Place
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.time.Clock
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.temporal.ChronoUnit

/** RFC 3339 with a numeric offset always (`+00:00`, never `Z`), as the diary stores it. */
internal val RFC3339: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")

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
    /** Local date of the incident. */
    val date: LocalDate,
    /** Local time of the incident (minutes). */
    val time: LocalTime,
    /** The time is a best recollection. */
    val approximate: Boolean = false,
    /** The chosen category chip. */
    val category: Category? = null,
    /** The chosen person (entry number), if any. */
    val person: ULong? = null,
    /** The people to choose from. */
    val people: List<PersonChoice> = emptyList(),
    /** Where, in the victim's words. */
    val place: String = "",
    /** One line: what happened. */
    val note: String = "",
    /** More detail (the full form; or later, as an amendment). */
    val details: String = "",
    /** Fear, 0–10, or null when not given. */
    val fear: Int? = null,
    /** Photos to attach. */
    val photos: List<PendingPhoto> = emptyList(),
    /** This local time happened twice (clocks went back): which one is meant. */
    val timeHappenedTwice: Boolean = false,
    /** When [timeHappenedTwice], the second occurrence is meant. */
    val secondOccurrence: Boolean = false,
    /** Saving. */
    val busy: Boolean = false,
    /** The last incident saved here, for "add details". */
    val lastSaved: ULong? = null,
    /** A message to show (saved, or what is missing). */
    val message: Text? = null,
)

/** A person to pick: entry number and name. */
data class PersonChoice(val seq: ULong, val name: String)

/** State and actions of quick capture and the full incident form. */
class QuickCapturePresenter(
    private val session: Session,
    private val clock: Clock,
    private val zone: ZoneId,
) : Clearable {
    private val _state = MutableStateFlow(fresh())

    /** What the screen shows. */
    val state: StateFlow<CaptureState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    private fun fresh(lastSaved: ULong? = null, message: Text? = null): CaptureState {
        val now = LocalDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.MINUTES)
        return CaptureState(date = now.toLocalDate(), time = now.toLocalTime(), lastSaved = lastSaved, message = message)
            .withOffsetQuestion()
    }

    private fun CaptureState.withOffsetQuestion(): CaptureState {
        val twice = zone.rules.getValidOffsets(LocalDateTime.of(date, time)).size == 2
        return copy(timeHappenedTwice = twice, secondOccurrence = twice && secondOccurrence)
    }

    /** Loads the people to choose from; call when the screen appears. */
    suspend fun load() {
        val token = session.token()
        val people = try {
            loadPeople(session.diary())
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
            return
        }
        session.publishIf(token) { _state.update { it.copy(people = people) } }
    }

    /** Starts a new capture with the time set to now. */
    fun reset() {
        _state.update { fresh().copy(people = it.people) }
    }

    /** Sets the local date. */
    fun setDate(date: LocalDate) = _state.update { it.copy(date = date, message = null).withOffsetQuestion() }

    /** Sets the local time (seconds dropped). */
    fun setTime(time: LocalTime) =
        _state.update { it.copy(time = time.truncatedTo(ChronoUnit.MINUTES), message = null).withOffsetQuestion() }

    /** Marks the time as a best recollection. */
    fun setApproximate(approximate: Boolean) = _state.update { it.copy(approximate = approximate) }

    /** For a time that happened twice: whether the second occurrence is meant. */
    fun setSecondOccurrence(second: Boolean) = _state.update { it.copy(secondOccurrence = second && it.timeHappenedTwice) }

    /** Picks a category chip (picking the chosen one again clears it). */
    fun toggleCategory(category: Category) =
        _state.update { it.copy(category = if (it.category == category) null else category, message = null) }

    /** Picks the person, or none. */
    fun setPerson(seq: ULong?) = _state.update { it.copy(person = seq) }

    /** Sets the place. */
    fun setPlace(text: String) = _state.update { it.copy(place = text) }

    /** Sets the short note. */
    fun setNote(text: String) = _state.update { it.copy(note = text, message = null) }

    /** Sets the details (full form). */
    fun setDetails(text: String) = _state.update { it.copy(details = text) }

    /** Sets fear 0–10 (clamped), or null for "not given". */
    fun setFear(value: Int?) = _state.update { it.copy(fear = value?.coerceIn(0, 10)) }

    /** Adds a photo or screenshot, bytes exactly as captured. */
    fun attachPhoto(bytes: ByteArray, fileName: String? = null, mediaType: String? = null) =
        _state.update { it.copy(photos = it.photos + PendingPhoto(bytes, fileName, mediaType)) }

    /** Removes the photo at [index]. */
    fun removePhoto(index: Int) =
        _state.update { s -> s.copy(photos = s.photos.filterIndexed { i, _ -> i != index }) }

    /**
     * The incident's start as stored: local date and time with the zone's offset on that
     * date. Null with a message when the time does not exist or is in the future.
     */
    fun occurredStart(s: CaptureState = _state.value): Pair<String?, Text?> {
        val local = LocalDateTime.of(s.date, s.time)
        val offsets = zone.rules.getValidOffsets(local)
        val offset = when (offsets.size) {
            0 -> return null to Text.CAPTURE_TIME_SKIPPED
            1 -> offsets[0]
            // Clocks went back: the list is [before the change, after it].
            else -> if (s.secondOccurrence) offsets[1] else offsets[0]
        }
        val at = OffsetDateTime.of(local, offset)
        // A minute's grace: the time shown was "now" when the screen opened.
        if (at.toInstant().isAfter(clock.instant().plusSeconds(60))) return null to Text.CAPTURE_FUTURE
        return at.format(RFC3339) to null
    }

    /** Saves the incident (photos first); returns its entry number, or null with a message. */
    suspend fun save(): ULong? {
        val s = _state.value
        if (s.busy) return null
        val category = s.category ?: return fail(Text.CAPTURE_NEED_CATEGORY)
        val note = s.note.trim()
        if (note.isEmpty()) return fail(Text.CAPTURE_NEED_NOTE)
        val (start, problem) = occurredStart(s)
        if (start == null) return fail(problem ?: Text.ERROR_GENERIC)
        _state.update { it.copy(busy = true, message = null) }
        return try {
            val diary = session.diary()
            val attachments: List<AttachmentRef> = s.photos.map { diary.attachBytes(it.bytes, it.fileName, it.mediaType) }
            val incident = Incident(
                occurred = Occurred(start = start, approximate = s.approximate),
                category = category,
                summary = note,
                people = listOfNotNull(s.person),
                place = s.place.trim().takeIf { it.isNotEmpty() }?.let { Place(text = it) },
                details = s.details.trim().takeIf { it.isNotEmpty() },
                impact = s.fear?.let { Impact(fear = it.toUByte()) },
                attachments = attachments,
            )
            val seq = diary.addIncident(incident)
            _state.update { fresh(lastSaved = seq, message = Text.CAPTURE_SAVED).copy(people = it.people) }
            seq
        } catch (e: Exception) {
            _state.update { it.copy(busy = false) }
            fail(messageFor(e))
        }
    }

    /**
     * Adds [details] to incident [seq] as an amendment: the quick record stays sealed as
     * it was, and its history shows when the details came.
     */
    suspend fun addDetails(seq: ULong, details: String): ULong? {
        val text = details.trim()
        if (text.isEmpty()) return null
        return try {
            val diary = session.diary()
            val current = (diary.get(seq).current as? EntryBody.Incident)?.incident ?: return fail(Text.ERROR_GENERIC)
            val merged = listOfNotNull(current.details, text).joinToString("\n\n")
            val amendment = diary.amend(seq, EntryContent.Incident(current.copy(details = merged)), "details added after quick capture")
            _state.update { it.copy(message = Text.CAPTURE_DETAILS_SAVED) }
            amendment
        } catch (e: Exception) {
            fail(messageFor(e))
        }
    }

    private fun fail(message: Text): ULong? {
        _state.update { it.copy(message = message) }
        return null
    }

    override fun clear() {
        _state.value = fresh()
    }
}
