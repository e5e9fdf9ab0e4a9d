// FileStores: the desktop window's settings (the disguise, and biometrics, which a
// desktop does not offer) and the lock policy's memory of failed unlocks, in small
// properties files beside the diary. No diary content.
package app.tally.desktop

import app.tally.ffi.LockState
import app.tally.ui.Disguise
import app.tally.ui.LockStore
import app.tally.ui.SettingsStore
import java.io.File
import java.time.Instant
import java.util.Properties

/** A properties file read once and written on every change. */
private class PropertiesFile(private val file: File, private val comment: String) {
    val props = Properties().apply { if (file.isFile) file.inputStream().use { load(it) } }

    fun save() {
        file.parentFile?.mkdirs()
        file.outputStream().use { props.store(it, comment) }
    }
}

/** Settings kept in [file]. */
class FileSettingsStore(file: File) : SettingsStore {
    private val f = PropertiesFile(file, "Tally desktop settings (no diary content)")

    override var disguise: Disguise
        get() = f.props.getProperty("disguise")?.let { n -> Disguise.entries.firstOrNull { it.name == n } } ?: Disguise.NONE
        set(value) {
            f.props.setProperty("disguise", value.name)
            f.save()
        }

    override var biometricEnabled: Boolean
        get() = false
        set(_) {}
}

/**
 * The failed unlock attempts and the wait they earned, kept in [file] so that closing the
 * window neither resets the growing delay nor forgets it. The rest of the lock state is
 * about an open diary and starts afresh with each run.
 */
class FileLockStore(file: File) : LockStore {
    private val f = PropertiesFile(file, "Tally desktop: failed unlock attempts (no diary content)")

    override var lockState: LockState
        get() = LockState(
            failedAttempts = f.props.getProperty("failed")?.toUIntOrNull() ?: 0u,
            retryAfter = f.props.getProperty("retry_after")?.toLongOrNull()?.let(Instant::ofEpochMilli),
        )
        set(value) {
            f.props.setProperty("failed", value.failedAttempts.toString())
            value.retryAfter?.let { f.props.setProperty("retry_after", it.toEpochMilli().toString()) } ?: f.props.remove("retry_after")
            f.save()
        }
}
