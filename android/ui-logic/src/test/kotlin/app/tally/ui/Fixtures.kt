// Fixtures shared by the ui-logic tests: a fast-KDF diary in a temp dir, a clock the test
// moves, and London, whose clocks change (the time-zone tests need both GMT and BST).
package app.tally.ui

import app.tally.Device
import app.tally.ffi.CreateOptions
import java.io.File
import java.time.Clock
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset

const val PASSPHRASE = "correct horse battery"

/** The weakest Argon2id a diary may have (the floor), so the tests run fast. */
val FAST = CreateOptions(kdfMemoryKib = 19456u, kdfIterations = 2u)

val LONDON: ZoneId = ZoneId.of("Europe/London")

/** A clock the test sets; clocks derived with withZone follow it. */
class TestClock(var now: Instant) : Clock() {
    override fun getZone(): ZoneId = ZoneOffset.UTC
    override fun instant(): Instant = now
    override fun withZone(zone: ZoneId): Clock {
        val base = this
        return object : Clock() {
            override fun getZone(): ZoneId = zone
            override fun withZone(zone: ZoneId): Clock = base.withZone(zone)
            override fun instant(): Instant = base.now
        }
    }
}

/** A vault in [dir] with a fast KDF, on a device in London. */
fun vault(dir: File) = FileVault(File(dir, "case.diary"), FAST, Device(LONDON))

/** A new diary in [dir], open in a new session. */
suspend fun openSession(dir: File, clock: Clock = Clock.systemUTC()): Session {
    val session = Session(clock)
    session.open(vault(dir).create(PASSPHRASE))
    return session
}

/** A small PNG-like byte string, as a camera would hand over. */
// A real 4x3 PNG: attachments that claim to be images are decoded before they are kept.
val PHOTO: ByteArray = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAE0lEQVR4nGP4z8DAAMZAwICTAwBC8hHvOAjORwAAAABJRU5ErkJggg==")
