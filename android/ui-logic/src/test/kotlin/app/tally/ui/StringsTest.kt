// Every fixed string a presenter can show exists in English, and the Welsh file covers the
// unlock and quick-capture screens and names no string English lacks. (Text about evidence
// comes from the core's views, tested there and in the bindings.)
package app.tally.ui

import java.io.File
import javax.xml.parsers.DocumentBuilderFactory
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test

class StringsTest {
    private val res = File(System.getProperty("tally.res.dir") ?: "android/app/src/main/res")

    private fun names(file: File): Set<String> {
        assertTrue(file.isFile, "missing $file")
        val doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file)
        val nodes = doc.getElementsByTagName("string")
        return (0 until nodes.length).map { nodes.item(it).attributes.getNamedItem("name").nodeValue }.toSet()
    }

    @Test
    fun everyKeyAndLabelHasAnEnglishString() {
        val english = names(File(res, "values/strings.xml"))
        val missing = (Text.entries.map { it.resName } + Disguise.entries.map { it.label.resName }) - english
        assertEquals(emptyList(), missing)
    }

    @Test
    fun welshCoversUnlockAndQuickCaptureAndAddsNothingEnglishLacks() {
        val english = names(File(res, "values/strings.xml"))
        val welsh = names(File(res, "values-cy/strings.xml"))
        val needed = Text.entries.map { it.resName }.filter { it.startsWith("unlock_") || it.startsWith("create_") || it.startsWith("capture_") }
        assertEquals(emptyList(), needed - welsh)
        assertEquals(emptyList(), (welsh - english).toList())
    }
}
