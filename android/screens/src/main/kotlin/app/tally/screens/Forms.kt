// Forms: the fields of each of the core's drafts — an incident (quick capture, the full
// form, a correction), a person, an order, a police contact — laid out once and used by the
// screens that create and the one that corrects. Each problem the core finds is shown in
// its words right under the field it names; the clock-change question is a choice beside
// the time it is about. Every edit goes through the draft edits in ui-logic's Drafts.kt.
@file:OptIn(ExperimentalLayoutApi::class)

package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.heightIn
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.tally.ffi.Choices
import app.tally.ffi.ClockAnswer
import app.tally.ffi.Field
import app.tally.ffi.FieldError
import app.tally.ffi.IncidentDraft
import app.tally.ffi.OrderDraft
import app.tally.ffi.PersonDraft
import app.tally.ffi.PersonRef
import app.tally.ffi.PoliceContactDraft
import app.tally.ffi.Review
import app.tally.ffi.TimelineItem
import app.tally.ui.Text as Key
import app.tally.ui.dateOf
import app.tally.ui.noContact
import app.tally.ui.stayAway
import app.tally.ui.timeOf
import app.tally.ui.toggled
import app.tally.ui.toggledReported
import app.tally.ui.withDate
import app.tally.ui.withEndDate
import app.tally.ui.withEndTime
import app.tally.ui.withNoContact
import app.tally.ui.withPerson
import app.tally.ui.withStayAway
import app.tally.ui.withTime
import java.time.LocalDate
import java.time.LocalTime
import kotlin.math.roundToInt

/** The fields the incident form shows problems beside; any other problem shows by its Save. */
val INCIDENT_FIELDS = setOf(
    Field.DATE, Field.TIME, Field.END_DATE, Field.END_TIME, Field.CATEGORY, Field.PEOPLE, Field.PLACE,
    Field.SUMMARY, Field.DETAILS, Field.FEAR, Field.IMPACT_NOTES,
)

/** The fields the person form shows problems beside. */
val PERSON_FIELDS = setOf(Field.NAME, Field.RELATIONSHIP)

/** The fields the order form shows problems beside. */
val ORDER_FIELDS = setOf(Field.ORDER_TYPE, Field.BOUND_PERSON, Field.START_DATE, Field.END_DAY, Field.CONDITIONS, Field.REFERENCE)

/** The fields the police-contact form shows problems beside. */
val POLICE_FIELDS = setOf(Field.DATE, Field.TIME, Field.REFERENCE, Field.REPORTED)

/**
 * What the Save button says after a refused save: that the fields marked above need
 * fixing (they may be scrolled out of sight), and any problem with a field the form does
 * not show (the core's catch-all) in full.
 */
@Composable
fun SaveProblems(errors: List<FieldError>, shown: Set<Field>) {
    if (errors.any { it.field in shown }) Notice(t("form_fix_above"), error = true)
    val rest = errors.filter { it.field !in shown }
    if (rest.isNotEmpty()) FieldProblems(rest, *rest.map { it.field }.distinct().toTypedArray())
}

/**
 * When something happened: the time the core would store (its words, with the offset), the
 * buttons to change the date and the time, their problems, and the clock-change question
 * when the clocks made that local time happen twice or never.
 */
@Composable
private fun When(
    date: String,
    time: String,
    clock: ClockAnswer?,
    review: Review?,
    errors: List<FieldError>,
    platform: Platform,
    onDate: (LocalDate) -> Unit,
    onTime: (LocalTime) -> Unit,
    onAnswer: (ClockAnswer) -> Unit,
) {
    Label(t(Key.CAPTURE_WHEN))
    Text(review?.start?.text ?: "$date $time", style = MaterialTheme.typography.titleMedium)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        DateButton(platform, t(Key.CAPTURE_CHANGE_DATE), dateOf(date)) { d -> d?.let(onDate) }
        TimeButton(platform, t(Key.CAPTURE_CHANGE_TIME), timeOf(time), onPick = onTime)
    }
    FieldProblems(errors, Field.DATE, Field.TIME)
    ClockQuestionChoice(review?.clockQuestion, clock, onAnswer)
}

