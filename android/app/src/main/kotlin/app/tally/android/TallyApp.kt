// TallyApp: builds the one Session and the presenters (a tiny hand-made graph; no DI
// framework), and locks the diary whenever the whole app leaves the foreground.
package app.tally.android

import android.app.Application
import android.os.Handler
import android.os.Looper
import androidx.lifecycle.DefaultLifecycleObserver
import androidx.lifecycle.LifecycleOwner
import androidx.lifecycle.ProcessLifecycleOwner
import app.tally.ffi.EntryKind
import app.tally.ui.ExportPresenter
import app.tally.ui.FileVault
import app.tally.ui.QuickCapturePresenter
import app.tally.ui.RecordsPresenter
import app.tally.ui.Session
import app.tally.ui.SettingsPresenter
import app.tally.ui.SummaryPresenter
import app.tally.ui.TimelinePresenter
import app.tally.ui.UnlockPresenter
import java.io.File
import java.time.Clock
import java.time.ZoneId

/** The app's presenters, created once per process. */
class Graph(app: Application) {
    private val clock: Clock = Clock.systemUTC()

    /** The device's zone now; presenters read it when they are created (zone changes are rare). */
    private val zone: ZoneId = ZoneId.systemDefault()

    /** The diary lives in no-backup storage: it must not be copied to a cloud account the stalker may share. */
    val vault = FileVault(File(app.noBackupFilesDir, "tally.diary"))
    val session = Session(clock)
    val settingsStore = PrefsSettingsStore(app)
    val unlock = UnlockPresenter(session, vault)
    val timeline = TimelinePresenter(session, zone)
    val capture = QuickCapturePresenter(session, clock, zone)
    val export = ExportPresenter(session, File(app.cacheDir, SHARED_DIR), clock, zone)
    val summary = SummaryPresenter(session)
    val settings = SettingsPresenter(session, settingsStore)
    val people = RecordsPresenter(session, EntryKind.PERSON, clock, zone)
    val orders = RecordsPresenter(session, EntryKind.ORDER, clock, zone)
    val police = RecordsPresenter(session, EntryKind.POLICE_CONTACT, clock, zone)

    companion object {
        /** Cache subdirectory the FileProvider shares packs from (res/xml/file_paths.xml). */
        const val SHARED_DIR = "shared"
    }
}

/** The application: owns the graph and the auto-lock. */
class TallyApp : Application() {
    lateinit var graph: Graph
        private set

    private val main = Handler(Looper.getMainLooper())
    private val lockWhenHoldEnds = Runnable { graph.session.onBackgrounded() }

    override fun onCreate() {
        super.onCreate()
        graph = Graph(this)
        ProcessLifecycleOwner.get().lifecycle.addObserver(object : DefaultLifecycleObserver {
            override fun onStop(owner: LifecycleOwner) {
                // Every activity of the app is now invisible: lock, unless the app itself
                // opened the camera or the share sheet; then lock when that hold runs out.
                if (!graph.session.onBackgrounded()) {
                    val deadline = graph.session.holdDeadline ?: return
                    val delay = (deadline.toEpochMilli() - System.currentTimeMillis()).coerceAtLeast(0)
                    main.postDelayed(lockWhenHoldEnds, delay + 1_000)
                }
            }

            override fun onStart(owner: LifecycleOwner) {
                main.removeCallbacks(lockWhenHoldEnds)
            }
        })
    }
}
