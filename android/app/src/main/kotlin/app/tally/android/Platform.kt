// Platform pieces the presenters and the shared screens stay ignorant of: strings from the
// app's resources, the settings and lock-policy stores, the launcher disguise, quick exit,
// and the start-up sweep of files a crash or a kill may have left behind.
package app.tally.android

import android.annotation.SuppressLint
import android.app.Activity
import android.content.ComponentName
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import app.tally.ffi.LockState
import app.tally.screens.Strings
import app.tally.ui.Disguise
import app.tally.ui.LockStore
import app.tally.ui.SettingsStore
import app.tally.ui.Text
import java.io.File
import java.time.Instant
import java.util.Locale

/**
 * Strings by resource name (app.tally.ui.Text and the screens' own names), so lookup
 * is by name; res/raw/keep.xml keeps every string through resource shrinking, and the
 * tests check every name exists in values/strings*.xml.
 */
class AndroidStrings(private val context: Context) : Strings {
    override val locale: Locale get() = context.resources.configuration.locales[0]

    @SuppressLint("DiscouragedApi")
    override fun text(resName: String, vararg args: Any): String {
        val id = context.resources.getIdentifier(resName, "string", context.packageName)
        return if (id == 0) resName else context.getString(id, *args)
    }
}

/** [AndroidStrings.text] for a [Text] key, outside composition. */
fun Context.text(key: Text, vararg args: Any): String = AndroidStrings(this).text(key.resName, *args)

/** [AndroidStrings.text] for a resource name, outside composition. */
fun Context.text(resName: String, vararg args: Any): String = AndroidStrings(this).text(resName, *args)

/** Settings kept in private SharedPreferences (no diary content). */
class PrefsSettingsStore(context: Context) : SettingsStore {
    private val prefs = context.getSharedPreferences("settings", Context.MODE_PRIVATE)

    override var disguise: Disguise
        get() = prefs.getString("disguise", null)?.let { n -> Disguise.entries.firstOrNull { it.name == n } } ?: Disguise.NONE
        set(value) {
            prefs.edit().putString("disguise", value.name).apply()
        }

    override var biometricEnabled: Boolean
        get() = prefs.getBoolean("biometric", false)
        set(value) {
            prefs.edit().putBoolean("biometric", value).apply()
        }
}

/**
 * The lock policy's memory of failed unlocks — how many, and the wait they earned — in
 * private SharedPreferences, so that killing the app neither resets the growing delay nor
 * skips it. The rest of the policy's state is about an open diary and starts afresh.
 */
class PrefsLockStore(context: Context) : LockStore {
    private val prefs = context.getSharedPreferences("unlock", Context.MODE_PRIVATE)

    override var lockState: LockState
        get() = LockState(
            failedAttempts = prefs.getInt("failed", 0).toUInt(),
            retryAfter = prefs.getLong("retry_after", -1).takeIf { it >= 0 }?.let(Instant::ofEpochMilli),
        )
        set(value) {
            // commit, not apply: a failure must be on disk before the app can be killed.
            prefs.edit()
                .putInt("failed", value.failedAttempts.toInt())
                .putLong("retry_after", value.retryAfter?.toEpochMilli() ?: -1)
                .commit()
        }
}

/**
 * Shows the launcher entry (name and icon) of [chosen] and hides the others. Each disguise
 * is an `<activity-alias>` in the manifest; exactly one is enabled at a time. DONT_KILL_APP
 * keeps the app running; some launchers take a moment to redraw.
 */
fun applyDisguise(context: Context, chosen: Disguise) {
    val pm = context.packageManager
    for (d in Disguise.entries) {
        val state = if (d == chosen) PackageManager.COMPONENT_ENABLED_STATE_ENABLED else PackageManager.COMPONENT_ENABLED_STATE_DISABLED
        pm.setComponentEnabledSetting(ComponentName(context.packageName, d.alias), state, PackageManager.DONT_KILL_APP)
    }
}

/** Quick exit: lock, show the home screen, and remove the task from Recents. */
fun leaveToHome(activity: Activity, graph: Graph) {
    graph.presenters.session.quickExit()
    activity.startActivity(Intent(Intent.ACTION_MAIN).addCategory(Intent.CATEGORY_HOME).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    activity.finishAndRemoveTask()
}

/**
 * Deletes what a killed process may have left: photos the camera wrote but nobody attached
 * (files/capture), packs written for sharing (cache/shared) and chat exports copied in for
 * the import wizard (cache/import). Runs at every start, before anything is unlocked; a
 * lock does the same for the packs and the chat exports.
 */
fun sweepLeftovers(context: Context) {
    val dirs = listOf(File(context.filesDir, Graph.CAPTURE_DIR), File(context.cacheDir, Graph.SHARED_DIR), File(context.cacheDir, Graph.IMPORT_DIR))
    for (dir in dirs) {
        dir.listFiles()?.forEach { it.deleteRecursively() }
    }
}
