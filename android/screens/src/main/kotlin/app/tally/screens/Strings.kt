// Strings: the screens name every string by its resource name (app.tally.ui.Text, and a few
// names only the screens use); each platform resolves names from the one set of files
// under android/app/src/main/res/values*/ — Android through its resources, the desktop build
// by reading the same files from its classpath. What the screens say about evidence is the
// core's words, in the device's language; the few dates the screens format themselves (a
// date just picked, a week's first day) use the strings' locale, so a Welsh screen does not
// show English month names.
package app.tally.screens

import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.runtime.staticCompositionLocalOf
import app.tally.ui.Text
import java.time.LocalDate
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import java.util.Locale

/** Resolves string resource names for one locale. */
interface Strings {
    /** The locale the strings (and dates) are in. */
    val locale: Locale

    /** The string named [resName] with Android-style `%1$s` [args]; the name itself if there is none. */
    fun text(resName: String, vararg args: Any): String
}

/** The strings of the running app, provided at the root. */
val LocalStrings = staticCompositionLocalOf<Strings> {
    object : Strings {
        override val locale: Locale = Locale.UK
        override fun text(resName: String, vararg args: Any) = resName
    }
}

/** The string for a presenter's [key]. */
@Composable
@ReadOnlyComposable
fun t(key: Text, vararg args: Any): String = LocalStrings.current.text(key.resName, *args)

/** The string named [resName] (a label, or a string only the screens use). */
@Composable
@ReadOnlyComposable
fun t(resName: String, vararg args: Any): String = LocalStrings.current.text(resName, *args)

/** [date] as a medium date ("12 Mar 2024"), for echoing a date the victim picked. */
@Composable
@ReadOnlyComposable
fun shortDate(date: LocalDate): String =
    date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocalStrings.current.locale))

/** [date] as day and month ("12 Mar"), for the summary's weeks. */
@Composable
@ReadOnlyComposable
fun dayMonth(date: LocalDate): String = date.format(DateTimeFormatter.ofPattern("d MMM", LocalStrings.current.locale))
