// TallyApp: builds the one set of presenters (shared with the desktop build) and tells the
// core's lock policy what the app does — came to the foreground, left it, was touched —
// so that the policy's wall-clock deadlines decide when the diary locks: at once on leaving
// the app (unless the app itself opened the photo picker or the share sheet, for a while),
// and after sitting idle in the foreground. A Handler only schedules the next look at the
// policy; it counts uptime, which stops in deep sleep, so the deadline is checked again by
// the wall clock whenever the app comes back, before anything is drawn.
package app.tally.android

import android.app.Application
import android.net.Uri
import android.os.Handler
import android.os.Looper
import androidx.lifecycle.DefaultLifecycleObserver
import androidx.lifecycle.LifecycleOwner
import androidx.lifecycle.ProcessLifecycleOwner
import app.tally.Device
import app.tally.screens.Presenters
import app.tally.ui.FileVault
import app.tally.DeviceHeadFiles
import java.io.File
import java.time.Clock
import java.time.Instant

/** The app's presenters and platform state, created once per process. */
class Graph(app: Application) {
    val clock: Clock = Clock.systemUTC()
    val settingsStore = PrefsSettingsStore(app)

    /** The phone's zone and language, read at each call, so a change of either is followed. */
    val device = Device()

    /** The diary lives in no-backup storage: it must not be copied to a cloud account the stalker may share. */
    val presenters = Presenters(
        // The diary and the head this phone keeps of it both live where Android's backup and
        // device transfer never copy them: a restored copy of the head would let an older
        // copy of the diary pass unnoticed.
        vault = FileVault(File(app.noBackupFilesDir, "tally.diary"), device = device, heads = DeviceHeadFiles(File(app.noBackupFilesDir, "device"))),
        settingsStore = settingsStore,
        shareDir = File(app.cacheDir, SHARED_DIR),
        importDir = File(app.cacheDir, IMPORT_DIR),
        clock = clock,
        device = device,
        lockStore = PrefsLockStore(app),
    )

    /**
     * Files shared into Tally while it was locked, kept (as URIs, in memory only) until it
     * is unlocked. Here rather than in the activity, so rotating the screen neither loses
     * them nor reads the intent a second time.
     */
    val pendingShares = mutableListOf<Pair<Uri, String?>>()
    var pendingText: String? = null

    companion object {
        /** Cache subdirectory the FileProvider shares packs from (res/xml/file_paths.xml). */
        const val SHARED_DIR = "shared"

        /** Files subdirectory the camera writes into (res/xml/file_paths.xml). */
        const val CAPTURE_DIR = "capture"

        /** Cache subdirectory chat exports are copied into for the import wizard to read. */
        const val IMPORT_DIR = "import"
    }
}

/** The application: owns the graph and tells the lock policy what the app does. */
class TallyApp : Application() {
    lateinit var graph: Graph
        private set

    private val main = Handler(Looper.getMainLooper())
    private val look = Runnable { checkLock() }

    override fun onCreate() {
        super.onCreate()
        graph = Graph(this)
        sweepLeftovers(this)
        ProcessLifecycleOwner.get().lifecycle.addObserver(object : DefaultLifecycleObserver {
            override fun onStop(owner: LifecycleOwner) {
                // Every activity of the app is now invisible: the policy locks at once,
                // unless the app itself opened the photo picker or the share sheet.
                graph.presenters.session.onBackgrounded()
                scheduleLook()
            }

            override fun onStart(owner: LifecycleOwner) {
                // Back in front: if a deadline passed while the phone slept, this locks now.
                graph.presenters.session.onForegrounded()
                scheduleLook()
            }
        })
    }

    /** A touch in the app: the idle deadline moves. */
    fun touched() {
        graph.presenters.session.touch()
        scheduleLook()
    }

    /** Locks if the policy says a lock is due; called on resume too, as the Handler may have slept. */
    fun checkLock() {
        graph.presenters.session.lockIfDue()
        scheduleLook()
    }

    /** Looks at the policy again when its next deadline falls (none while locked). */
    private fun scheduleLook() {
        main.removeCallbacks(look)
        val deadline = graph.presenters.session.holdDeadline ?: return
        main.postDelayed(look, millisUntil(deadline) + 500)
    }

    private fun millisUntil(t: Instant) = (t.toEpochMilli() - graph.clock.millis()).coerceAtLeast(0)
}
