// ui-logic: the screens' state and actions (presenters), plain Kotlin with no android.*
// or androidx.* imports. It is an Android library module only because it depends on
// :tally, which is one (the generated bindings load the native library through JNA's AAR).
// On CI it is compiled and tested on the desktop JVM without Gradle by
// scripts/test-android-logic.sh, which also refuses any android.* import.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

android {
    namespace = "app.tally.ui"
    compileSdk = 35

    defaultConfig {
        minSdk = 26
    }

    sourceSets["main"].java.srcDirs("src/main/kotlin")
    sourceSets["test"].java.srcDirs("src/test/kotlin")

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    testOptions {
        unitTests.all {
            it.useJUnitPlatform()
            // The host library (cargo build -p tally-ffi) and the app's strings.
            it.systemProperty("jna.library.path", rootProject.file("../target/debug").absolutePath)
            it.systemProperty("tally.res.dir", rootProject.file("app/src/main/res").absolutePath)
        }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // api: presenters expose TallyDiary and the generated records (ExportSummary, Category …).
    api(project(":tally"))
    implementation(libs.kotlinx.coroutines.core)

    testImplementation(libs.jna)
    testImplementation(libs.kotlin.test.junit5)
    testImplementation(libs.junit.jupiter)
}
