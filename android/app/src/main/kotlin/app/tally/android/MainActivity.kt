// MainActivity: the one activity of the diary. Sets FLAG_SECURE before anything is drawn,
// hosts the shared Compose screens (android/screens) and implements what they ask of the
// platform: the in-app camera, the photo and document pickers, the share sheet out,
// share-sheet intents in (photos to quick capture, chat exports to the import wizard), the
// biometric prompt, the launcher disguise, quick exit, back, secure dialogs, and private
// text input. Every launcher <activity-alias> points here.
package app.tally.android

import android.content.ClipData
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.provider.OpenableColumns
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
import app.tally.screens.Platform
import app.tally.screens.Route
import app.tally.screens.TallyRoot
import app.tally.ui.Disguise
import app.tally.ui.SessionState
import app.tally.ui.Text
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** What a shared or picked file is when it is a conversation for the import wizard. */
private val CONVERSATION_TYPES = listOf("text/plain", "application/zip", "text/xml", "application/xml")

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
        if (uri != null) attachFromUris(listOf(uri to contentResolver.getType(uri)))
    }

    // The chosen file goes straight to the import wizard's presenter, which outlives this
    // activity: a callback kept here would be lost if the activity were recreated (rotated)
    // while the picker was open.
    private val pickDocument = registerForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        if (uri != null) copyForImport(uri) { path -> lifecycleScope.launch { p.imports.choose(path) } }
    }

    /** The backup waiting for the folder chooser (the file stays in the swept share folder). */
    private var backupToSave: String? = null

    // The storage access framework's "save as": the victim picks a folder (a memory card, a
    // drive); the backup is copied there by stream, and the copy in the share folder stays
    // until the lock sweeps it.
    private val saveDocument = registerForActivityResult(ActivityResultContracts.CreateDocument("application/octet-stream")) { uri ->
        val source = backupToSave?.let(::File)
        backupToSave = null
        if (uri == null || source == null || !source.isFile) return@registerForActivityResult
        lifecycleScope.launch(Dispatchers.IO) {
            runCatching {
                contentResolver.openOutputStream(uri, "w")?.use { out -> source.inputStream().use { it.copyTo(out) } }
            }
        }
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
        // The idle deadline may have passed while the Handler slept.
        app.checkLock()
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
                // A WhatsApp export (text or zip) or an SMS backup is a conversation: it goes
                // through the core's import wizard, never in as an opaque attachment.
                if (type in CONVERSATION_TYPES) {
                    copyForImport(uri) { path ->
                        lifecycleScope.launch { p.imports.choose(path) }
                        p.requests.show(Route.IMPORT)
                    }
                    continue
                }
                // Read the original bytes exactly as shared; the core hashes and keeps them.
                val bytes = withContext(Dispatchers.IO) {
                    runCatching { contentResolver.openInputStream(uri)?.use { it.readBytes() } }.getOrNull()
                } ?: continue
                p.capture.attachPhoto(bytes, displayName(uri), type)
            }
        }
    }

    /**
     * Copies the document at [uri] into the import wizard's inbox (app-private cache, swept on
     * lock and at start), streaming, so a large zip never has to fit in memory; the core reads
     * files by path. [then] gets the copy's path on the main thread.
     */
    private fun copyForImport(uri: Uri, then: (String) -> Unit) {
        lifecycleScope.launch {
            val copy = withContext(Dispatchers.IO) {
                runCatching {
                    val inbox = p.imports.inbox.apply { mkdirs() }
                    // The name keeps its extension (.txt, .zip, .xml); the core reads the content.
                    val name = displayName(uri)?.substringAfterLast('/')?.takeLast(100) ?: "shared-chat"
                    val out = File.createTempFile("import-", "-$name", inbox)
                    contentResolver.openInputStream(uri)?.use { input -> out.outputStream().use { input.copyTo(it) } } ?: return@runCatching null
                    out
                }.getOrNull()
            }
            if (copy != null) then(copy.path)
        }
    }

    /** The name the provider gives the document, if any. */
    private fun displayName(uri: Uri): String? =
        runCatching {
            contentResolver.query(uri, arrayOf(OpenableColumns.DISPLAY_NAME), null, null, null)?.use { c ->
                if (c.moveToFirst()) c.getString(0) else null
            }
        }.getOrNull() ?: uri.lastPathSegment?.substringAfterLast('/')

    override fun takePhoto() {
        camera.launch(Intent(this, CameraActivity::class.java))
    }

    override fun pickPhoto() {
        p.session.holdForExternal()
        pickVisualMedia.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly))
    }

    override fun pickImportFile(onChosen: (path: String) -> Unit) {
        p.session.holdForExternal()
        pickDocument.launch(CONVERSATION_TYPES.toTypedArray())
    }

    override fun sharePack(path: String) = share(path, "application/zip")

    override fun shareBackup(path: String) = share(path, "application/octet-stream")

    private fun share(path: String, type: String) {
        val uri = FileProvider.getUriForFile(this, "$packageName.files", File(path))
        val send = Intent(Intent.ACTION_SEND)
            .setType(type)
            .putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        send.clipData = ClipData.newRawUri(null, uri)
        p.session.holdForExternal()
        startActivity(Intent.createChooser(send, text("share_chooser_title")))
    }

    override fun saveBackup(path: String) {
        backupToSave = path
        p.session.holdForExternal()
        saveDocument.launch(File(path).name)
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
