// Presenters: the one set of presenters a running app holds (a tiny hand-made graph; no DI
// framework), built the same way by the Android app and the desktop window: one Session,
// and a presenter per screen registered with it so a lock clears them all.
package app.tally.screens

import app.tally.ffi.EntryKind
import app.tally.ui.DiaryVault
import app.tally.ui.ExportPresenter
import app.tally.ui.QuickCapturePresenter
import app.tally.ui.RecordsPresenter
import app.tally.ui.Session
import app.tally.ui.SettingsPresenter
import app.tally.ui.SettingsStore
import app.tally.ui.SummaryPresenter
import app.tally.ui.TimelinePresenter
import app.tally.ui.UnlockPresenter
import java.io.File
import java.time.Clock
import java.time.ZoneId

/**
 * The app's presenters over the diary in [vault]. Packs written for sharing go to
 * [shareDir] (deleted on lock); [zone] is the device's zone when the app started.
 */
class Presenters(
    val vault: DiaryVault,
    val settingsStore: SettingsStore,
    shareDir: File,
    clock: Clock = Clock.systemUTC(),
    zone: ZoneId = ZoneId.systemDefault(),
) {
    val session = Session(clock)
    val unlock = UnlockPresenter(session, vault)
    val timeline = TimelinePresenter(session, zone)
    val capture = QuickCapturePresenter(session, clock, zone)
    val export = ExportPresenter(session, shareDir, clock, zone)
    val summary = SummaryPresenter(session)
    val settings = SettingsPresenter(session, settingsStore)
    val people = RecordsPresenter(session, EntryKind.PERSON, clock, zone)
    val orders = RecordsPresenter(session, EntryKind.ORDER, clock, zone)
    val police = RecordsPresenter(session, EntryKind.POLICE_CONTACT, clock, zone)
}
