// MainActivity: the one activity of the diary. Sets FLAG_SECURE before anything is drawn,
// hosts the shared Compose screens (android/screens) and implements what they ask of the
// platform: the in-app camera and the photo picker, the share sheet out, share-sheet
// intents in, the biometric prompt, the launcher disguise, quick exit, back, secure
// dialogs, and private text input. Every launcher <activity-alias> points here.
package app.tally.android

import android.content.ClipData
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.view.WindowManager
import androidx.activity.compose.setContent
import androidx.activity.result.PickVisualMediaRequest
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.window.DialogProperties
import androidx.compose.ui.window.SecureFlagPolicy
import androidx.core.content.FileProvider
import androidx.core.content.IntentCompat
import androidx.fragment.app.FragmentActivity
import androidx.lifecycle.lifecycleScope
import app.tally.ffi.Category
import app.tally.screens.Platform
import app.tally.screens.TallyRoot
import app.tally.ui.Disguise
import app.tally.ui.SessionState
import app.tally.ui.Text
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** The activity. */
class MainActivity : FragmentActivity(), Platform {
    private val app: TallyApp get() = application as TallyApp
    private val graph: Graph get() = app.graph
    private val p get() = graph.presenters
    private val biometric by lazy { BiometricKeys(this) }
    private val clipboard by lazy { SensitiveClipboard(this) }

    private val camera = registerForActivityResult(ActivityResultContracts.StartActivityForResult()) { result ->
        val file = result.data?.getStringExtra(CameraActivity.EXTRA_PATH)?.let(::File) ?: return@registerForActivityResult
        lifecycleScope.launch {
            // The camera wrote the full-size original into app-private storage; its bytes go
            // into the diary unchanged, then the file goes.
            val bytes = withContext(Dispatchers.IO) { file.takeIf { it.length() > 0 }?.readBytes() }
            bytes?.let { p.capture.attachPhoto(it, file.name, "image/jpeg") }
            withContext(Dispatchers.IO) { file.delete() }
        }
    }

