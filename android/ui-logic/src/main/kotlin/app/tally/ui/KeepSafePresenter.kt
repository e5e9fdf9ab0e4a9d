// KeepSafePresenter: what keeps the diary safe to keep and safe to lose — a backup to hand
// on (one encrypted file of the whole diary, opened by the same passphrase, written with
// progress and a Stop that leaves nothing), and the second passphrase that opens a decoy
// diary of its own (typed twice; set or removed). Every rule is the core's: what a backup
// holds, which diary a passphrase opens, what a decoy may touch. Which diary biometric
// unlock opens is not stored anywhere: it opens the one that was open when it was turned
// on, so nothing on the phone says a decoy exists or which is which.
package app.tally.ui

import app.tally.ffi.BackupSummary
import app.tally.ffi.FieldError
import app.tally.ffi.reviewNewPassphrase
import java.io.File
import java.time.Clock
import java.time.ZoneId
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update

/** What the Keep safe screen shows. */
data class KeepSafeState(
    /** The backup: not started, writing, written (share it) or failed. */
    val backup: WorkPhase<BackupSummary> = WorkPhase.Idle,
    /** Setting or removing the second passphrase. */
    val busy: Boolean = false,
    /** What is wrong with the second passphrase or its confirmation, beside each field. */
    val duressErrors: List<FieldError> = emptyList(),
    /** What the last change of the second passphrase did, or why it failed. */
    val message: Text? = null,
)

/** State and actions of the Keep safe screen; backups go to [outputDir], swept on lock. */
class KeepSafePresenter(
    private val session: Session,
    private val outputDir: File,
    private val clock: Clock,
    private val locale: () -> String,
) : Clearable {
    private val _state = MutableStateFlow(KeepSafeState())

    /** What the screen shows. */
    val state: StateFlow<KeepSafeState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /**
     * Writes a backup, reporting progress in [state]; returns what it wrote, or null with
     * the failure in [state]. Cancelling the calling coroutine (Stop) stops the backup and
     * leaves no file.
     */
    suspend fun backup(): BackupSummary? {
        val token = session.token()
        return try {
            val diary = session.diary()
            val out = freshFile(outputDir, PREFIX, "tally", clock, ZoneId.of(diary.device.zoneId))
            session.writeForSharing(token, diary.backup(out.path), { it.path }) { phase -> _state.update { it.copy(backup = phase) } }
        } catch (e: kotlinx.coroutines.CancellationException) {
            _state.update { it.copy(backup = WorkPhase.Idle) }
            throw e
        } catch (e: Exception) {
            _state.update { it.copy(backup = WorkPhase.Failed(messageFor(e).takeIf { m -> m != Text.ERROR_GENERIC } ?: Text.KEEP_SAFE_BACKUP_FAILED)) }
            null
        }
    }

    /** Sets the second passphrase, typed twice; returns whether it was set. */
    suspend fun setDuress(passphrase: String, confirmation: String): Boolean {
        val problems = reviewNewPassphrase(passphrase, confirmation, locale())
        if (problems.isNotEmpty()) {
            _state.update { it.copy(duressErrors = problems, message = null) }
            return false
        }
        return change(Text.KEEP_SAFE_DURESS_SET_DONE) { session.diary().setDuressPassphrase(passphrase) }
    }

    /** Removes the second passphrase; its decoy diary is deleted, this one is not touched. */
    suspend fun removeDuress(): Boolean = change(Text.KEEP_SAFE_DURESS_REMOVED) { session.diary().removeDuressPassphrase() }

    private suspend fun change(done: Text, work: suspend () -> Unit): Boolean {
        val token = session.token()
        _state.update { it.copy(busy = true, duressErrors = emptyList(), message = null) }
        return try {
            work()
            session.publishIf(token) { _state.update { it.copy(busy = false, message = done) } }
            true
        } catch (e: kotlinx.coroutines.CancellationException) {
            throw e
        } catch (e: Exception) {
            session.publishIf(token) { _state.update { it.copy(busy = false, message = messageFor(e)) } }
            false
        }
    }

    /** Deletes the backups written for sharing and forgets the screen's state. */
    override fun clear() {
        outputDir.listFiles()?.forEach { if (it.name.startsWith("$PREFIX-")) it.delete() }
        _state.value = KeepSafeState()
    }

    private companion object {
        const val PREFIX = "tally-backup"
    }
}
