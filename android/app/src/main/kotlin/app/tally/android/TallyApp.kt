// TallyApp: builds the one set of presenters (shared with the desktop build) and owns when
// the diary locks: whenever the whole app leaves the foreground, and after it has sat idle
// in the foreground. Both are wall-clock deadlines checked again whenever the app comes back,
// because a Handler's delay counts uptime, which stops in deep sleep: a timer alone could
// let the diary reopen unlocked hours later.
package app.tally.android

import android.app.Application
import android.net.Uri
import android.os.Handler
import android.os.Looper
import androidx.lifecycle.DefaultLifecycleObserver
import androidx.lifecycle.LifecycleOwner
import androidx.lifecycle.ProcessLifecycleOwner
import app.tally.screens.Presenters
import app.tally.ui.FileVault
import app.tally.ui.LockReason
import java.io.File
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneId

/** The app's presenters and platform state, created once per process. */
class Graph(app: Application) {
    val clock: Clock = Clock.systemUTC()
    val settingsStore = PrefsSettingsStore(app)

    /** The diary lives in no-backup storage: it must not be copied to a cloud account the stalker may share. */
    val presenters = Presenters(
        vault = FileVault(File(app.noBackupFilesDir, "tally.diary")),
        settingsStore = settingsStore,
        shareDir = File(app.cacheDir, SHARED_DIR),
        clock = clock,
        zone = ZoneId.systemDefault(),
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

        /**
         * Lock after this long without a touch while the app is open. A constant until the
         * core's lock policy owns it (with the backgrounded rule and the unlock delays).
         */
        val IDLE_LOCK: Duration = Duration.ofMinutes(5)
    }
}

/** The application: owns the graph and when the diary locks. */
class TallyApp : Application() {
    lateinit var graph: Graph
        private set

    private val main = Handler(Looper.getMainLooper())
    private var idleDeadline: Instant? = null
    private val lockWhenHoldEnds = Runnable { lockIfPast(graph.presenters.session.holdDeadline) }
    private val lockWhenIdle = Runnable { lockIfPast(idleDeadline) }

    override fun onCreate() {
        super.onCreate()
        graph = Graph(this)
        sweepLeftovers(this)
        ProcessLifecycleOwner.get().lifecycle.addObserver(object : DefaultLifecycleObserver {
            override fun onStop(owner: LifecycleOwner) {
                // Every activity of the app is now invisible: lock, unless the app itself
                // opened the photo picker or the share sheet; then lock when that hold ends.
                val session = graph.presenters.session
                if (!session.onBackgrounded()) {
                    val deadline = session.holdDeadline ?: return
                    main.postDelayed(lockWhenHoldEnds, millisUntil(deadline) + 1_000)
                }
            }

            override fun onStart(owner: LifecycleOwner) {
                main.removeCallbacks(lockWhenHoldEnds)
                // Back in front: if the hold ran out while the phone slept, lock now, before
                // anything is drawn.
                lockIfPast(graph.presenters.session.holdDeadline)
                lockIfPast(idleDeadline)
            }
        })
    }

    /** A touch in the app: push the idle lock back. */
    fun touched() {
        idleDeadline = graph.clock.instant().plus(Graph.IDLE_LOCK)
        main.removeCallbacks(lockWhenIdle)
        main.postDelayed(lockWhenIdle, Graph.IDLE_LOCK.toMillis() + 1_000)
    }

    /** Checked again whenever the activity resumes, as the timer may have slept. */
    fun checkIdle() = lockIfPast(idleDeadline)

    private fun lockIfPast(deadline: Instant?) {
        if (deadline != null && !graph.clock.instant().isBefore(deadline) && graph.presenters.session.isUnlocked) {
            graph.presenters.session.lock(LockReason.BACKGROUNDED)
        }
    }

    private fun millisUntil(t: Instant) = (t.toEpochMilli() - graph.clock.millis()).coerceAtLeast(0)
}
