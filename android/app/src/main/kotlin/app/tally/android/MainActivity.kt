// MainActivity: the one activity. Sets FLAG_SECURE before anything is drawn, hosts the
// Compose screens, and does what only an activity can: camera and photo picker, the share
// sheet out, share-sheet intents in (images, WhatsApp exports), the biometric prompt, the
// launcher disguise and quick exit. Every launcher <activity-alias> points here.
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
import androidx.core.content.FileProvider
import androidx.core.content.IntentCompat
import androidx.fragment.app.FragmentActivity
import androidx.lifecycle.lifecycleScope
import app.tally.ffi.Category
import app.tally.ui.Disguise
import app.tally.ui.SessionState
import app.tally.ui.Text
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** What the screens ask of the platform. */
interface PlatformActions {
    /** Opens the camera; the photo is attached to the capture in progress. */
    fun takePhoto()

    /** Opens the photo picker (photos and screenshots). */
    fun pickPhoto()

    /** Opens the share sheet for the pack at [path]. */
    fun sharePack(path: String)

    /** Locks and leaves to the home screen. */
    fun quickExit()

    /** Whether biometric unlock is set up and available. */
    fun biometricReady(): Boolean

    /** Shows the biometric prompt and unlocks with the released key. */
    fun unlockWithBiometric()

    /** Sets up (true) or removes (false) biometric unlock. */
    fun setBiometric(enabled: Boolean)

    /** Switches the launcher name and icon. */
    fun setDisguise(d: Disguise)
}

/** The activity. */
class MainActivity : FragmentActivity(), PlatformActions {
    private val graph: Graph get() = (application as TallyApp).graph
    private val biometric by lazy { BiometricKeys(this) }
    private var photoFile: File? = null

    /** Files shared into Tally while it was locked, attached once it is unlocked. */
    private val pendingShares = mutableListOf<Pair<Uri, String?>>()
    private var pendingText: String? = null

    private val takePicture = registerForActivityResult(ActivityResultContracts.TakePicture()) { saved ->
        graph.session.releaseHold()
        val file = photoFile
        photoFile = null
        if (file != null) {
            lifecycleScope.launch {
                // The camera wrote the full-size original; its bytes go into the diary unchanged.
                val bytes = withContext(Dispatchers.IO) { if (saved && file.length() > 0) file.readBytes() else null }
                bytes?.let { graph.capture.attachPhoto(it, file.name, "image/jpeg") }
                withContext(Dispatchers.IO) { file.delete() }
            }
        }
    }

    private val pickVisualMedia = registerForActivityResult(ActivityResultContracts.PickVisualMedia()) { uri ->
        graph.session.releaseHold()
        if (uri != null) attachFromUris(listOf(uri to contentResolver.getType(uri)))
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // No screenshots, no screen recording, a blank card in Recents.
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) setRecentsScreenshotEnabled(false)
        receiveShare(intent)
        setContent { TallyRoot(graph, this) }
        lifecycleScope.launch {
            graph.session.state.collect { if (it is SessionState.Unlocked) flushPendingShares() }
        }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        receiveShare(intent)
        if (graph.session.isUnlocked) flushPendingShares()
    }

    override fun onResume() {
        super.onResume()
        // Back from the camera or the share sheet.
        graph.session.releaseHold()
    }

    private fun receiveShare(intent: Intent?) {
        intent ?: return
        val type = intent.type
        when (intent.action) {
            Intent.ACTION_SEND -> {
                IntentCompat.getParcelableExtra(intent, Intent.EXTRA_STREAM, Uri::class.java)?.let { pendingShares += it to type }
                    ?: intent.getStringExtra(Intent.EXTRA_TEXT)?.let { pendingText = it }
            }
            Intent.ACTION_SEND_MULTIPLE ->
                IntentCompat.getParcelableArrayListExtra(intent, Intent.EXTRA_STREAM, Uri::class.java)
                    ?.forEach { pendingShares += it to (contentResolver.getType(it) ?: type) }
        }
    }

    private fun flushPendingShares() {
        val files = pendingShares.toList()
        pendingShares.clear()
        val text = pendingText
        pendingText = null
        if (files.isEmpty() && text == null) return
        if (text != null) graph.capture.attachPhoto(text.toByteArray(), "shared.txt", "text/plain")
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
                graph.capture.attachPhoto(bytes, name, type)
                // A WhatsApp export (text or zip) is a conversation: pre-select Message.
                if (type == "text/plain" || type == "application/zip") {
                    if (graph.capture.state.value.category == null) graph.capture.toggleCategory(Category.MESSAGE)
                }
            }
        }
    }

    override fun takePhoto() {
        val dir = File(filesDir, "capture").apply { mkdirs() }
        val file = File.createTempFile("photo-", ".jpg", dir)
        photoFile = file
        graph.session.holdForExternal()
        takePicture.launch(FileProvider.getUriForFile(this, "$packageName.files", file))
    }

    override fun pickPhoto() {
        graph.session.holdForExternal()
        pickVisualMedia.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly))
    }

    override fun sharePack(path: String) {
        val uri = FileProvider.getUriForFile(this, "$packageName.files", File(path))
        val send = Intent(Intent.ACTION_SEND)
            .setType("application/zip")
            .putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        send.clipData = ClipData.newRawUri(null, uri)
        graph.session.holdForExternal()
        startActivity(Intent.createChooser(send, text("share_chooser_title")))
    }

    override fun quickExit() = leaveToHome(this, graph)

    override fun biometricReady(): Boolean = graph.settingsStore.biometricEnabled && biometric.enrolled() && biometric.available()

    override fun unlockWithBiometric() {
        biometric.unwrap(this, text(Text.UNLOCK_BIOMETRIC_PROMPT_TITLE), text(Text.UNLOCK_BIOMETRIC_CANCEL)) { key ->
            if (key == null) {
                if (!biometric.enrolled()) graph.settings.setBiometricEnabled(false)
                return@unwrap
            }
            lifecycleScope.launch {
                try {
                    graph.unlock.unlockWithKey(key)
                } finally {
                    key.fill(0)
                }
            }
        }
    }

    override fun setBiometric(enabled: Boolean) {
        if (!enabled) {
            biometric.remove()
            graph.settings.setBiometricEnabled(false)
            return
        }
        if (!biometric.available()) return
        lifecycleScope.launch {
            // Locked in the meantime (quick exit): nothing to wrap.
            val key = runCatching { graph.settings.keyForBiometric() }.getOrNull() ?: return@launch
            val started = runCatching {
                biometric.enroll(this@MainActivity, text(Text.UNLOCK_BIOMETRIC_PROMPT_TITLE), text(Text.UNLOCK_BIOMETRIC_CANCEL), key) { ok ->
                    key.fill(0)
                    graph.settings.setBiometricEnabled(ok)
                }
            }
            if (started.isFailure) {
                key.fill(0)
                graph.settings.setBiometricEnabled(false)
            }
        }
    }

    override fun setDisguise(d: Disguise) {
        graph.settings.setDisguise(d)
        applyDisguise(this, d)
    }
}
