// DeviceHeads: the head this device last verified of each diary — its file id, size and
// root, nothing of the content — kept outside the diary file, so that an older copy of the
// file put back in place opens read-only and says how many entries are missing. One small
// file per diary id, `<id>.head`, in the core's text (the same the CLI keeps in its state
// folder, written and read by the core through the bindings); on a phone
// the folder is app-private and excluded from the system's backups, which are exactly the
// copies a rollback would come from.
package app.tally

import app.tally.ffi.DeviceHead
import app.tally.ffi.TallyApiException
import app.tally.ffi.deviceHeadText
import app.tally.ffi.parseDeviceHead
import java.io.File
import java.nio.file.Files
import java.nio.file.StandardCopyOption

/** Where a device keeps the head of each diary it has opened. */
interface DeviceHeadStore {
    /** The head kept for the diary with file id [diaryId], if any. */
    fun head(diaryId: String): DeviceHead?

    /** Keeps [head] for its diary from now on. */
    fun store(head: DeviceHead)
}

/** Heads as files in [dir]: `<id>.head` in the core's text, written whole or not at all. */
class DeviceHeadFiles(private val dir: File) : DeviceHeadStore {
    override fun head(diaryId: String): DeviceHead? {
        val file = fileOf(diaryId) ?: return null
        // A record is one short line: anything longer is no record, and is not read.
        if (!file.isFile || file.length() > MAX_RECORD) return null
        return try {
            parseDeviceHead(file.readText()).takeIf { it.diaryId == diaryId }
        } catch (e: TallyApiException) {
            null
        }
    }

    override fun store(head: DeviceHead) {
        val file = fileOf(head.diaryId) ?: return
        dir.mkdirs()
        // Written to a temporary file and renamed over the old one: a crash leaves the old
        // record or the new, never half of one.
        val tmp = File(dir, ".${file.name}.tmp")
        tmp.outputStream().use { out ->
            out.write(deviceHeadText(head).toByteArray())
            out.fd.sync()
        }
        Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
    }

    /** A diary id as a file name: exactly 32 hex digits, nothing else. */
    private fun fileOf(diaryId: String): File? =
        if (diaryId.length == 32 && diaryId.all { it in '0'..'9' || it in 'a'..'f' || it in 'A'..'F' }) File(dir, "$diaryId.head") else null

    private companion object {
        /** The core reads at most this much of a record. */
        const val MAX_RECORD = 1024L
    }
}
