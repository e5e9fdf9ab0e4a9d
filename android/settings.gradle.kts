// Tally's Android build: the `tally` library (generated uniffi Kotlin + the TallyDiary
// wrapper + the native libraries), `ui-logic` (screen state and actions, no android.*
// imports, tested on the desktop JVM by scripts/test-android-logic.sh) and `app` (the thin
// Jetpack Compose shell, drawing the shared screens in ../screens). Built with Android
// Studio / Gradle; see README.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

// The tally and ui-logic modules ask for a JDK 17 toolchain. A stock Android Studio runs
// Gradle on its bundled JDK (21), so without a resolver that request fails; the foojay
// resolver provisions a JDK 17 the first time instead.
plugins {
    id("org.gradle.toolchains.foojay-resolver-convention") version "1.0.0"
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "tally-android"
include(":tally", ":ui-logic", ":app")
