// The disclosure plan as the export screen draws it: its summary, every entry going out
// with why, and the choices' problems. Drawn here over the real timeline's items.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.runSkikoComposeUiTest
import app.tally.ffi.Category
import app.tally.ffi.DisclosureReason
import app.tally.ffi.ExportScreen
import app.tally.ffi.Impact
import app.tally.ffi.Incident
import app.tally.ffi.Occurred
import app.tally.ffi.Person
import app.tally.ffi.PlannedItem
import app.tally.ffi.Relationship
import app.tally.screens.DisclosurePlan
import app.tally.screens.LocalStrings
import app.tally.screens.TallyTheme
import app.tally.ui.FileVault
import java.nio.file.Files
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

class DisclosurePlanTest {
    @Test
    fun the_plan_lists_every_entry_going_out_with_why_and_the_count_withheld() {
        val dir = Files.createTempDirectory("tally-plan").toFile()
        try {
            val items = runBlocking {
                FileVault(dir.resolve("case.diary"), FAST, app.tally.Device(LONDON)).create(PASSPHRASE).use { d ->
                    val sam = d.addPerson(Person(name = "Sam", relationship = Relationship.EX_PARTNER))
                    d.addIncident(Incident(occurred = Occurred(start = "2024-03-01T21:30:00+00:00"), category = Category.VISIT_HOME, summary = "At the door", people = listOf(sam), impact = Impact()))
                    d.entryList().associateBy { it.seq }
                }
            }
            val plan = ExportScreen(
                goingOut = listOf(
                    PlannedItem(items.getValue(1u), DisclosureReason.NamedBy(2u), "Named by entry 2"),
                    PlannedItem(items.getValue(2u), DisclosureReason.Chosen, "Chosen"),
                ),
                withheld = 0u,
                total = 2u,
                summary = "2 entries go out: 1 chosen, 1 person or entry they name, 0 corrections or removals. 0 are withheld: only their hashes travel.",
                errors = emptyList(),
                ready = true,
            )
            runSkikoComposeUiTest {
                setContent { CompositionLocalProvider(LocalStrings provides EN) { TallyTheme(dark = false) { DisclosurePlan(plan) } } }
                waitFor(plan.summary)
                for (going in plan.goingOut) {
                    assertTrue(shows(going.whyText), going.whyText)
                    assertTrue(shows(going.item.headline), going.item.headline)
                }
            }
        } finally {
            dir.deleteRecursively()
        }
    }
}
