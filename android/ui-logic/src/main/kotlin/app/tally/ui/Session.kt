// Session: the one place an unlocked diary lives while the app is open. Locking — by the
// quick-exit control, by the app going to the background, or by the user — closes the
// diary (the native side wipes its keys) and clears every presenter's state, so nothing
// the victim wrote stays on screen or in memory behind a lock.
package app.tally.ui

import app.tally.TallyDiary
import app.tally.ffi.CreateOptions
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import java.io.File

/** Where the diary lives and how it is opened; an interface so tests can use a temp dir. */
interface DiaryVault {
    /** Whether a diary exists yet (first run shows "create" instead of "unlock"). */
    fun exists(): Boolean

    /** Creates the diary; throws the bindings' `TallyApiException` on failure. */
    suspend fun create(passphrase: String): TallyDiary

    /** Unlocks with the passphrase; a wrong one throws `TallyApiException.WrongPassphrase`. */
    suspend fun unlock(passphrase: String): TallyDiary

    /** Unlocks with the raw data key the platform keystore released after biometrics. */
    suspend fun unlockWithKey(rawKey: ByteArray): TallyDiary
}

/** The diary file at [file]; [options] only matter on creation (tests pass a fast KDF). */
class FileVault(
    private val file: File,
    private val options: CreateOptions = CreateOptions(),
) : DiaryVault {
    override fun exists(): Boolean = file.isFile

    override suspend fun create(passphrase: String): TallyDiary {
        file.parentFile?.mkdirs()
        return TallyDiary.create(file.path, passphrase, options)
    }

    override suspend fun unlock(passphrase: String): TallyDiary = TallyDiary.unlock(file.path, passphrase)

    override suspend fun unlockWithKey(rawKey: ByteArray): TallyDiary = TallyDiary.unlockWithKey(file.path, rawKey)
}

/** Anything holding diary content that must be wiped on lock. */
interface Clearable {
    /** Drops every piece of diary content held (state, caches, files written for sharing). */
    fun clear()
}

/** Why the session locked; the Android layer leaves to the home screen on [QUICK_EXIT]. */
enum class LockReason {
    /** The user pressed lock. */
    USER,

    /** The quick-exit control: lock and leave at once. */
    QUICK_EXIT,

    /** The app went to the background. */
    BACKGROUNDED,
}

/** Whether the diary is open. */
sealed interface SessionState {
    /** Locked; [reason] is why, or null before the first unlock. */
    data class Locked(val reason: LockReason?) : SessionState

    /** Unlocked. */
    data object Unlocked : SessionState
}

/**
 * Holds the open diary; presenters register to be cleared when it locks. [clock] bounds
 * how long the diary may stay open in the background while the camera or the share sheet,
 * which the app itself opened, is in front.
 */
class Session(private val clock: java.time.Clock = java.time.Clock.systemUTC()) {
    private val lock = Any()
    @Volatile private var holdUntil: java.time.Instant? = null
    private var diary: TallyDiary? = null
    private var generation = 0L
    private val clearables = mutableListOf<Clearable>()
    private val _state = MutableStateFlow<SessionState>(SessionState.Locked(null))

    /** Locked or unlocked, for the navigation to follow. */
    val state: StateFlow<SessionState> = _state.asStateFlow()

    /** Registers [c] to be cleared on every lock; returns it for chaining. */
    fun <T : Clearable> register(c: T): T = c.also { synchronized(lock) { clearables += it } }

    /** Takes ownership of a freshly unlocked diary (closing any earlier one). */
    fun open(d: TallyDiary) {
        val old = synchronized(lock) { diary.also { diary = d } }
        old?.close()
        _state.value = SessionState.Unlocked
    }

    /** A token for the current unlock, taken before a diary call whose result will be shown. */
    fun token(): Long = synchronized(lock) { generation }

    /**
     * Runs [publish] (a state update) only if the diary has not locked since [token] was
     * taken. A lock waits for a running publish and then clears it; a publish after a lock
     * is dropped — so a result read just before a quick exit cannot reappear after it.
     */
    fun publishIf(token: Long, publish: () -> Unit) {
        synchronized(lock) { if (token == generation && diary != null) publish() }
    }

    /** The open diary, or throws [LockedException] if the session is locked. */
    fun diary(): TallyDiary = synchronized(lock) { diary } ?: throw LockedException()

    /** Whether a diary is open. */
    val isUnlocked: Boolean get() = synchronized(lock) { diary != null }

    /**
     * Locks: clears every registered presenter, then closes the diary (keys wiped). Safe
     * to call at any time and more than once; never throws, since it runs on the way out.
     */
    fun lock(reason: LockReason) {
        holdUntil = null
        val (d, cs) = synchronized(lock) {
            generation++
            (diary to clearables.toList()).also { diary = null }
        }
        for (c in cs) runCatching { c.clear() }
        runCatching { d?.close() }
        _state.value = SessionState.Locked(reason)
    }

    /** Quick exit: lock at once; the Android layer then leaves to the home screen. */
    fun quickExit() = lock(LockReason.QUICK_EXIT)

    /**
     * The app is about to open the camera or the share sheet, which sends it to the
     * background: keep the diary open for at most [seconds] so the photo or the pack can
     * come back. Quick exit still locks at once.
     */
    fun holdForExternal(seconds: Long = 300) {
        holdUntil = clock.instant().plusSeconds(seconds)
    }

    /** The camera or share sheet returned. */
    fun releaseHold() {
        holdUntil = null
    }

    /** When the current hold ends, so the platform can lock then; null when none. */
    val holdDeadline: java.time.Instant? get() = holdUntil

    /**
     * The app went to the background: lock, unless the app itself just opened the camera or
     * share sheet and the hold has not run out. Returns whether it locked.
     */
    fun onBackgrounded(): Boolean {
        val until = holdUntil
        if (until != null && clock.instant().isBefore(until)) return false
        lock(LockReason.BACKGROUNDED)
        return true
    }
}

/** A presenter was used while the session is locked (e.g. a save racing a quick exit). */
class LockedException : IllegalStateException("the diary is locked")
