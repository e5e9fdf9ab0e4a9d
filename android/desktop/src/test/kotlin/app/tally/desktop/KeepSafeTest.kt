// Keep safe, through the screens against the real library: a backup made, sent and restored
// as the same diary; the second passphrase, typed twice, opening a decoy in which nothing
// of the real diary shows — not on the timeline, the summary or the export plan — while the
// real diary stays whole and never shows the decoy's entries.
@file:OptIn(ExperimentalTestApi::class)

package app.tally.desktop

import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import app.tally.ffi.Category
import app.tally.ffi.DisclosureChoices
import app.tally.ffi.Diary
import app.tally.ffi.restoreBackup
import app.tally.ui.LockReason
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

private const val DURESS = "tea at four on sunday"

/** What she wrote in the real diary: it must never show under the second passphrase. */
private const val CANARY = "Sam waited at the school gate"

private fun ComposeUiTest.openKeepSafe() {
    tap(en("nav_more"))
    tap(en("keep_safe_title"))
    waitFor(en("keep_safe_backup"))
}

private fun ComposeUiTest.unlockWith(w: World, passphrase: String) {
    w.presenters.session.lock(LockReason.USER)
    waitFor(en("unlock_title"))
    type(en("unlock_passphrase_label"), passphrase)
    tap(en("unlock_button"))
    waitFor(en("capture_title"))
}

private fun ComposeUiTest.setDuress(passphrase: String, confirmation: String) {
    type(en("keep_safe_duress_new"), passphrase)
    type(en("create_confirm_label"), confirmation)
    tap(en("keep_safe_duress_set"))
}

/** Everything the victim could read in the open diary: every timeline item, every summary sentence, the export plan. */
private fun World.everythingShown(): String = runBlocking {
    val d = presenters.session.diary()
    val timeline = d.timeline().days.flatMap { it.items }.flatMap { listOfNotNull(it.headline, it.statusText) }
    val summary = d.summaryView().let { listOf(it.recorded, it.period) + it.notes + it.indicators + it.pattern }
    val plan = d.exportScreen(DisclosureChoices()).goingOut.map { it.item.headline }
    (timeline + summary + plan).joinToString("\n")
}

class KeepSafeTest {
    @Test
    fun a_backup_is_made_sent_and_restores_as_the_same_diary_and_goes_when_the_diary_locks() = tally { w ->
        createDiary()
        record(Category.VISIT_HOME, "Waiting outside the house")
        record(Category.CALL, "Twelve missed calls")
        openKeepSafe()
        tap(en("keep_safe_make_backup"))
        waitFor(en("keep_safe_backup_done", 2), timeoutMs = 30_000)
        tap(en("keep_safe_share"))
        val backup = File(w.platform.shared.single())
        assertTrue(backup.isFile, "the backup was written for the share sheet")
        assertFalse(backup.name.contains("Waiting") || backup.name.contains("case"), "the name says nothing of the diary")
        tap(en("keep_safe_save_to"))
        assertEquals(listOf(backup.path), w.platform.saved)

        // On another phone: the same diary, the same key an officer was given.
        val restored = File(w.dir, "new-phone/tally.diary").also { it.parentFile.mkdirs() }
        val summary = restoreBackup(backup.path, restored.path, PASSPHRASE, false, null, null)
        val fingerprint = runBlocking { w.presenters.session.diary().fingerprint() }
        assertEquals(fingerprint, summary.fingerprint)
        Diary.unlock(restored.path, PASSPHRASE).use { d ->
            assertEquals(2, d.list(app.tally.ffi.ListFilter()).size)
            assertTrue(d.check().ok)
        }

        w.presenters.session.lock(LockReason.USER)
        assertFalse(backup.exists(), "a lock deletes the copy left for sharing")
    }

    @Test
    fun the_second_passphrase_is_asked_twice_and_a_mismatch_sets_nothing() = tally { w ->
        createDiary()
        openKeepSafe()
        setDuress(DURESS, "tea at five on sunday")
        waitUntilShown("a problem beside the confirmation") { !shows(en("keep_safe_duress_set_done")) && w.presenters.keepSafe.state.value.duressErrors.isNotEmpty() }
        for (e in w.presenters.keepSafe.state.value.duressErrors) assertTrue(shows(e.text), e.text)
        w.presenters.session.lock(LockReason.USER)
        waitFor(en("unlock_title"))
        type(en("unlock_passphrase_label"), DURESS)
        tap(en("unlock_button"))
        waitFor(en("unlock_wrong_passphrase"))
    }

    @Test
    fun a_duress_unlock_shows_only_the_decoys_entries_and_the_real_ones_never() = tally { w ->
        createDiary()
        record(Category.LOITERING, CANARY)
        openKeepSafe()
        setDuress(DURESS, DURESS)
        waitFor(en("keep_safe_duress_set_done"))

        // Made to unlock in front of him: the same screen, the second passphrase.
        unlockWith(w, DURESS)
        record(Category.MESSAGE, "Dentist on Tuesday")
        tap(en("nav_timeline"))
        waitFor("Dentist on Tuesday", substring = true)
        assertFalse(shows(CANARY, substring = true), "the real diary's entry on the decoy's timeline")
        tap(en("nav_more"))
        tap(en("summary_title"))
        waitFor(runBlocking { w.presenters.session.diary().summaryView() }.recorded)
        assertFalse(shows(CANARY, substring = true), "the real diary's entry in the decoy's summary")
        tap(en("nav_more"))
        tap(en("export_title"))
        waitFor(runBlocking { w.presenters.session.diary().exportScreen(DisclosureChoices()) }.summary)
        assertFalse(shows(CANARY, substring = true), "the real diary's entry in the decoy's export plan")
        val decoy = w.everythingShown()
        assertFalse(decoy.contains(CANARY), "nothing the decoy shows holds the real entry:\n$decoy")
        assertTrue(decoy.contains("Dentist on Tuesday"))

        // Back under her own passphrase: her entry, whole, and nothing of the decoy's.
        unlockWith(w, PASSPHRASE)
        tap(en("nav_timeline"))
        waitFor(CANARY, substring = true)
        assertFalse(shows("Dentist on Tuesday", substring = true), "the decoy's entry in the real diary")
        assertFalse(w.everythingShown().contains("Dentist on Tuesday"))
        assertTrue(runBlocking { w.presenters.session.diary().check() }.ok, "the real diary checks after the decoy was used")
    }

    @Test
    fun removing_the_second_passphrase_asks_first_then_it_opens_nothing() = tally { w ->
        createDiary()
        openKeepSafe()
        setDuress(DURESS, DURESS)
        waitFor(en("keep_safe_duress_set_done"))
        tap(en("keep_safe_duress_remove"))
        waitFor(en("keep_safe_duress_remove_explain"))
        tap(en("keep_safe_duress_remove_confirm"))
        waitFor(en("keep_safe_duress_removed"))
        w.presenters.session.lock(LockReason.USER)
        waitFor(en("unlock_title"))
        type(en("unlock_passphrase_label"), DURESS)
        tap(en("unlock_button"))
        waitFor(en("unlock_wrong_passphrase"))
    }
}
