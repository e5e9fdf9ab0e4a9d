// Theme: Tally's colours and type, light and dark. Text is a step larger than Material's
// defaults and every button is at least 56dp tall: the person using this may be shaking,
// hurried, or reading without glasses.
package app.tally.screens

import androidx.compose.material3.ColorScheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Typography
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp

/** The smallest height of anything tappable. */
val TARGET = 56.dp

private val Light: ColorScheme = lightColorScheme(
    primary = Color(0xFF1D4F7A),
    onPrimary = Color.White,
    primaryContainer = Color(0xFFD3E4F7),
    onPrimaryContainer = Color(0xFF0A2540),
    secondary = Color(0xFF3D5A6C),
    secondaryContainer = Color(0xFFD6E6F0),
    onSecondaryContainer = Color(0xFF14252F),
    error = Color(0xFFB3261E),
    errorContainer = Color(0xFFF9DEDC),
    onErrorContainer = Color(0xFF410E0B),
    surface = Color(0xFFFBFCFE),
    surfaceContainer = Color(0xFFEEF2F6),
)

private val Dark: ColorScheme = darkColorScheme(
    primary = Color(0xFFA3C9F0),
    onPrimary = Color(0xFF06233D),
    primaryContainer = Color(0xFF1D4F7A),
    onPrimaryContainer = Color(0xFFD3E4F7),
    secondary = Color(0xFFB5CAD8),
    secondaryContainer = Color(0xFF2C4352),
    onSecondaryContainer = Color(0xFFD6E6F0),
    error = Color(0xFFF2B8B5),
    errorContainer = Color(0xFF8C1D18),
    onErrorContainer = Color(0xFFF9DEDC),
    surface = Color(0xFF101418),
    surfaceContainer = Color(0xFF1C2126),
)

private fun Typography.larger(): Typography {
    fun TextStyle.to(size: Int, line: Int) = copy(fontSize = size.sp, lineHeight = line.sp)
    return copy(
        bodyLarge = bodyLarge.to(18, 26),
        bodyMedium = bodyMedium.to(17, 24),
        bodySmall = bodySmall.to(15, 21),
        labelLarge = labelLarge.to(17, 22),
        labelMedium = labelMedium.to(15, 20),
        titleMedium = titleMedium.to(19, 26),
        titleLarge = titleLarge.to(23, 30),
    )
}

/** Tally's Material theme; [dark] follows the system unless a caller (the gallery) says. */
@Composable
fun TallyTheme(dark: Boolean, content: @Composable () -> Unit) {
    MaterialTheme(
        colorScheme = if (dark) Dark else Light,
        typography = Typography().larger(),
        content = content,
    )
}
