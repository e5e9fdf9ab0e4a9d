// RecordsPresenter: the people, orders and police-contact screens — each a list of its
// entries and a short form to add one. One class, parameterised by kind, because the
// three screens behave the same; the forms' fields differ and are plain data here.
package app.tally.ui

import app.tally.ffi.ContactMethod
import app.tally.ffi.EntryKind
import app.tally.ffi.ListFilter
import app.tally.ffi.Order
import app.tally.ffi.OrderType
import app.tally.ffi.Person
import app.tally.ffi.PoliceContact
import app.tally.ffi.Relationship
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.time.Clock
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.ZoneId
import java.time.temporal.ChronoUnit

/** One row of a records list. */
data class RecordRow(
    /** Entry number. */
    val seq: ULong,
    /** Name, reference … */
    val title: String,
    /** Label resource of its type (relationship, order type, contact method). */
    val label: String?,
    /** Its local date, if dated. */
    val day: LocalDate?,
)

/** What a records screen shows. */
data class RecordsState(
    /** The entries, newest first. */
    val rows: List<RecordRow> = emptyList(),
    /** People, for the order form's person picker. */
    val people: List<PersonChoice> = emptyList(),
    /** A message to show. */
    val message: Text? = null,
)

/** The people, orders or police-contacts screen ([kind] says which). */
class RecordsPresenter(
    private val session: Session,
    private val kind: EntryKind,
    private val clock: Clock,
    private val zone: ZoneId,
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
            val rows = diary.list(ListFilter(kinds = listOf(kind))).map { v ->
                RecordRow(v.seq, titleOf(v.current), labelOf(v.current), whenOf(v.current, v.recordedAt, zone)?.day)
            }.reversed()
            val people = loadPeople(diary)
            session.publishIf(token) { _state.value = RecordsState(rows, people) }
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
        }
    }

    /** Adds a person. */
    suspend fun addPerson(name: String, relationship: Relationship, description: String = ""): ULong? {
        if (name.isBlank()) return fail(Text.RECORD_NEED_NAME)
        return add { session.diary().addPerson(Person(name = name.trim(), relationship = relationship, description = description.trim().ifEmpty { null })) }
    }

    /** Adds an order binding [person] from [start] (to [end], if it ends). */
    suspend fun addOrder(type: OrderType, person: ULong?, start: LocalDate, end: LocalDate?, reference: String = ""): ULong? {
        if (person == null) return fail(Text.RECORD_NEED_PERSON)
        if (end != null && end.isBefore(start)) return fail(Text.RECORD_BAD_DATE)
        return add {
            session.diary().addOrder(Order(orderType = type, person = person, start = start.toString(), end = end?.toString(), reference = reference.trim().ifEmpty { null }))
        }
    }

    /** Adds a police contact, at now unless [at] is given. */
    suspend fun addPoliceContact(
        method: ContactMethod?,
        reference: String = "",
        officer: String = "",
        force: String = "",
        reported: List<ULong> = emptyList(),
        at: OffsetDateTime = OffsetDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.MINUTES),
    ): ULong? = add {
        session.diary().addPoliceContact(
            PoliceContact(
                at = at.format(RFC3339),
                method = method,
                force = force.trim().ifEmpty { null },
                reference = reference.trim().ifEmpty { null },
                officer = officer.trim().ifEmpty { null },
                reported = reported,
            ),
        )
    }

    private suspend fun add(call: suspend () -> ULong): ULong? = try {
        call().also {
            refresh()
            _state.update { s -> s.copy(message = Text.RECORD_SAVED) }
        }
    } catch (e: Exception) {
        fail(messageFor(e))
    }

    private fun fail(message: Text): ULong? {
        _state.update { it.copy(message = message) }
        return null
    }

    override fun clear() {
        _state.value = RecordsState()
    }
}