/**
 * An incident's fields: when (with the clock-change question), what kind, who, where, what
 * happened and how frightened; the [full] form adds how long, the details and the effect on
 * daily life. [review] is the core's reading of [draft]; [errors] the problems to show now.
 */
@Composable
fun IncidentFields(
    draft: IncidentDraft,
    review: Review?,
    errors: List<FieldError>,
    choices: Choices,
    people: List<PersonRef>,
    full: Boolean,
    platform: Platform,
    edit: (IncidentDraft.() -> IncidentDraft) -> Unit,
) {
    When(draft.date, draft.time, draft.clock, review, errors, platform, { d -> edit { withDate(d) } }, { tm -> edit { withTime(tm) } }) { a ->
        edit { copy(clock = a) }
    }
    CheckRow(draft.approximate, t(Key.CAPTURE_APPROXIMATE)) { a -> edit { copy(approximate = a) } }
    if (full) {
        Label(t("incident_until"))
        review?.end?.let { Text(it.text, style = MaterialTheme.typography.titleMedium) }
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            DateButton(platform, t("incident_end_date"), dateOf(draft.endDate)) { d -> edit { withEndDate(d) } }
            TimeButton(platform, t("incident_end_time"), timeOf(draft.endTime)) { tm -> edit { withEndTime(tm) } }
            if (draft.endDate.isNotEmpty() || draft.endTime.isNotEmpty()) {
                SecondaryButton(t("incident_no_end")) { edit { withEndDate(null).withEndTime(null) } }
            }
        }
        FieldProblems(errors, Field.END_DATE, Field.END_TIME)
        ClockQuestionChoice(review?.endClockQuestion, draft.endClock) { a -> edit { copy(endClock = a) } }
    }
    // What happened, in her words, before the long list of categories: in a hurry, a few
    // words and one chip are enough, and both should be in sight without scrolling far.
    WordsField(draft.summary, t(Key.CAPTURE_NOTE), errors, Field.SUMMARY) { v -> edit { copy(summary = v) } }
    Label(t(Key.CAPTURE_CATEGORY))
    ChoiceChips(choices.categories.map { it.value to it.label }, { it == draft.category }) { c -> edit { toggled(c) } }
    FieldProblems(errors, Field.CATEGORY)
    Label(t(Key.CAPTURE_PERSON))
    PersonPicker(people, draft.people.firstOrNull(), Key.CAPTURE_PERSON_NONE) { p -> edit { withPerson(p) } }
    FieldProblems(errors, Field.PEOPLE)
    WordsField(draft.place, t(Key.CAPTURE_PLACE), errors, Field.PLACE) { v -> edit { copy(place = v) } }
    if (full) {
        WordsField(draft.details, t(Key.CAPTURE_DETAILS), errors, Field.DETAILS, minLines = 4) { v -> edit { copy(details = v) } }
    }
    val fear = draft.fear?.toInt()
    Label(if (fear == null) t(Key.CAPTURE_FEAR) else t(Key.CAPTURE_FEAR_VALUE, fear))
    val fearLabel = t("fear_slider")
    Slider(
        value = (fear ?: 0).toFloat(),
        onValueChange = { v -> edit { copy(fear = v.roundToInt().coerceIn(0, 10).toUByte()) } },
        valueRange = 0f..10f,
        steps = 9,
        modifier = Modifier.heightIn(min = TARGET).semantics { contentDescription = fearLabel },
    )
    FieldProblems(errors, Field.FEAR)
    if (full) {
        Label(t("incident_changes"))
        ChoiceChips(choices.lifeChanges.map { it.value to it.label }, { it in draft.changes }) { c -> edit { toggled(c) } }
        WordsField(draft.impactNotes, t("incident_impact_notes"), errors, Field.IMPACT_NOTES, minLines = 2) { v -> edit { copy(impactNotes = v) } }
    }
}

