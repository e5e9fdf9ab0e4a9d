// Decoy: what a disguised Tally opens on. Under the Calculator disguise it is a working
// calculator; under Notes an empty notes list; under Weather a forecast that cannot load
// (the app has no network permission, so a real forecast would itself give it away). The
// diary is behind a long press — on "=" for the calculator, on the title otherwise — so a
// person glancing at the phone sees only what the launcher icon promised.
@file:OptIn(ExperimentalFoundationApi::class)

package app.tally.screens

import androidx.compose.foundation.ExperimentalFoundationApi
import androidx.compose.foundation.combinedClickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.CircleShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import app.tally.ui.Disguise
import java.math.BigDecimal
import java.math.MathContext

/** The screen matching [disguise]; [reveal] opens the diary's unlock screen. */
@Composable
internal fun DecoyScreen(disguise: Disguise, reveal: () -> Unit) {
    when (disguise) {
        Disguise.CALCULATOR -> Calculator(reveal)
        Disguise.NOTES -> Placeholder(t("decoy_notes_title"), t("decoy_notes_empty"), reveal)
        Disguise.WEATHER -> Placeholder(t("decoy_weather_title"), t("decoy_weather_offline"), reveal)
        // The root never disguises as Tally itself.
        Disguise.NONE -> {}
    }
}

@Composable
private fun Placeholder(title: String, body: String, reveal: () -> Unit) {
    Column(Modifier.fillMaxSize().padding(24.dp), verticalArrangement = Arrangement.spacedBy(24.dp)) {
        Text(
            title,
            style = MaterialTheme.typography.headlineMedium,
            modifier = Modifier.testTag("decoy-title").combinedClickable(onClick = {}, onLongClick = reveal),
        )
        Box(Modifier.fillMaxWidth().padding(top = 120.dp), contentAlignment = Alignment.Center) {
            Text(body, style = MaterialTheme.typography.bodyLarge, textAlign = TextAlign.Center)
        }
    }
}

/** A four-function calculator, left to right, as the cheap ones are. */
private class Sum(val shown: String = "0", val total: BigDecimal? = null, val op: Char? = null, val fresh: Boolean = true) {
    fun digit(d: Char): Sum = when {
        fresh -> Sum(if (d == '.') "0." else d.toString(), total, op, fresh = false)
        d == '.' && '.' in shown -> this
        shown.length >= 12 -> this
        shown == "0" && d != '.' -> Sum(d.toString(), total, op, fresh = false)
        else -> Sum(shown + d, total, op, fresh = false)
    }

    fun operator(next: Char?): Sum {
        val value = shown.toBigDecimalOrNull() ?: return Sum()
        val result = if (total == null || op == null || fresh) value else apply(total, op, value) ?: return Sum("Error")
        return Sum(format(result), if (next == null) null else result, next, fresh = true)
    }

    private fun apply(a: BigDecimal, op: Char, b: BigDecimal): BigDecimal? = when (op) {
        '+' -> a + b
        '−' -> a - b
        '×' -> a * b
        else -> if (b.signum() == 0) null else a.divide(b, MathContext.DECIMAL64)
    }

    private fun format(v: BigDecimal): String = v.round(MathContext(10)).stripTrailingZeros().toPlainString()
}

@Composable
private fun Calculator(reveal: () -> Unit) {
    var sum by remember { mutableStateOf(Sum()) }
    val rows = listOf("789÷", "456×", "123−", "C0.+")
    Column(Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Text(
            sum.shown,
            style = MaterialTheme.typography.displayLarge.copy(fontSize = 64.sp),
            textAlign = TextAlign.End,
            maxLines = 1,
            modifier = Modifier.fillMaxWidth().weight(1f).padding(top = 48.dp),
        )
        for (row in rows) {
            Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                for (key in row) {
                    val action = when (key) {
                        'C' -> ({ sum = Sum() })
                        '÷', '×', '−', '+' -> ({ sum = sum.operator(key) })
                        else -> ({ sum = sum.digit(key) })
                    }
                    CalcKey(key.toString(), Modifier.weight(1f), action)
                }
            }
        }
        CalcKey("=", Modifier.fillMaxWidth(), onClick = { sum = sum.operator(null) }, onLongClick = reveal, wide = true)
    }
}

@Composable
private fun CalcKey(label: String, modifier: Modifier, onClick: () -> Unit, onLongClick: (() -> Unit)? = null, wide: Boolean = false) {
    Surface(
        shape = CircleShape,
        color = if (wide) MaterialTheme.colorScheme.primaryContainer else MaterialTheme.colorScheme.surfaceContainer,
        modifier = modifier.then(if (wide) Modifier else Modifier.aspectRatio(1.2f))
            .testTag("calc-$label")
            .combinedClickable(onClick = onClick, onLongClick = onLongClick),
    ) {
        Box(contentAlignment = Alignment.Center, modifier = Modifier.padding(vertical = if (wide) 20.dp else 0.dp)) {
            Text(label, style = MaterialTheme.typography.headlineMedium)
        }
    }
}
