// Behind a disguise: the app opens on a screen that matches its launcher icon, the diary is
// behind a long press, and every lock puts the disguise back in front.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.longClick
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTouchInput
import app.tally.ui.Disguise
import kotlin.test.assertFalse
import org.junit.jupiter.api.Test

class DisguiseTest {
    @Test
    fun the_calculator_disguise_hides_the_diary_until_equals_is_held() = tally(disguise = Disguise.CALCULATOR) { w ->
        waitFor("=")
        assertFalse(shows(en("create_title")), "the calculator shows, not the diary")
        for (key in listOf("7", "×", "6")) onNodeWithTag("calc-$key").performClick()
        onNodeWithTag("calc-=").performClick()
        waitFor("42")
        assertFalse(shows(en("create_title")), "a short press only calculates")
        onNodeWithTag("calc-=").performTouchInput { longClick() }
        waitFor(en("create_title"))
    }

    @Test
    fun a_lock_puts_the_disguise_back_in_front() = tally(disguise = Disguise.NOTES) { w ->
        waitFor(en("decoy_notes_empty"))
        onNodeWithTag("decoy-title").performTouchInput { longClick() }
        createDiary()
        w.presenters.session.onBackgrounded()
        waitFor(en("decoy_notes_empty"))
        assertFalse(shows(en("unlock_title")), "the disguise, not the unlock screen, is in front")
    }
}
