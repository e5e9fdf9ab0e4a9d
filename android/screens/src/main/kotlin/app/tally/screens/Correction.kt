// Correction: correcting an entry with the fields of its own form, filled with what it says
// now, and the reason for the correction. Saving seals a new version; the entry made first
// stays in the history as it was. What can be corrected, and every problem, are the core's.
package app.tally.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Surface
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.tally.ffi.DraftContent
import app.tally.ffi.Field
import kotlinx.coroutines.launch

@Composable
internal fun CorrectionScreen(p: Presenters, platform: Platform, onSaved: (ULong) -> Unit) {
    val correction = p.correction
    val state by correction.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    val choices = remember(p) { p.choices() }
    LaunchedEffect(state.saved) { state.target?.let { target -> if (state.saved != null) onSaved(target) } }
    val draft = state.draft
    val errors = state.errors
    val shown = when (draft?.content) {
        is DraftContent.Incident -> INCIDENT_FIELDS
        is DraftContent.Person -> PERSON_FIELDS
        is DraftContent.Order -> ORDER_FIELDS
        is DraftContent.PoliceContact -> POLICE_FIELDS
        null -> emptySet()
    } + Field.REASON
    Column(Modifier.fillMaxSize()) {
        Column(
            Modifier.weight(1f).verticalScroll(rememberScrollState()).padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            Message(state.message, error = true)
            for (e in state.refused) Notice(e.text, error = true)
            if (draft == null) return@Column
            Notice(t("correct_explain"))
            when (val content = draft.content) {
                is DraftContent.Incident ->
                    IncidentFields(content.v1, state.review, errors, choices, state.people, full = true, platform, correction::editIncident)
                is DraftContent.Person -> PersonFields(content.v1, errors, choices, correction::editPerson)
                is DraftContent.Order -> OrderFields(content.v1, errors, choices, state.people, platform, correction::editOrder)
                is DraftContent.PoliceContact ->
                    PoliceFields(content.v1, state.review, errors, choices, emptyList(), platform, correction::editPoliceContact)
            }
            WordsField(draft.reason, t("correct_reason"), errors, Field.REASON, minLines = 2, onChange = correction::setReason)
        }
        if (draft != null) {
            Surface(tonalElevation = 3.dp, modifier = Modifier.fillMaxWidth()) {
                Column(Modifier.padding(horizontal = 16.dp, vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    SaveProblems(state.errors - state.refused.toSet(), shown)
                    PrimaryButton(t("correct_save")) { scope.launch { correction.save() } }
                }
            }
        }
    }
}
