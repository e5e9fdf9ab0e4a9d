// CameraActivity: takes a photo inside Tally, with CameraX, straight into app-private
// storage (files/capture). The system camera app is not used: it may keep its own copy in
// the gallery or a cloud backup, where the stalker can find it. The activity is Tally's own,
// so leaving for it does not background the app (no lock hold needed), and it is
// FLAG_SECURE like the rest. Returns the file's path; the caller attaches and deletes it.
package app.tally.android

import android.Manifest
import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Bundle
import android.view.WindowManager
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.camera.core.CameraSelector
import androidx.camera.core.ImageCapture
import androidx.camera.core.ImageCaptureException
import androidx.camera.view.LifecycleCameraController
import androidx.camera.view.PreviewView
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.compose.ui.viewinterop.AndroidView
import androidx.core.content.ContextCompat
import java.io.File

/** The in-app camera. */
class CameraActivity : ComponentActivity() {
    private lateinit var controller: LifecycleCameraController

    private val permission = registerForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) show() else finishWith(null)
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) show()
        else permission.launch(Manifest.permission.CAMERA)
    }

    private fun show() {
        controller = LifecycleCameraController(this).apply {
            cameraSelector = CameraSelector.DEFAULT_BACK_CAMERA
            setEnabledUseCases(LifecycleCameraController.IMAGE_CAPTURE)
            bindToLifecycle(this@CameraActivity)
        }
        setContent {
            Box(Modifier.fillMaxSize()) {
                AndroidView(factory = { PreviewView(it).apply { controller = this@CameraActivity.controller } }, modifier = Modifier.fillMaxSize())
                Button(
                    onClick = ::shoot,
                    modifier = Modifier.align(Alignment.BottomCenter).fillMaxWidth().padding(24.dp).heightIn(min = 64.dp),
                ) { Text(text(app.tally.ui.Text.CAPTURE_TAKE_PHOTO)) }
            }
        }
    }

    private fun shoot() {
        val dir = File(filesDir, Graph.CAPTURE_DIR).apply { mkdirs() }
        val file = File.createTempFile("photo-", ".jpg", dir)
        controller.takePicture(
            ImageCapture.OutputFileOptions.Builder(file).build(),
            ContextCompat.getMainExecutor(this),
            object : ImageCapture.OnImageSavedCallback {
                override fun onImageSaved(output: ImageCapture.OutputFileResults) = finishWith(file)

                override fun onError(e: ImageCaptureException) {
                    file.delete()
                    finishWith(null)
                }
            },
        )
    }

    private fun finishWith(file: File?) {
        setResult(if (file != null) Activity.RESULT_OK else Activity.RESULT_CANCELED, file?.let { Intent().putExtra(EXTRA_PATH, it.path) })
        finish()
    }

    companion object {
        /** The result's extra: the photo's path under files/capture. */
        const val EXTRA_PATH = "app.tally.android.PHOTO_PATH"
    }
}
