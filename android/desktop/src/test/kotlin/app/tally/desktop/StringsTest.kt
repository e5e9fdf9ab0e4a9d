// Every string name the shared screens use exists in English, and the Welsh draft shows
// Welsh where it has a translation and English where it has none.
package app.tally.desktop

import java.io.File
import java.util.Locale
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test

class StringsTest {
    private val screens = File(System.getProperty("tally.screens.dir") ?: "../screens/src/main/kotlin")

    @Test
    fun every_string_a_screen_names_exists_in_english() {
        assertTrue(screens.isDirectory, "missing $screens")
        val named = screens.walk().filter { it.extension == "kt" }
            .flatMap { Regex("""\bt\("([a-z0-9_]+)"""").findAll(it.readText()).map { m -> m.groupValues[1] } }
            .toSet()
        assertTrue(named.isNotEmpty(), "found the t(\"…\") calls")
        assertEquals(emptyList(), (named - EN.names).sorted())
        assertEquals(emptyList(), app.tally.screens.Route.entries.map { it.title }.filter { it !in EN.names }, "every screen's title")
    }

    @Test
    fun welsh_shows_its_translations_and_english_where_it_has_none() {
        val cy = ResourceStrings(Locale.forLanguageTag("cy"))
        assertEquals("Datgloi eich dyddiadur", cy.text("unlock_title"))
        assertEquals(EN.text("summary_title"), cy.text("summary_title"))
        assertEquals("Fear 7 out of 10", EN.text("capture_fear_value", 7))
        assertEquals("The phone's storage could not be read or written.", EN.text("error_storage"))
    }
}
