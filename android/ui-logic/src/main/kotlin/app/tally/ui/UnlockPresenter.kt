// UnlockPresenter: the first screen. Creates the diary on first run, unlocks it by
// passphrase, or by the raw data key the platform keystore releases after a biometric
// prompt. The passphrase is passed in, never kept in state: it lives only in the text field.
package app.tally.ui

import app.tally.ffi.TallyApiException
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

    /** First run: the two passphrases differ. */
    Mismatch(Text.CREATE_MISMATCH),

    /** First run: the passphrase is too short to protect a diary. */
    Weak(Text.CREATE_WEAK),

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
    /** Failed passphrase attempts since the screen appeared. */
    val failedAttempts: Int = 0,
)

/** State and actions of the unlock screen. */
class UnlockPresenter(private val session: Session, private val vault: DiaryVault) : Clearable {
    private val _state = MutableStateFlow(UnlockState(firstRun = !vault.exists()))

    /** What the screen shows. */
    val state: StateFlow<UnlockState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** First run: creates the diary with [passphrase] (typed twice) and opens it. */
    suspend fun create(passphrase: String, confirmation: String): Boolean {
        if (passphrase != confirmation) {
            _state.update { it.copy(error = UnlockError.Mismatch) }
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
        _state.update { it.copy(busy = true, error = null) }
        return try {
            session.open(open())
            _state.value = UnlockState(firstRun = false)
            true
        } catch (e: TallyApiException) {
            val error = when (e) {
                is TallyApiException.WrongPassphrase ->
                    if (biometric) UnlockError.BiometricKeyInvalid else UnlockError.WrongPassphrase
                is TallyApiException.WeakPassphrase -> UnlockError.Weak
                is TallyApiException.NotFound -> UnlockError.NoDiary
                is TallyApiException.NotADiary -> UnlockError.NotADiary
                is TallyApiException.Damaged, is TallyApiException.Corrupt -> UnlockError.Damaged
                is TallyApiException.Io -> UnlockError.Storage
                else -> UnlockError.Other
            }
            _state.update {
                it.copy(
                    busy = false,
                    error = error,
                    failedAttempts = it.failedAttempts + if (error == UnlockError.WrongPassphrase) 1 else 0,
                )
            }
            false
        } catch (e: java.io.IOException) {
            _state.update { it.copy(busy = false, error = UnlockError.Storage) }
            false
        }
    }

    override fun clear() {
        _state.value = UnlockState(firstRun = !vault.exists())
    }
}
