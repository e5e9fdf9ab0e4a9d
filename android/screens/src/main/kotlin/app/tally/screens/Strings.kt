// Strings: the screens name every string by its resource name (app.tally.ui.Text, Labels,
// and a few names only the screens use); each platform resolves names from the one set of
// files under android/app/src/main/res/values*/ — Android through its resources, the desktop
// build by reading the same files from its classpath. Dates are formatted in the same
// locale as the strings, so a Welsh screen does not show English month names.
package app.tally.screens

import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.runtime.staticCompositionLocalOf
import app.tally.ui.Text
import java.time.LocalDate
import java.time.LocalTime
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

/** [date] as a full date ("Tuesday, 12 March 2024") in the strings' locale. */
@Composable
@ReadOnlyComposable
fun longDate(date: LocalDate): String =
    date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(LocalStrings.current.locale))

/** [date] as a medium date ("12 Mar 2024"). */
@Composable
@ReadOnlyComposable
fun shortDate(date: LocalDate): String =
    date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocalStrings.current.locale))

/** [time] as the locale shows a time of day ("21:30"). */
@Composable
@ReadOnlyComposable
fun clockTime(time: LocalTime): String =
    time.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(LocalStrings.current.locale))
