// DesktopPlatform: the platform under the desktop window. A file chooser stands in for the
// camera, the photo picker and the import file picker, "share" shows the pack or backup in
// the file manager, "save to a folder" is a save dialog, quick exit locks
// and closes the window, and there is no biometric unlock. Dialogs need no secure flag
// (there is no Recents thumbnail to hide), and Escape does what Android's back does.
package app.tally.desktop

import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberUpdatedState
import androidx.compose.ui.window.DialogProperties
import app.tally.screens.Platform
import app.tally.screens.Presenters
import app.tally.ui.Disguise
import java.awt.Desktop
import java.awt.FileDialog
import java.awt.Frame
import java.io.File

/** Platform actions for the desktop window; [exit] closes it. */
class DesktopPlatform(
    private val presenters: Presenters,
    private val exit: () -> Unit,
) : Platform {
    /** The window, once it exists (the file chooser is modal to it). */
    var frame: Frame? = null

    /** Back, as the window's key handler calls it (Escape). */
    var onBack: (() -> Unit)? = null
        private set

    override fun takePhoto() = pickPhoto()

    override fun pickPhoto() {
        val dialog = FileDialog(frame, null, FileDialog.LOAD).apply {
            isMultipleMode = true
            isVisible = true
        }
        for (file in dialog.files.orEmpty()) {
            // The original bytes, as the phone's picker hands them; the core checks and keeps them.
            presenters.capture.attachPhoto(file.readBytes(), file.name, null)
        }
    }

    override fun pickImportFile(onChosen: (path: String) -> Unit) {
        // The file is read where it is: a desktop has no share sheet to copy it from.
        val dialog = FileDialog(frame, null, FileDialog.LOAD).apply { isVisible = true }
        dialog.files.orEmpty().firstOrNull()?.let { onChosen(it.absolutePath) }
    }

    override fun sharePack(path: String) = showFolderOf(path)

    override fun shareBackup(path: String) = showFolderOf(path)

    override fun saveBackup(path: String) {
        val source = File(path)
        val dialog = FileDialog(frame, null, FileDialog.SAVE).apply {
            file = source.name
            isVisible = true
        }
        val chosen = dialog.files.orEmpty().firstOrNull() ?: return
        // Never over another file: the chooser asked, but a backup must not replace a backup.
        if (!chosen.exists()) runCatching { source.copyTo(chosen) }
    }

    /** Opens the folder holding [path] in the file manager: a desktop has no share sheet. */
    private fun showFolderOf(path: String) {
        val folder = File(path).parentFile ?: return
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            runCatching { Desktop.getDesktop().open(folder) }
        }
    }

    override fun quickExit() {
        presenters.session.quickExit()
        exit()
    }

    override fun biometricReady(): Boolean = false

    override fun unlockWithBiometric() {}

    override fun setBiometric(enabled: Boolean) {}

    override fun setDisguise(d: Disguise) = presenters.settings.setDisguise(d)

    @Composable
    override fun BackHandler(enabled: Boolean, onBack: () -> Unit) {
        val latest by rememberUpdatedState(onBack)
        DisposableEffect(enabled) {
            if (enabled) this@DesktopPlatform.onBack = { latest() }
            onDispose { this@DesktopPlatform.onBack = null }
        }
    }

    override fun dialogProperties(fullWidth: Boolean): DialogProperties = DialogProperties(usePlatformDefaultWidth = !fullWidth)

    @Composable
    override fun PrivateText(content: @Composable () -> Unit) = content()
}
