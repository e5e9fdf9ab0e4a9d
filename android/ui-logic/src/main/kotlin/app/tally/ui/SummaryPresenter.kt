// SummaryPresenter: the officers' course-of-conduct summary the core computes (totals by
// category, the period, and its indicator sentences), for the victim to see before a
// statement or an export. Nothing is computed here: the numbers are the core's.
package app.tally.ui

import app.tally.ffi.Category
import app.tally.ffi.SummaryFilter
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.time.LocalDate

/** What the summary screen shows. */
data class SummaryState(
    /** Only incidents naming this person. */
    val person: ULong? = null,
    /** People to choose from. */
    val people: List<PersonChoice> = emptyList(),
    /** Incidents counted. */
    val incidentsTotal: Int = 0,
    /** First and last dates of the recorded events. */
    val period: Pair<LocalDate, LocalDate>? = null,
    /** Counts by category, non-zero only, in the model's order. */
    val byCategory: List<Pair<Category, Int>> = emptyList(),
    /** The core's indicator sentences (English, written for officers). */
    val lines: List<String> = emptyList(),
    /** Loaded at least once. */
    val loaded: Boolean = false,
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
            val people = loadPeople(diary)
            val json = parseJson(diary.summaryJson(SummaryFilter(person = person))) as? Map<*, *>
                ?: throw IllegalArgumentException("summary is not an object")
            val total = (json["incidents_total"] as? Double)?.toInt() ?: 0
            val period = (json["period"] as? Map<*, *>)?.let { p ->
                val first = (p["first"] as? String)?.let(LocalDate::parse)
                val last = (p["last"] as? String)?.let(LocalDate::parse)
                if (first != null && last != null) first to last else null
            }
            val counts = json["by_category"] as? Map<*, *> ?: emptyMap<String, Any?>()
            val byCategory = Category.entries.mapNotNull { c ->
                // The core names categories in kebab case (`visit-home`).
                val n = (counts[c.name.lowercase().replace('_', '-')] as? Double)?.toInt() ?: 0
                if (n > 0) c to n else null
            }
            val lines = mutableListOf<String>()
            collectTexts(json, lines, 0)
            session.publishIf(token) { _state.value = SummaryState(person, people, total, period, byCategory, lines, loaded = true) }
        } catch (e: Exception) {
            _state.update { it.copy(message = messageFor(e)) }
        }
    }

    private fun collectTexts(v: Any?, out: MutableList<String>, depth: Int) {
        if (depth > 16) return
        when (v) {
            is Map<*, *> -> v.forEach { (k, x) -> if (k == "text" && x is String && x.isNotBlank()) out += x else collectTexts(x, out, depth + 1) }
            is List<*> -> v.forEach { collectTexts(it, out, depth + 1) }
        }
    }

    override fun clear() {
        _state.value = SummaryState()
    }
}
