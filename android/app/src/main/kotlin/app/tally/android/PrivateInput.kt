// PrivateInput: what Android needs around every text field. The keyboard is asked not to
// learn what is typed (IME_FLAG_NO_PERSONALIZED_LEARNING: names, places and passphrases
// stay out of the keyboard's dictionary and its cloud sync), and text copied out of Tally is
// marked sensitive (ClipDescription.EXTRA_IS_SENSITIVE: no clipboard preview, API 33+) and
// cleared when the diary locks, so it does not outlive the lock in the clipboard history.
package app.tally.android

import android.content.ClipData
import android.content.ClipDescription
import android.content.ClipboardManager
import android.content.Context
import android.os.Build
import android.os.PersistableBundle
import android.view.inputmethod.EditorInfo
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.remember
import androidx.compose.ui.ExperimentalComposeUiApi
import androidx.compose.ui.platform.ClipEntry
import androidx.compose.ui.platform.Clipboard
import androidx.compose.ui.platform.InterceptPlatformTextInput
import androidx.compose.ui.platform.LocalClipboard
import androidx.compose.ui.platform.PlatformTextInputMethodRequest

/** The clipboard, remembering whether Tally put the current clip there. */
class SensitiveClipboard(context: Context) {
    private val manager = context.getSystemService(ClipboardManager::class.java)
    @Volatile private var ours: ClipData? = null

    /** Marks [clip] sensitive and puts it on the clipboard. */
    fun set(clip: ClipData) {
        val extras = PersistableBundle().apply { putBoolean(ClipDescription.EXTRA_IS_SENSITIVE, true) }
        clip.description.extras = extras
        ours = clip
        manager.setPrimaryClip(clip)
    }

    /**
     * On lock: clears the clipboard if Tally put the current clip there. (An app in the
     * background may write the clipboard but not read it, so "ours" is what we remember.)
     */
    fun clearIfOurs() {
        ours ?: return
        ours = null
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) manager.clearPrimaryClip() else manager.setPrimaryClip(ClipData.newPlainText("", ""))
    }

    /** The Compose Clipboard the text fields copy into. */
    fun compose(platform: Clipboard): Clipboard = object : Clipboard by platform {
        override suspend fun setClipEntry(clipEntry: ClipEntry?) {
            val clip = clipEntry?.clipData
            if (clip == null) platform.setClipEntry(null) else set(clip)
        }
    }
}

/** Wraps [content]'s text fields: incognito keyboard, sensitive clipboard. */
@OptIn(ExperimentalComposeUiApi::class)
@Composable
fun PrivateTextInput(clipboard: SensitiveClipboard, content: @Composable () -> Unit) {
    val platformClipboard = LocalClipboard.current
    val wrapped = remember(platformClipboard) { clipboard.compose(platformClipboard) }
    CompositionLocalProvider(LocalClipboard provides wrapped) {
        InterceptPlatformTextInput(
            interceptor = { request, next ->
                next.startInputMethod(object : PlatformTextInputMethodRequest {
                    override fun createInputConnection(outAttributes: EditorInfo) =
                        request.createInputConnection(outAttributes).also {
                            outAttributes.imeOptions = outAttributes.imeOptions or EditorInfo.IME_FLAG_NO_PERSONALIZED_LEARNING
                        }
                })
            },
            content = content,
        )
    }
}
