// Root of Tally's Android build. Declares the plugins once (the modules apply them) and
// owns the task that builds the Rust core for the Android ABIs and generates its Kotlin:
//
//   ./gradlew buildRustAndroid     (run by :tally's preBuild automatically)
//
// It needs, on the build machine: Rust with the Android targets
// (`rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android`),
// cargo-ndk (`cargo install cargo-ndk`), and the Android NDK (ANDROID_NDK_HOME, or the NDK
// Android Studio installs under the SDK). Outputs go where android/tally's source sets
// look: tally/build/generated/jniLibs/<abi>/libtally_ffi.so and
// tally/build/generated/uniffi/app/tally/ffi/tally_ffi.kt.
plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.android) apply false
    alias(libs.plugins.kotlin.compose) apply false
}

val repoRoot: File = rootDir.parentFile
val tallyBuild: File = file("tally/build")
val androidAbis = listOf("arm64-v8a", "armeabi-v7a", "x86_64")

// Release builds of the library for every ABI, stripped of debuginfo by cargo-ndk's
// default; uniffi's metadata is kept, which the bindgen reads below.
val cargoNdk = tasks.register<Exec>("cargoNdkBuild") {
    group = "tally"
    description = "Builds libtally_ffi.so for ${androidAbis.joinToString()} with cargo-ndk."
    workingDir = repoRoot
    inputs.dir(File(repoRoot, "core/src"))
    inputs.dir(File(repoRoot, "bindings/ffi/src"))
    inputs.file(File(repoRoot, "Cargo.lock"))
    outputs.dir(File(tallyBuild, "generated/jniLibs"))
    commandLine(
        listOf("cargo", "ndk", "--platform", "26") +
            androidAbis.flatMap { listOf("-t", it) } +
            listOf("-o", File(tallyBuild, "generated/jniLibs").path, "build", "--release", "-p", "tally-ffi"),
    )
}

// The Kotlin is generated from the host build of the same sources (uniffi reads the
// library's metadata; the result does not depend on the target ABI).
val hostLibrary = tasks.register<Exec>("cargoHostBuild") {
    group = "tally"
    description = "Builds the host libtally_ffi and the uniffi-bindgen binary."
    workingDir = repoRoot
    inputs.dir(File(repoRoot, "bindings/ffi/src"))
    outputs.upToDateWhen { false }
    commandLine("sh", "-c", "cargo build -q -p tally-ffi && cargo build -q -p uniffi-bindgen")
}

// The Android flavour (uniffi-android.toml: no java.lang.ref.Cleaner, which needs API 33);
// the desktop JVM tests generate the default JVM flavour for themselves.
val generateKotlin = tasks.register<Exec>("generateUniffiKotlin") {
    group = "tally"
    description = "Generates the Android flavour of the Kotlin bindings into tally/build/generated/uniffi."
    dependsOn(hostLibrary)
    workingDir = repoRoot
    val target = System.getenv("CARGO_TARGET_DIR") ?: File(repoRoot, "target").path
    val ext = if (System.getProperty("os.name").lowercase().contains("mac")) "dylib" else "so"
    inputs.file(file("uniffi-android.toml"))
    outputs.dir(File(tallyBuild, "generated/uniffi"))
    commandLine(
        "$target/debug/uniffi-bindgen", "generate", "$target/debug/libtally_ffi.$ext",
        "--language", "kotlin", "-c", file("uniffi-android.toml").path,
        "--out-dir", File(tallyBuild, "generated/uniffi").path, "--no-format",
    )
}

tasks.register("buildRustAndroid") {
    group = "tally"
    description = "Builds the Rust core for the Android ABIs and generates the Kotlin bindings."
    dependsOn(cargoNdk, generateKotlin)
}

// :tally's sources include the generated Kotlin and native libraries, so build them first.
project(":tally").tasks.matching { it.name == "preBuild" }.configureEach {
    dependsOn(":buildRustAndroid")
}
