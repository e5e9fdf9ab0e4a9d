// Presenters: the one set of presenters a running app holds (a tiny hand-made graph; no DI
// framework), built the same way by the Android app and the desktop window: one Session,
// and a presenter per screen registered with it so a lock clears them all.
package app.tally.screens

import app.tally.Device
import app.tally.ffi.Choices
import app.tally.ffi.EntryKind
import app.tally.ffi.formChoices
import app.tally.ui.CorrectionPresenter
import app.tally.ui.DiaryVault
import app.tally.ui.ExportPresenter
import app.tally.ui.ImportPresenter
import app.tally.ui.KeepSafePresenter
import app.tally.ui.LockStore
import app.tally.ui.MemoryLockStore
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
import java.util.Locale

/**
 * The app's presenters over the diary in [vault]. Packs and backups written for sharing go to
 * [shareDir] and files copied in for import to [importDir] (both emptied on lock); the lock
 * policy's state (failed attempts, the wait) is kept in [lockStore], which the platform
 * persists; [device] gives the zone and language the core's views use.
 */
class Presenters(
    val vault: DiaryVault,
    val settingsStore: SettingsStore,
    shareDir: File,
    importDir: File,
    clock: Clock = Clock.systemUTC(),
    val device: Device = Device(),
    lockStore: LockStore = MemoryLockStore(),
) {
    val session = Session(clock)
    val unlock = UnlockPresenter(session, vault, clock, lockStore) { Locale.forLanguageTag(device.languageTag) }
    val timeline = TimelinePresenter(session)
    val capture = QuickCapturePresenter(session, clock)
    val correction = CorrectionPresenter(session, clock)
    val imports = ImportPresenter(session, importDir)
    val export = ExportPresenter(session, shareDir, clock)
    val summary = SummaryPresenter(session)
    val settings = SettingsPresenter(session, settingsStore)
    val keepSafe = KeepSafePresenter(session, shareDir, clock) { device.languageTag }
    val people = RecordsPresenter(session, EntryKind.PERSON, clock)
    val orders = RecordsPresenter(session, EntryKind.ORDER, clock)
    val police = RecordsPresenter(session, EntryKind.POLICE_CONTACT, clock)

    /** Screens the platform asks to show (a chat shared into the app opens the import wizard). */
    val requests = ScreenRequests()

    /** What the forms offer to pick from, labelled by the core in the device's language. */
    fun choices(): Choices = formChoices(device.languageTag)
}
