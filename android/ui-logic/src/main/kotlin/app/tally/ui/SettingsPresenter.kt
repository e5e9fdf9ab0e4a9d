// SettingsPresenter: passphrase change, biometric unlock, the launcher disguise, quick
// exit. The disguise and the biometric flag are stored by the platform (SharedPreferences)
// behind [SettingsStore]; neither holds diary content.
package app.tally.ui

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update

/** A launcher name and icon. [alias] is the `<activity-alias>` name in the manifest. */
enum class Disguise(val label: Text, val alias: String) {
    /** Tally's own name and icon. */
    NONE(Text.DISGUISE_NONE, "app.tally.android.LauncherTally"),

    /** "Calculator". */
    CALCULATOR(Text.DISGUISE_CALCULATOR, "app.tally.android.LauncherCalculator"),

    /** "Notes". */
    NOTES(Text.DISGUISE_NOTES, "app.tally.android.LauncherNotes"),

    /** "Weather". */
    WEATHER(Text.DISGUISE_WEATHER, "app.tally.android.LauncherWeather"),
}

/** The app's own settings storage (no diary content). */
interface SettingsStore {
    /** The chosen disguise. */
    var disguise: Disguise

    /** Whether biometric unlock is set up. */
    var biometricEnabled: Boolean
}

/** An in-memory store, for tests and previews. */
class MemorySettingsStore(
    override var disguise: Disguise = Disguise.NONE,
    override var biometricEnabled: Boolean = false,
) : SettingsStore

/** What the settings screen shows. */
data class SettingsState(
    /** The chosen disguise. */
    val disguise: Disguise,
    /** Biometric unlock is set up. */
    val biometricEnabled: Boolean,
    /** Changing the passphrase. */
    val busy: Boolean = false,
    /** A message to show. */
    val message: Text? = null,
    /** What is wrong with the new passphrase or its confirmation. */
    val errors: List<app.tally.ffi.FieldError> = emptyList(),
)

/** State and actions of settings. */
class SettingsPresenter(private val session: Session, private val store: SettingsStore) : Clearable {
    private val _state = MutableStateFlow(SettingsState(store.disguise, store.biometricEnabled))

    /** What the screen shows. */
    val state: StateFlow<SettingsState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** Changes the passphrase; the new one is typed twice. Returns whether it changed. */
    suspend fun changePassphrase(old: String, new: String, confirmation: String): Boolean {
        val problems = app.tally.ffi.reviewNewPassphrase(new, confirmation, java.util.Locale.getDefault().toLanguageTag())
        if (problems.isNotEmpty()) {
            _state.update { it.copy(message = null, errors = problems) }
            return false
        }
        _state.update { it.copy(busy = true, message = null, errors = emptyList()) }
        return try {
            session.diary().changePassphrase(old, new)
            _state.update { it.copy(busy = false, message = Text.SETTINGS_PASSPHRASE_CHANGED) }
            true
        } catch (e: Exception) {
            _state.update { it.copy(busy = false, message = messageFor(e)) }
            false
        }
    }

    /**
     * The raw data key, to be encrypted by the platform's keystore key (which requires the
     * user's biometric) and stored; the caller wipes it after encrypting.
     */
    suspend fun keyForBiometric(): ByteArray = session.diary().rawKey()

    /** Records whether biometric unlock is set up (after the keystore step succeeded or was removed). */
    fun setBiometricEnabled(enabled: Boolean) {
        store.biometricEnabled = enabled
        _state.update { it.copy(biometricEnabled = enabled) }
    }

    /** Chooses a disguise; the platform then switches the launcher alias. */
    fun setDisguise(d: Disguise) {
        store.disguise = d
        _state.update { it.copy(disguise = d) }
    }

    /** Quick exit: lock now. */
    fun quickExit() = session.quickExit()

    override fun clear() {
        _state.value = SettingsState(store.disguise, store.biometricEnabled)
    }
}