/** A person's fields: who they are, how the victim knows them, and what came before. */
@Composable
fun PersonFields(draft: PersonDraft, errors: List<FieldError>, choices: Choices, edit: (PersonDraft.() -> PersonDraft) -> Unit) {
    WordsField(draft.name, t(Key.PEOPLE_NAME), errors, Field.NAME) { v -> edit { copy(name = v) } }
    Label(t(Key.PEOPLE_RELATIONSHIP))
    ChoiceChips(choices.relationships.map { it.value to it.label }, { it == draft.relationship }) { r -> edit { copy(relationship = r) } }
    FieldProblems(errors, Field.RELATIONSHIP)
    WordsField(draft.description, t(Key.PEOPLE_DESCRIPTION), minLines = 2) { v -> edit { copy(description = v) } }
    WordsField(draft.previousHarassment, t("people_previous_harassment"), minLines = 2) { v -> edit { copy(previousHarassment = v) } }
    WordsField(draft.previousViolence, t("people_previous_violence"), minLines = 2) { v -> edit { copy(previousViolence = v) } }
}

/** An order's fields: what kind, whom it binds, when it runs, what it forbids, its reference. */
@Composable
fun OrderFields(
    draft: OrderDraft,
    errors: List<FieldError>,
    choices: Choices,
    people: List<PersonRef>,
    platform: Platform,
    edit: (OrderDraft.() -> OrderDraft) -> Unit,
) {
    Label(t(Key.ORDERS_TYPE))
    ChoiceChips(choices.orderTypes.map { it.value to it.label }, { it == draft.orderType }) { o -> edit { copy(orderType = o) } }
    FieldProblems(errors, Field.ORDER_TYPE)
    Label(t("orders_person"))
    PersonPicker(people, draft.person, Key.CAPTURE_PERSON_NONE) { p -> edit { copy(person = p) } }
    FieldProblems(errors, Field.BOUND_PERSON)
    val start = dateOf(draft.start)
    val end = dateOf(draft.end)
    DateButton(platform, t(Key.ORDERS_START) + (start?.let { ": " + shortDate(it) } ?: ""), start) { d -> edit { copy(start = d?.toString().orEmpty()) } }
    FieldProblems(errors, Field.START_DATE)
    DateButton(platform, t(Key.ORDERS_END) + (end?.let { ": " + shortDate(it) } ?: ""), end) { d -> edit { copy(end = d?.toString().orEmpty()) } }
    FieldProblems(errors, Field.END_DAY)
    CheckRow(draft.noContact, t("orders_no_contact")) { on -> edit { withNoContact(on) } }
    WordsField(draft.stayAway, t("orders_stay_away")) { v -> edit { withStayAway(v) } }
    FieldProblems(errors, Field.CONDITIONS)
    WordsField(draft.reference, t(Key.ORDERS_REFERENCE), errors, Field.REFERENCE) { v -> edit { copy(reference = v) } }
}

/**
 * A police contact's fields: when (with the clock-change question), how, the reference and
 * officer, the advice given, and which incidents were reported. [review] is the core's
 * reading of [draft] as typed.
 */
@Composable
fun PoliceFields(
    draft: PoliceContactDraft,
    review: Review?,
    errors: List<FieldError>,
    choices: Choices,
    incidents: List<TimelineItem>,
    platform: Platform,
    edit: (PoliceContactDraft.() -> PoliceContactDraft) -> Unit,
) {
    When(draft.date, draft.time, draft.clock, review, errors, platform, { d -> edit { withDate(d) } }, { tm -> edit { withTime(tm) } }) { a ->
        edit { copy(clock = a) }
    }
    Label(t(Key.POLICE_METHOD))
    ChoiceChips(choices.methods.map { it.value to it.label }, { it == draft.method }) { m -> edit { copy(method = if (method == m) null else m) } }
    WordsField(draft.reference, t(Key.POLICE_REFERENCE), errors, Field.REFERENCE) { v -> edit { copy(reference = v) } }
    WordsField(draft.officer, t(Key.POLICE_OFFICER)) { v -> edit { copy(officer = v) } }
    WordsField(draft.force, t(Key.POLICE_FORCE)) { v -> edit { copy(force = v) } }
    WordsField(draft.advice, t("police_advice"), minLines = 2) { v -> edit { copy(advice = v) } }
    if (incidents.isNotEmpty()) {
        Label(t("police_reported"))
        Column {
            for (i in incidents) CheckRow(i.seq in draft.reported, i.headline) { edit { toggledReported(i.seq) } }
        }
    }
    FieldProblems(errors, Field.REPORTED)
}
