// Drafts: the edits a form makes to the core's drafts, shared by quick capture, the full
// form, the records forms and corrections, so each rule of editing lives once. The one rule
// here is the shell's own: changing a date or time forgets the answer to the clock-change
// question, because that answer was about the old time (the core asks again if it must).
// Everything a draft means — defaults, problems, what it stores — is the core's review.
package app.tally.ui

import app.tally.ffi.Category
import app.tally.ffi.Condition
import app.tally.ffi.IncidentDraft
import app.tally.ffi.LifeChange
import app.tally.ffi.OrderDraft
import app.tally.ffi.PoliceContactDraft
import app.tally.ffi.Review
import app.tally.ffi.FieldError
import java.time.LocalDate
import java.time.LocalTime
import java.time.format.DateTimeFormatter

private val HHMM: DateTimeFormatter = DateTimeFormatter.ofPattern("HH:mm")

/** A time as the drafts take it ("21:30"; seconds dropped). */
fun draftTime(time: LocalTime): String = time.format(HHMM)

/** The draft's date, if it reads as one. */
fun dateOf(text: String): LocalDate? = runCatching { LocalDate.parse(text) }.getOrNull()

/** The draft's time, if it reads as one. */
fun timeOf(text: String): LocalTime? = runCatching { LocalTime.parse(text) }.getOrNull()

/** Happened on [date]. */
fun IncidentDraft.withDate(date: LocalDate) = copy(date = date.toString(), clock = null)

/** Happened at [time]. */
fun IncidentDraft.withTime(time: LocalTime) = copy(time = draftTime(time), clock = null)

/** Went on until [date] (null: no end). */
fun IncidentDraft.withEndDate(date: LocalDate?) = copy(endDate = date?.toString().orEmpty(), endClock = null)

/** Went on until [time] (null: no end time). */
fun IncidentDraft.withEndTime(time: LocalTime?) = copy(endTime = time?.let(::draftTime).orEmpty(), endClock = null)

/** Picks [category]; picking the chosen one again clears it. */
fun IncidentDraft.toggled(category: Category) = copy(category = if (this.category == category) null else category)

/** Adds or removes a change to daily life. */
fun IncidentDraft.toggled(change: LifeChange) = copy(changes = if (change in changes) changes - change else changes + change)

/** Names [seq] as the person, or no one. */
fun IncidentDraft.withPerson(seq: ULong?) = copy(people = listOfNotNull(seq))

/** The contact happened on [date]. */
fun PoliceContactDraft.withDate(date: LocalDate) = copy(date = date.toString(), clock = null)

/** The contact happened at [time]. */
fun PoliceContactDraft.withTime(time: LocalTime) = copy(time = draftTime(time), clock = null)

/** Adds or removes incident [seq] from what was reported. */
fun PoliceContactDraft.toggledReported(seq: ULong) = copy(reported = if (seq in reported) reported - seq else reported + seq)

/** Whether the order forbids contact. */
val OrderDraft.noContact: Boolean get() = Condition.NoContact in conditions

/** The place the order says to stay away from, or "". */
val OrderDraft.stayAway: String get() = conditions.filterIsInstance<Condition.StayAway>().firstOrNull()?.place.orEmpty()

/** Forbids contact, or not. */
fun OrderDraft.withNoContact(on: Boolean) =
    copy(conditions = conditions.filter { it != Condition.NoContact } + listOfNotNull(Condition.NoContact.takeIf { on }))

/** Says to stay away from [place] ("" for none). */
fun OrderDraft.withStayAway(place: String) =
    copy(conditions = conditions.filter { it !is Condition.StayAway } + listOfNotNull(place.takeIf { it.isNotEmpty() }?.let { Condition.StayAway(it) }))

/** [review] with the problems a refused save named (the save's word is the last). */
fun refusal(review: Review?, errors: List<FieldError>): Review =
    review?.copy(errors = errors, ready = false) ?: Review(errors = errors, clockQuestion = null, endClockQuestion = null, start = null, end = null, ready = false)
