// Tally's Android build: the `tally` library (generated uniffi Kotlin + the TallyDiary
// wrapper + the native libraries), `ui-logic` (screen state and actions, no android.*
// imports, tested on the desktop JVM by scripts/test-android-logic.sh) and `app` (the thin
// Jetpack Compose shell). Built with Android Studio / Gradle; see README.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
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
