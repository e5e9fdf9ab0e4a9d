// The Kotlin half of the bindings benchmark (run by `scripts/test-bindings.sh --bench` after
// bindings/ffi/examples/bench.rs, on the diary it created): what one trivial call costs, layer
// by layer, and listing 10,000 entries, through the generated bindings and JNA.
//
// The layers, each timed in the same run, round-robin so a loaded machine slows them alike:
//   JNA floor      a direct-mapped call with no arguments and no RustCallStatus;
//   ping, status   `ping` through JNA with one RustCallStatus reused, so the Structure is
//                  written and read but not allocated;
//   ping           the generated `ping()`: uniffi's own path, a new RustCallStatus per call;
//   entryCount     the generated `Diary.entryCount()`: a method clones the object's handle
//                  first, so two calls and two RustCallStatus;
//   entryCountNow  the same for the read that never waits, which TallyDiary.entryCount makes;
//   IO hop         `withContext(Dispatchers.IO) { ping() }` from a caller outside the pool,
//                  as the app calls from its main thread;
//   async ping     the generated `suspend pingAsync()`: a Rust future, polled with a JNA
//                  callback that resumes the continuation;
//   old wrapper    `withContext(Dispatchers.IO) { Diary.entryCount() }`, which
//                  TallyDiary.entryCount did before it read on the caller's thread;
//   TallyDiary     `TallyDiary.entryCount()` as the app calls it.
// Each is run in batches; the figure is the median of the batches' per-call means, with the
// 10th and 90th percentiles, the mean of all (which carries the garbage collector's pauses),
// and the ratio against `ping`, the floor of a uniffi call.
package app.tally

import app.tally.ffi.Diary
import app.tally.ffi.IntegrityCheckingUniffiLib
import app.tally.ffi.ListFilter
import app.tally.ffi.UniffiLib
import app.tally.ffi.UniffiRustCallStatus
import app.tally.ffi.ping
import app.tally.ffi.pingAsync
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext

private const val PASSPHRASE = "benchmark passphrase"

/** One layer: a name, and one call of it. */
private class Layer(val name: String, val call: suspend () -> Unit) {
    val batches = mutableListOf<Double>()
}

fun main(args: Array<String>) {
    val path = args[0]
    val ffi = Diary.unlock(path, PASSPHRASE)
    val status = UniffiRustCallStatus()
    var sink = 0L
    runBlocking {
        val diary = TallyDiary.unlock(path, PASSPHRASE)
        val layers = listOf(
            Layer("JNA floor (contract version)") { sink += IntegrityCheckingUniffiLib.ffi_tally_ffi_uniffi_contract_version() },
            Layer("ping, status reused") { sink += UniffiLib.uniffi_tally_ffi_fn_func_ping(1L, status) },
            Layer("ping (a)") { sink += ping(1uL).toLong() },
            Layer("Diary.entryCount") { sink += ffi.entryCount().toLong() },
            Layer("Diary.entryCountNow") { sink += ffi.entryCountNow().toLong() },
            Layer("withContext(IO) { ping } (b)") { sink += withContext(Dispatchers.IO) { ping(1uL) }.toLong() },
            Layer("suspend pingAsync (c)") { sink += pingAsync(1uL).toLong() },
            Layer("old wrapper: withContext(IO) { entryCount }") {
                sink += withContext(Dispatchers.IO) { ffi.entryCount() }.toLong()
            },
            Layer("TallyDiary.entryCount (d)") { sink += diary.entryCount().toLong() },
        )
        val perBatch = 200
        for (layer in layers) repeat(20_000) { layer.call() } // warm the JIT
        repeat(150) {
            for (layer in layers) {
                val started = System.nanoTime()
                repeat(perBatch) { layer.call() }
                layer.batches += (System.nanoTime() - started).toDouble() / perBatch
            }
        }
        val floor = layers.first { it.name.startsWith("ping (a)") }.batches.median()
        for (layer in layers) {
            val sorted = layer.batches.sorted()
            val median = sorted.median()
            println(
                "bench: kotlin %-44s median %7.2f µs (p10 %.2f, p90 %.2f, mean %.2f), %6.2f× ping".format(
                    layer.name, median / 1e3, sorted.quantile(0.1) / 1e3, sorted.quantile(0.9) / 1e3,
                    sorted.average() / 1e3, median / floor,
                ),
            )
        }
        diary.close()
    }
    check(sink != 0L) // keeps the calls from being optimised away

    var best = Long.MAX_VALUE
    var n = 0
    repeat(5) {
        val started = System.nanoTime()
        n = ffi.list(ListFilter()).size
        best = minOf(best, System.nanoTime() - started)
    }
    println("bench: kotlin list $n entries: ${"%.1f".format(best / 1e6)} ms (best of 5)")
    ffi.close()
}

private fun List<Double>.median(): Double = sorted().quantile(0.5)

/** The [q] quantile of an already sorted list (nearest rank). */
private fun List<Double>.quantile(q: Double): Double = this[((size - 1) * q).toInt()]
