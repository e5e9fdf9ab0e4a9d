// Tally's Android library: the generated uniffi Kotlin (app.tally.ffi) plus the small
// idiomatic wrapper in src/main/kotlin (app.tally.TallyDiary).
//
// The generated Kotlin and the native libraries are build outputs, never committed:
//   cargo build -p tally-ffi --release --target aarch64-linux-android (and the other ABIs,
//   e.g. with cargo-ndk), copied to build/generated/jniLibs/<abi>/libtally_ffi.so;
//   cargo run -p uniffi-bindgen -- generate <unstripped .so> --language kotlin
//     --out-dir android/tally/build/generated/uniffi
// The desktop JVM tests in src/test/kotlin are run by scripts/test-bindings.sh (no Android
// SDK needed); under Gradle they need the host libtally_ffi.so on jna.library.path.
// The plugins come from the catalog (gradle/libs.versions.toml) like every other module's:
// the root build already puts them on the classpath, and Gradle refuses a second
// declaration of a plugin at a literal version.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

android {
    namespace = "app.tally"
    compileSdk = 35

    defaultConfig {
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets["main"].java.srcDirs("src/main/kotlin", "build/generated/uniffi")
    sourceSets["main"].jniLibs.srcDirs("build/generated/jniLibs")
    sourceSets["test"].java.srcDirs("src/test/kotlin")

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    testOptions {
        unitTests.all {
            it.useJUnitPlatform()
            it.systemProperty("jna.library.path", rootProject.file("../target/debug").absolutePath)
        }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // uniffi's Kotlin calls the library through JNA; Android needs the AAR flavour (its
    // native dispatch library per ABI), the desktop tests the plain jar.
    implementation(libs.jna) { artifact { type = "aar" } }
    implementation(libs.kotlinx.coroutines.android)

    testImplementation(libs.jna)
    testImplementation(libs.kotlin.test.junit5)
    testImplementation(libs.junit.jupiter)
}
