// Session: the one place an unlocked diary lives while the app is open. Locking — by the
// quick-exit control, by the app going to the background, by idle time, or by the user —
// closes the diary (the native side wipes its keys) and clears every presenter's state, so
// nothing the victim wrote stays on screen or in memory behind a lock. When to lock is the
// core's lock policy (app.tally.ffi.lockDue and friends); the session only keeps its state.
package app.tally.ui

import app.tally.Device
import app.tally.DeviceHeadStore
import app.tally.TallyDiary
import app.tally.ffi.CreateOptions
import app.tally.ffi.LockSettings
import app.tally.ffi.LockState
import app.tally.ffi.defaultLockSettings
import app.tally.ffi.lockAfterActivity
import app.tally.ffi.lockAfterBackground
import app.tally.ffi.lockAfterForeground
import app.tally.ffi.lockAfterLock
import app.tally.ffi.lockAfterUnlock
import app.tally.ffi.lockDeadline
import app.tally.ffi.lockDue
import app.tally.ffi.lockOpeningExternal
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

/**
 * The diary file at [file]; [options] only matter on creation (tests pass a fast KDF);
 * [device] is the zone and language its views use (the phone's, unless a test fixes them);
 * [heads] is where this device keeps the diary's head, so an older copy put back in place
 * is noticed (app-private storage the system does not back up).
 */
class FileVault(
    private val file: File,
    private val options: CreateOptions = CreateOptions(),
    private val device: Device = Device(),
    private val heads: DeviceHeadStore? = null,
) : DiaryVault {
    override fun exists(): Boolean = file.isFile

    override suspend fun create(passphrase: String): TallyDiary {
        file.parentFile?.mkdirs()
        return TallyDiary.create(file.path, passphrase, options, device = device, heads = heads)
    }

    override suspend fun unlock(passphrase: String): TallyDiary = TallyDiary.unlock(file.path, passphrase, device = device, heads = heads)

    override suspend fun unlockWithKey(rawKey: ByteArray): TallyDiary = TallyDiary.unlockWithKey(file.path, rawKey, device = device, heads = heads)
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

    /** Nothing happened for the idle time. */
    IDLE,
}

/** Whether the diary is open. */
sealed interface SessionState {
    /** Locked; [reason] is why, or null before the first unlock. */
    data class Locked(val reason: LockReason?) : SessionState

    /** Unlocked. */
    data object Unlocked : SessionState
}

/**
 * Holds the open diary; presenters register to be cleared when it locks. [clock] is the
 * wall clock the lock policy's deadlines are read against; [settings] its choices.
 */
class Session(
    private val clock: java.time.Clock = java.time.Clock.systemUTC(),
    private val settings: LockSettings = defaultLockSettings(),
) {
    private val lock = Any()
    @Volatile private var policy = LockState()
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
        policy = lockAfterUnlock(policy, clock.instant())
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

    /** The open diary, or null. */
    fun diaryOrNull(): TallyDiary? = synchronized(lock) { diary }

    /** Whether a diary is open. */
    val isUnlocked: Boolean get() = synchronized(lock) { diary != null }

    /**
     * Locks: clears every registered presenter, then closes the diary (keys wiped). Safe
     * to call at any time and more than once; never throws, since it runs on the way out.
     */
    fun lock(reason: LockReason) {
        policy = lockAfterLock(policy)
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

    /** The victim did something: the idle deadline moves. */
    fun touch() {
        policy = lockAfterActivity(policy, clock.instant())
    }

    /**
     * The app is about to open the camera or the share sheet, which sends it to the
     * background: keep the diary open for at most [seconds] so the photo or the pack can
     * come back. Quick exit still locks at once.
     */
    fun holdForExternal(seconds: Long = settings.externalSeconds.toLong()) {
        policy = lockOpeningExternal(policy, clock.instant(), settings.copy(externalSeconds = seconds.toULong()))
    }

    /** When the diary must next lock if nothing happens, so the platform can check then. */
    val holdDeadline: java.time.Instant? get() = if (isUnlocked) lockDeadline(policy, settings) else null

    /**
     * The app went to the background: lock, unless the app itself just opened the camera or
     * share sheet and the hold has not run out. Returns whether it locked.
     */
    fun onBackgrounded(): Boolean {
        policy = lockAfterBackground(policy, clock.instant())
        return lockIfDue() || !isUnlocked
    }

    /** The app came back to the foreground: lock if a deadline passed meanwhile. */
    fun onForegrounded(): Boolean {
        if (lockIfDue()) return true
        policy = lockAfterForeground(policy, clock.instant())
        return false
    }

    /** Locks now if the policy says a lock is due (idle time, background, a long hold). */
    fun lockIfDue(): Boolean {
        val due = lockDue(policy, clock.instant(), settings) ?: return false
        lock(if (due == app.tally.ffi.LockReason.IDLE) LockReason.IDLE else LockReason.BACKGROUNDED)
        return true
    }
}

/** A presenter was used while the session is locked (e.g. a save racing a quick exit). */
class LockedException : IllegalStateException("the diary is locked")
