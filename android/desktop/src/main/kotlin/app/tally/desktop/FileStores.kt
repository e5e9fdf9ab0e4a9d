// FileSettingsStore: the desktop window's settings (the disguise, and biometrics, which a
// desktop does not offer) in a small properties file beside the diary. No diary content.
package app.tally.desktop

import app.tally.ui.Disguise
import app.tally.ui.SettingsStore
import java.io.File
import java.util.Properties

/** Settings kept in [file]. */
class FileSettingsStore(private val file: File) : SettingsStore {
    private val props = Properties().apply { if (file.isFile) file.inputStream().use { load(it) } }

    private fun save() {
        file.parentFile?.mkdirs()
        file.outputStream().use { props.store(it, "Tally desktop settings (no diary content)") }
    }

    override var disguise: Disguise
        get() = props.getProperty("disguise")?.let { n -> Disguise.entries.firstOrNull { it.name == n } } ?: Disguise.NONE
        set(value) {
            props.setProperty("disguise", value.name)
            save()
        }

    override var biometricEnabled: Boolean
        get() = false
        set(_) {}
}