    private val pickVisualMedia = registerForActivityResult(ActivityResultContracts.PickVisualMedia()) { uri ->
        p.session.releaseHold()
        if (uri != null) attachFromUris(listOf(uri to contentResolver.getType(uri)))
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // No screenshots, no screen recording, a blank card in Recents.
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) setRecentsScreenshotEnabled(false)
        // A recreated activity (rotation, dark mode) already read its intent once.
        if (savedInstanceState == null) receiveShare(intent)
        setContent { TallyRoot(p, this, AndroidStrings(this), dark = isSystemInDarkTheme()) }
        lifecycleScope.launch {
            p.session.state.collect {
                if (it is SessionState.Unlocked) flushPendingShares() else clipboard.clearIfOurs()
            }
        }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        receiveShare(intent)
        if (p.session.isUnlocked) flushPendingShares()
    }

    override fun onResume() {
        super.onResume()
        // Back from the photo picker or the share sheet.
        p.session.releaseHold()
        app.checkIdle()
    }

    override fun onUserInteraction() {
        super.onUserInteraction()
        app.touched()
    }

    private fun receiveShare(intent: Intent?) {
        intent ?: return
        val type = intent.type
        when (intent.action) {
            Intent.ACTION_SEND -> {
                IntentCompat.getParcelableExtra(intent, Intent.EXTRA_STREAM, Uri::class.java)?.let { graph.pendingShares += it to type }
                    ?: intent.getStringExtra(Intent.EXTRA_TEXT)?.let { graph.pendingText = it }
            }
            Intent.ACTION_SEND_MULTIPLE ->
                IntentCompat.getParcelableArrayListExtra(intent, Intent.EXTRA_STREAM, Uri::class.java)
                    ?.forEach { graph.pendingShares += it to (contentResolver.getType(it) ?: type) }
        }
    }

    private fun flushPendingShares() {
        val files = graph.pendingShares.toList()
        graph.pendingShares.clear()
        val text = graph.pendingText
        graph.pendingText = null
        if (files.isEmpty() && text == null) return
        if (text != null) p.capture.attachPhoto(text.toByteArray(), "shared.txt", "text/plain")
        attachFromUris(files)
    }

    private fun attachFromUris(files: List<Pair<Uri, String?>>) {
        lifecycleScope.launch {
            for ((uri, type) in files) {
                // Read the original bytes exactly as shared; the core hashes and keeps them.
                val bytes = withContext(Dispatchers.IO) {
                    runCatching { contentResolver.openInputStream(uri)?.use { it.readBytes() } }.getOrNull()
                } ?: continue
                val name = uri.lastPathSegment?.substringAfterLast('/')
                p.capture.attachPhoto(bytes, name, type)
                // A WhatsApp export (text or zip) is a conversation: pre-select Message.
                if (type == "text/plain" || type == "application/zip") {
                    if (p.capture.state.value.category == null) p.capture.toggleCategory(Category.MESSAGE)
                }
            }
        }
    }

    override fun takePhoto() {
        camera.launch(Intent(this, CameraActivity::class.java))
    }

    override fun pickPhoto() {
        p.session.holdForExternal()
        pickVisualMedia.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly))
    }

    override fun sharePack(path: String) {
        val uri = FileProvider.getUriForFile(this, "$packageName.files", File(path))
        val send = Intent(Intent.ACTION_SEND)
            .setType("application/zip")
            .putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        send.clipData = ClipData.newRawUri(null, uri)
        p.session.holdForExternal()
        startActivity(Intent.createChooser(send, text("share_chooser_title")))
    }

    override fun quickExit() = leaveToHome(this, graph)

    override fun biometricReady(): Boolean = graph.settingsStore.biometricEnabled && biometric.enrolled() && biometric.available()

    /** The prompt's title: under a disguise it must not say "Tally". */
    private fun promptTitle(): String =
        if (graph.settingsStore.disguise == Disguise.NONE) text(Text.UNLOCK_BIOMETRIC_PROMPT_TITLE) else text("biometric_prompt_disguised")

    override fun unlockWithBiometric() {
        biometric.unwrap(this, promptTitle(), text(Text.UNLOCK_BIOMETRIC_CANCEL)) { key ->
            if (key == null) {
                if (!biometric.enrolled()) p.settings.setBiometricEnabled(false)
                return@unwrap
            }
            lifecycleScope.launch {
                try {
                    p.unlock.unlockWithKey(key)
                } finally {
                    key.fill(0)
                }
            }
        }
    }

    override fun setBiometric(enabled: Boolean) {
        if (!enabled) {
            biometric.remove()
            p.settings.setBiometricEnabled(false)
            return
        }
        if (!biometric.available()) return
        lifecycleScope.launch {
            // Locked in the meantime (quick exit): nothing to wrap.
            val key = runCatching { p.settings.keyForBiometric() }.getOrNull() ?: return@launch
            val started = runCatching {
                biometric.enroll(this@MainActivity, promptTitle(), text(Text.UNLOCK_BIOMETRIC_CANCEL), key) { ok ->
                    key.fill(0)
                    p.settings.setBiometricEnabled(ok)
                }
            }
            if (started.isFailure) {
                key.fill(0)
                p.settings.setBiometricEnabled(false)
            }
        }
    }

    override fun setDisguise(d: Disguise) {
        p.settings.setDisguise(d)
        applyDisguise(this, d)
    }

    @Composable
    override fun BackHandler(enabled: Boolean, onBack: () -> Unit) = androidx.activity.compose.BackHandler(enabled, onBack)

    // Dialogs are windows of their own: without SecureOn they could be screenshotted.
    override fun dialogProperties(fullWidth: Boolean): DialogProperties =
        DialogProperties(usePlatformDefaultWidth = !fullWidth, securePolicy = SecureFlagPolicy.SecureOn)

    @Composable
    override fun PrivateText(content: @Composable () -> Unit) = PrivateTextInput(clipboard, content)
}
