// The Kotlin half of the bindings benchmark (run by `scripts/test-bindings.sh --bench` after
// bindings/ffi/examples/bench.rs, on the diary it created): one trivial call, and listing
// 10,000 entries, through the generated bindings and JNA.
package app.tally

import app.tally.ffi.Diary
import app.tally.ffi.ListFilter

fun main(args: Array<String>) {
    val diary = Diary.unlock(args[0], "benchmark passphrase")
    repeat(20_000) { diary.entryCount() } // warm the JIT
    val calls = 100_000
    var started = System.nanoTime()
    repeat(calls) { diary.entryCount() }
    println("bench: kotlin trivial call (entryCount): ${(System.nanoTime() - started) / calls} ns")
    var best = Long.MAX_VALUE
    var n = 0
    repeat(5) {
        started = System.nanoTime()
        n = diary.list(ListFilter()).size
        best = minOf(best, System.nanoTime() - started)
    }
    println("bench: kotlin list $n entries: ${"%.1f".format(best / 1e6)} ms (best of 5)")
    diary.close()
}
