// Entries: reading the bindings' entry views the way the screens need them — an entry's
// local date and time as recorded (with the offset it was recorded in), a one-line title —
// shared by the timeline, export and record screens.
package app.tally.ui

import app.tally.TallyDiary
import app.tally.ffi.EntryBody
import app.tally.ffi.EntryKind
import app.tally.ffi.ListFilter
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneId
import java.time.format.DateTimeParseException

/** When an entry happened, as the victim lived it: the recorded local date and time. */
data class LocalWhen(
    /** The local date in the offset the entry was recorded with. */
    val day: LocalDate,
    /** The local time, or null for a date-only entry (an order). */
    val time: LocalTime?,
    /** The instant, to sort by. */
    val instant: Instant,
)

/** Parses an RFC 3339 time keeping its own offset; null when malformed (never throws). */
internal fun parseOffset(s: String?): OffsetDateTime? =
    s?.let { try { OffsetDateTime.parse(it) } catch (_: DateTimeParseException) { null } }

/**
 * The entry's date and time. An incident is placed on the local date it was recorded with
 * — 00:10 on 1 April in London stays on 1 April though it was 31 March in UTC — because
 * that is the day the victim lived and the day the core's filters and summary use. A
 * date-only order falls at the start of its day in [zone].
 */
fun whenOf(body: EntryBody?, recordedAt: String?, zone: ZoneId): LocalWhen? {
    fun of(t: OffsetDateTime) = LocalWhen(t.toLocalDate(), t.toLocalTime(), t.toInstant())
    return when (body) {
        is EntryBody.Incident -> parseOffset(body.incident.occurred.start)?.let(::of)
        is EntryBody.PoliceContact -> parseOffset(body.contact.at)?.let(::of)
        is EntryBody.MessageLog -> (parseOffset(body.log.messages.firstOrNull()?.at) ?: parseOffset(recordedAt))?.let(::of)
        is EntryBody.Order -> runCatching { LocalDate.parse(body.order.start) }.getOrNull()
            ?.let { LocalWhen(it, null, it.atStartOfDay(zone).toInstant()) }
        else -> parseOffset(recordedAt)?.let(::of)
    }
}

/** One line naming the entry (the victim's own words where there are any). */
fun titleOf(body: EntryBody?): String = when (body) {
    is EntryBody.Incident -> body.incident.summary
    is EntryBody.Person -> body.person.name
    is EntryBody.Order -> body.order.reference.orEmpty()
    is EntryBody.PoliceContact -> listOfNotNull(body.contact.reference, body.contact.officer).joinToString(" · ")
    is EntryBody.MessageLog -> body.log.chosenSenders.joinToString(", ")
    else -> ""
}

/** The diary's people, for pickers. */
suspend fun loadPeople(diary: TallyDiary): List<PersonChoice> =
    diary.list(ListFilter(kinds = listOf(EntryKind.PERSON))).mapNotNull { v ->
        (v.current as? EntryBody.Person)?.let { PersonChoice(v.seq, it.person.name) }
    }

/** The label resource of the entry's type (an incident's category, an order's type). */
fun labelOf(body: EntryBody?): String? = when (body) {
    is EntryBody.Incident -> Labels.of(body.incident.category)
    is EntryBody.Order -> Labels.of(body.order.orderType)
    is EntryBody.PoliceContact -> body.contact.method?.let { Labels.of(it) }
    is EntryBody.Person -> Labels.of(body.person.relationship)
    else -> null
}
