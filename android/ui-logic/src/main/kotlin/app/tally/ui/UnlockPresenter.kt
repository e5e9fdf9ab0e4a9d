// UnlockPresenter: the first screen. Creates the diary on first run, unlocks it by
// passphrase, or by the raw data key the platform keystore releases after a biometric
// prompt. The passphrase is passed in, never kept in state: it lives only in the text field.
// The rules are the core's: a new passphrase's field errors, and the growing delay after
// failed attempts (never a wipe), kept in a LockState the platform persists.
package app.tally.ui

import app.tally.ffi.FieldError
import app.tally.ffi.LockState
import app.tally.ffi.TallyApiException
import app.tally.ffi.UnlockGate
import app.tally.ffi.lockAfterFailure
import app.tally.ffi.lockAfterUnlock
import app.tally.ffi.lockGate
import app.tally.ffi.reviewNewPassphrase
import java.time.Clock
import java.util.Locale
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update

/** Why an unlock failed, each with the message the screen shows. */
enum class UnlockError(val message: Text) {
    /** The passphrase does not open this diary (nothing was changed). */
    WrongPassphrase(Text.UNLOCK_WRONG_PASSPHRASE),

    /** The keystore's key no longer opens the diary (e.g. the passphrase changed since). */
    BiometricKeyInvalid(Text.UNLOCK_BIOMETRIC_KEY_INVALID),

    /** Too many failed attempts: wait (the gate says how long). */
    Wait(Text.UNLOCK_WRONG_PASSPHRASE),

    /** No diary file. */
    NoDiary(Text.UNLOCK_NO_DIARY),

    /** The file is not a Tally diary. */
    NotADiary(Text.UNLOCK_NOT_A_DIARY),

    /** The diary is damaged. */
    Damaged(Text.UNLOCK_DAMAGED),

    /** Storage failed. */
    Storage(Text.ERROR_STORAGE),

    /** Anything else. */
    Other(Text.ERROR_GENERIC),
}

/** What the unlock screen shows. */
data class UnlockState(
    /** No diary yet: show "create" with a confirmation field. */
    val firstRun: Boolean,
    /** A call is running: disable the buttons. */
    val busy: Boolean = false,
    /** The last failure, if any. */
    val error: UnlockError? = null,
    /** First run: what is wrong with the new passphrase or its confirmation. */
    val fieldErrors: List<FieldError> = emptyList(),
    /** Failed passphrase attempts since the last unlock (kept across restarts). */
    val failedAttempts: Int = 0,
    /** When the next attempt may be made, with the core's sentence, after too many failures. */
    val wait: UnlockGate.Wait? = null,
)

/** Where the platform keeps the lock policy's state (protected storage on a phone). */
interface LockStore {
    /** The state, as last saved. */
    var lockState: LockState
}

/** An in-memory store, for tests and previews. */
class MemoryLockStore(override var lockState: LockState = LockState()) : LockStore

/** State and actions of the unlock screen. */
class UnlockPresenter(
    private val session: Session,
    private val vault: DiaryVault,
    private val clock: Clock = Clock.systemUTC(),
    private val store: LockStore = MemoryLockStore(),
    private val locale: () -> Locale = { Locale.getDefault() },
) : Clearable {
    private val _state = MutableStateFlow(idle())

    /** What the screen shows. */
    val state: StateFlow<UnlockState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** First run: creates the diary with [passphrase] (typed twice) and opens it. */
    suspend fun create(passphrase: String, confirmation: String): Boolean {
        val problems = reviewNewPassphrase(passphrase, confirmation, locale().toLanguageTag())
        if (problems.isNotEmpty()) {
            _state.update { it.copy(fieldErrors = problems) }
            return false
        }
        return attempt(biometric = false) { vault.create(passphrase) }
    }

    /** Unlocks with [passphrase]; on failure the state names the error. */
    suspend fun unlock(passphrase: String): Boolean = attempt(biometric = false) { vault.unlock(passphrase) }

    /**
     * Unlocks with the raw key the platform decrypted after the biometric prompt. The
     * caller wipes [rawKey] afterwards.
     */
    suspend fun unlockWithKey(rawKey: ByteArray): Boolean = attempt(biometric = true) { vault.unlockWithKey(rawKey) }

    private suspend fun attempt(biometric: Boolean, open: suspend () -> app.tally.TallyDiary): Boolean {
        val gate = lockGate(store.lockState, clock.instant(), locale().toLanguageTag())
        if (gate is UnlockGate.Wait) {
            _state.update { it.copy(error = UnlockError.Wait, wait = gate) }
            return false
        }
        _state.update { it.copy(busy = true, error = null, fieldErrors = emptyList(), wait = null) }
        return try {
            session.open(open())
            store.lockState = lockAfterUnlock(store.lockState, clock.instant())
            _state.value = UnlockState(firstRun = false)
            true
        } catch (e: TallyApiException) {
            val error = when (e) {
                is TallyApiException.WrongPassphrase ->
                    if (biometric) UnlockError.BiometricKeyInvalid else UnlockError.WrongPassphrase
                is TallyApiException.NotFound -> UnlockError.NoDiary
                is TallyApiException.NotADiary -> UnlockError.NotADiary
                is TallyApiException.Damaged, is TallyApiException.Corrupt -> UnlockError.Damaged
                is TallyApiException.Io -> UnlockError.Storage
                else -> UnlockError.Other
            }
            if (error == UnlockError.WrongPassphrase) {
                store.lockState = lockAfterFailure(store.lockState, clock.instant())
            }
            val next = lockGate(store.lockState, clock.instant(), locale().toLanguageTag())
            _state.update {
                it.copy(
                    busy = false,
                    error = error,
                    failedAttempts = store.lockState.failedAttempts.toInt(),
                    wait = next as? UnlockGate.Wait,
                )
            }
            false
        } catch (e: java.io.IOException) {
            _state.update { it.copy(busy = false, error = UnlockError.Storage) }
            false
        }
    }

    /** The screen at rest: the wait still running from earlier failures shows at once, even after a restart. */
    private fun idle() = UnlockState(
        firstRun = !vault.exists(),
        failedAttempts = store.lockState.failedAttempts.toInt(),
        wait = lockGate(store.lockState, clock.instant(), locale().toLanguageTag()) as? UnlockGate.Wait,
    )

    /**
     * Reads the gate again, so the wait counts down on screen and ends by itself; the
     * screen calls this each second while [UnlockState.wait] is set.
     */
    fun refreshGate() = _state.update { s ->
        val wait = lockGate(store.lockState, clock.instant(), locale().toLanguageTag()) as? UnlockGate.Wait
        s.copy(wait = wait, error = if (wait == null && s.error == UnlockError.Wait) null else s.error)
    }

    override fun clear() {
        _state.value = idle()
    }
}
