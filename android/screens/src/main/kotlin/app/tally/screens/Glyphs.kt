// Glyphs: the four small icons the screens draw (list, plus, more, close), as vectors made
// here rather than from the Material icons artifact, which Compose Multiplatform no longer
// publishes in step with the rest. Each icon sits next to a text label, never alone.
package app.tally.screens

import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.SolidColor
import androidx.compose.ui.graphics.StrokeCap
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.graphics.vector.PathBuilder
import androidx.compose.ui.graphics.vector.path
import androidx.compose.ui.unit.dp

private fun glyph(name: String, draw: PathBuilder.() -> Unit): ImageVector =
    ImageVector.Builder(name, 24.dp, 24.dp, 24f, 24f).path(
        stroke = SolidColor(Color.Black),
        strokeLineWidth = 2.2f,
        strokeLineCap = StrokeCap.Round,
        pathBuilder = draw,
    ).build()

/** Small line icons, tinted by whatever draws them. */
object Glyphs {
    /** Three lines: the timeline. */
    val List: ImageVector = glyph("list") {
        for (y in listOf(6f, 12f, 18f)) {
            moveTo(4f, y)
            lineTo(20f, y)
        }
    }

    /** A plus: record something. */
    val Add: ImageVector = glyph("add") {
        moveTo(12f, 4f)
        lineTo(12f, 20f)
        moveTo(4f, 12f)
        lineTo(20f, 12f)
    }

    /** Three dots: the other screens. */
    val More: ImageVector = glyph("more") {
        for (x in listOf(5f, 12f, 19f)) {
            moveTo(x - 0.5f, 12f)
            lineTo(x + 0.5f, 12f)
        }
    }

    /** A cross: quick exit. */
    val Close: ImageVector = glyph("close") {
        moveTo(6f, 6f)
        lineTo(18f, 18f)
        moveTo(18f, 6f)
        lineTo(6f, 18f)
    }
}
