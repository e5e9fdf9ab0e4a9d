// Platform pieces the presenters stay ignorant of: resolving string keys to resources, the
// settings store, switching the launcher disguise, and quick exit.
package app.tally.android

import android.annotation.SuppressLint
import android.app.Activity
import android.content.ComponentName
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import androidx.compose.runtime.Composable
import androidx.compose.ui.platform.LocalContext
import app.tally.ui.Disguise
import app.tally.ui.SettingsStore
import app.tally.ui.Text

/**
 * The string for a presenter's key. Keys are resource names (app.tally.ui.Text, Labels),
 * so lookup is by name; res/raw/keep.xml keeps every string through resource shrinking, and
 * ui-logic's StringsTest checks that every key exists in values/strings.xml.
 */
@SuppressLint("DiscouragedApi")
fun Context.text(resName: String, vararg args: Any): String {
    val id = resources.getIdentifier(resName, "string", packageName)
    return if (id == 0) resName else getString(id, *args)
}

/** [text] for a [Text] key. */
fun Context.text(key: Text, vararg args: Any): String = text(key.resName, *args)

/** [text] inside a composable. */
@Composable
fun t(key: Text, vararg args: Any): String = LocalContext.current.text(key, *args)

/** [text] for a resource name (a label, or a string only the UI uses) inside a composable. */
@Composable
fun t(resName: String, vararg args: Any): String = LocalContext.current.text(resName, *args)

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
    graph.session.quickExit()
    activity.startActivity(Intent(Intent.ACTION_MAIN).addCategory(Intent.CATEGORY_HOME).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    activity.finishAndRemoveTask()
}
