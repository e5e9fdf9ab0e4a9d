// Platform pieces the presenters and the shared screens stay ignorant of: strings from the
// app's resources, the settings store, the launcher disguise, quick exit, and the start-up
// sweep of files a crash or a kill may have left behind.
package app.tally.android

import android.annotation.SuppressLint
import android.app.Activity
import android.content.ComponentName
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import app.tally.screens.Strings
import app.tally.ui.Disguise
import app.tally.ui.SettingsStore
import app.tally.ui.Text
import java.io.File
import java.util.Locale

/**
 * Strings by resource name (app.tally.ui.Text, Labels and the screens' own names), so lookup
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
 * (files/capture) and packs written for sharing (cache/shared). Runs at every start, before
 * anything is unlocked; a lock does the same for the packs.
 */
fun sweepLeftovers(context: Context) {
    for (dir in listOf(File(context.filesDir, Graph.CAPTURE_DIR), File(context.cacheDir, Graph.SHARED_DIR))) {
        dir.listFiles()?.forEach { it.deleteRecursively() }
    }
}
