// SharedFiles: the files the app writes for sharing (evidence packs, backups) — how far the
// writing has got, and their names. A name says only what kind of Tally file it is and
// when it was made — never a person, a place or anything else from the diary — and never
// replaces a file already there.
package app.tally.ui

import app.tally.Work
import java.io.File
import java.time.Clock
import java.time.LocalDateTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import kotlinx.coroutines.flow.Flow

/** A file in [dir] named `<prefix>-<local time>.<extension>`, numbered if that is taken. */
internal fun freshFile(dir: File, prefix: String, extension: String, clock: Clock, zone: ZoneId): File {
    dir.mkdirs()
    val stamp = LocalDateTime.now(clock.withZone(zone)).format(DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss"))
    return generateSequence(1) { it + 1 }
        .map { n -> File(dir, if (n == 1) "$prefix-$stamp.$extension" else "$prefix-$stamp-$n.$extension") }
        .first { !it.exists() }
}

/** Where writing a file for sharing is. */
sealed interface WorkPhase<out T> {
    /** Not started (or stopped: a stopped backup or export leaves nothing). */
    data object Idle : WorkPhase<Nothing>

    /** Writing: [done] of [total] units, [total] when known. */
    data class Running(val done: ULong, val total: ULong?) : WorkPhase<Nothing>

    /** Written: share [path]; [summary] is what the core says it wrote. */
    data class Done<T>(val path: String, val summary: T) : WorkPhase<T>

    /** Failed with a message. */
    data class Failed(val message: Text) : WorkPhase<Nothing>
}

/**
 * Writes a file for sharing by collecting [work], showing each [WorkPhase] through [show];
 * returns what the core wrote (its file at [pathOf]), or null when the work gave nothing or
 * the diary locked since [token] (a file finished after the lock swept the share folder is
 * deleted here, so it cannot outlive the lock). Cancelling the caller stops the work, which
 * then leaves no file, and shows [WorkPhase.Idle].
 */
internal suspend fun <T> Session.writeForSharing(token: Long, work: Flow<Work<T>>, pathOf: (T) -> String, show: (WorkPhase<T>) -> Unit): T? {
    show(WorkPhase.Running(0u, null))
    var result: T? = null
    try {
        work.collect { e ->
            when (e) {
                is Work.Progress -> show(WorkPhase.Running(e.done, e.total))
                is Work.Done -> result = e.result
            }
        }
    } catch (e: kotlinx.coroutines.CancellationException) {
        show(WorkPhase.Idle)
        throw e
    }
    val done = result ?: return null
    var shown = false
    publishIf(token) {
        show(WorkPhase.Done(pathOf(done), done))
        shown = true
    }
    if (!shown) File(pathOf(done)).delete()
    return if (shown) done else null
}
