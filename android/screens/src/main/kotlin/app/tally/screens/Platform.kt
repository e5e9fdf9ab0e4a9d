// Platform: what the shared screens ask of the device they run on. The screens compile for
// Android (Jetpack Compose) and for the desktop JVM (Compose Multiplatform), so everything
// only one of them has — the camera, the photo and file pickers, the share sheet, the
// folder chooser, the
// keystore behind biometric unlock, launcher aliases, BackHandler, FLAG_SECURE dialogs, the
// keyboard's incognito flag, a clipboard that forgets — sits behind this one interface.
// android/app implements it with the Android APIs; android/desktop implements it for the
// desktop window and for the UI tests.
package app.tally.screens

import androidx.compose.runtime.Composable
import androidx.compose.ui.window.DialogProperties
import app.tally.ui.Disguise

/** What the screens ask of the platform. */
interface Platform {
    /** Opens the camera; the photo is attached to the capture in progress. */
    fun takePhoto()

    /** Opens the photo picker (photos and screenshots). */
    fun pickPhoto()

    /**
     * Lets the victim choose a chat export or SMS backup to import; [onChosen] gets a path
     * the core can read. (Android instead copies the file into the import presenter's inbox
     * and hands it to the presenter, which outlives an activity recreated meanwhile.)
     */
    fun pickImportFile(onChosen: (path: String) -> Unit)

    /** Hands the pack at [path] to the share sheet (or, on a desktop, shows where it is). */
    fun sharePack(path: String)

    /** Hands the backup at [path] to the share sheet (or, on a desktop, shows where it is). */
    fun shareBackup(path: String)

    /** Lets the victim choose a folder (a memory card, a drive) and copies the backup at [path] there. */
    fun saveBackup(path: String)

    /** Locks and leaves at once: on a phone, to the home screen. */
    fun quickExit()

    /** Whether biometric unlock is set up and available. */
    fun biometricReady(): Boolean

    /** Shows the biometric prompt and unlocks with the released key. */
    fun unlockWithBiometric()

    /** Sets up (true) or removes (false) biometric unlock. */
    fun setBiometric(enabled: Boolean)

    /** Switches the launcher name and icon (and the screen the app opens on). */
    fun setDisguise(d: Disguise)

    /** The system back gesture, while [enabled], calls [onBack] instead of leaving. */
    @Composable
    fun BackHandler(enabled: Boolean, onBack: () -> Unit)

    /**
     * Dialog settings: on Android, dialogs are their own windows and must be FLAG_SECURE
     * like the main window; [fullWidth] for the date picker, which needs the room.
     */
    fun dialogProperties(fullWidth: Boolean = false): DialogProperties

    /**
     * Wraps every text field: on Android the keyboard is asked not to learn what is typed
     * (names, places) and copied text is marked sensitive and forgotten on lock.
     */
    @Composable
    fun PrivateText(content: @Composable () -> Unit)
}
