// ResourceStrings: the desktop build's reading of the app's Android string resources (the
// same res/values*/strings*.xml files the phone uses, copied onto the classpath by the
// Maven build), so both builds show the same words. A string missing from a translation
// falls back to English, as Android does.
package app.tally.desktop

import app.tally.screens.Strings
import java.io.InputStream
import java.util.Locale
import javax.xml.XMLConstants
import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Element

/** The classpath folder the Maven build copies android/app/src/main/res into. */
private const val RES = "tally-res"

/** The string files of one values folder, in the order they are read. */
private val FILES = listOf("strings.xml", "strings_screens.xml")

/** Strings for [locale], read from the app's resources; English fills any gap. */
class ResourceStrings(override val locale: Locale) : Strings {
    private val table: Map<String, String> = buildMap {
        putAll(read("values"))
        if (locale.language != "en") putAll(read("values-${locale.language}"))
    }

    /** Every string name this locale has (English included). */
    val names: Set<String> get() = table.keys

    override fun text(resName: String, vararg args: Any): String {
        val raw = table[resName] ?: return resName
        return if (args.isEmpty()) raw else String.format(locale, raw, *args)
    }

    private fun read(folder: String): Map<String, String> = buildMap {
        for (file in FILES) {
            val stream = ResourceStrings::class.java.classLoader.getResourceAsStream("$RES/$folder/$file") ?: continue
            stream.use { putAll(parse(it)) }
        }
    }

    companion object {
        /** Parses one strings.xml: `<string name="…">…</string>`, with Android's escapes undone. */
        fun parse(input: InputStream): Map<String, String> {
            val factory = DocumentBuilderFactory.newInstance().apply {
                // Our own files, but no reason to let any XML reach out.
                setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true)
                setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
            }
            val nodes = factory.newDocumentBuilder().parse(input).getElementsByTagName("string")
            return (0 until nodes.length).associate { i ->
                val e = nodes.item(i) as Element
                e.getAttribute("name") to unescape(e.textContent)
            }
        }

        /** Android resource escapes: `\'`, `\"`, `\n`, `\t`, `\@`, `\?`, `\\`. */
        private fun unescape(s: String): String = buildString {
            var i = 0
            while (i < s.length) {
                val c = s[i]
                if (c == '\\' && i + 1 < s.length) {
                    when (val n = s[i + 1]) {
                        'n' -> append('\n')
                        't' -> append('\t')
                        else -> append(n)
                    }
                    i += 2
                } else {
                    append(c)
                    i++
                }
            }
        }
    }
}
