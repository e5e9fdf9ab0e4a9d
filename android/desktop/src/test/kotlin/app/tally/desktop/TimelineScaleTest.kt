// A diary of hundreds of entries: the timeline is a lazy list of the core's day groups, so
// it composes only the rows on screen, shows rows that arrive after its first layout, and
// scrolls to the oldest entry.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.hasTestTag
import app.tally.ffi.Category
import app.tally.ffi.Impact
import app.tally.ffi.Incident
import app.tally.ffi.Occurred
import app.tally.screens.TIMELINE_LIST
import app.tally.screens.TIMELINE_ROW
import java.time.Instant
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

private const val ENTRIES = 300

class TimelineScaleTest {
    @Test
    fun hundreds_of_entries_compose_only_what_is_on_screen_and_the_oldest_is_a_scroll_away() = tally { w ->
        createDiary()
        tap(en("nav_timeline"))
        waitFor(en("timeline_filters_show"))
        // The entries arrive after the list's first layout, as they do after an unlock.
        runBlocking {
            val diary = w.presenters.session.diary()
            val first = Instant.parse("2025-01-01T09:00:00Z")
            for (n in 1..ENTRIES) {
                val at = first.plusSeconds(n * 6L * 3600).toString().replace("Z", "+00:00")
                diary.addIncident(Incident(occurred = Occurred(start = at), category = Category.MESSAGE, summary = "Message number $n", impact = Impact()))
            }
            w.presenters.timeline.refresh()
        }
        waitFor("Message: Message number $ENTRIES")
        val composed = onAllNodes(hasTestTag(TIMELINE_ROW)).fetchSemanticsNodes().size
        assertTrue(composed in 1..40, "only the rows on screen are composed, not all $ENTRIES ($composed were)")
        scrollListTo(TIMELINE_LIST, "Message: Message number 1")
        assertTrue(shows("Message: Message number 1"), "the oldest entry is reached by scrolling")
    }
}
