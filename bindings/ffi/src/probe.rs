//! Round trips that do nothing, for a shell to check that the library it loaded answers and
//! to measure what crossing the bindings costs: [`ping`] is the floor of a call through
//! uniffi, [`ping_async`] the same through uniffi's async path (a Rust future the foreign
//! side polls and awaits). The bindings benchmark (`scripts/test-bindings.sh --bench`) times
//! both against the wrapper's calls. Neither touches a diary.

/// Returns `n`: one call into the library and back, with no work on either side.
#[uniffi::export]
pub fn ping(n: u64) -> u64 {
    n
}

/// Returns `n` from a future that is ready on its first poll: the cost of an async call
/// (in Kotlin a `suspend fun`, in Swift an `async` function) with no work in it.
#[uniffi::export]
pub async fn ping_async(n: u64) -> u64 {
    n
}
