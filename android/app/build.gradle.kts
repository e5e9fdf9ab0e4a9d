// The Android app: a thin Jetpack Compose + Material 3 shell over :ui-logic's presenters.
// The screens are the shared source folder ../screens/src/main/kotlin, which the desktop
// build (../desktop, Maven, Compose Multiplatform) compiles and tests too; what only
// Android has (keystore, biometric prompt, camera, share sheet, launcher aliases,
// FLAG_SECURE, auto-lock) lives here behind app.tally.screens.Platform. Not built on CI
// (no Android SDK there): see ../README.md.
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

android {
    namespace = "app.tally.android"
    compileSdk = 35

    defaultConfig {
        applicationId = "app.tally"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }

    sourceSets["main"].java.srcDirs("src/main/kotlin", "../screens/src/main/kotlin")

    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    buildFeatures {
        compose = true
    }

    lint {
        // Welsh is partial (unlock and quick capture); the rest falls back to English
        // until a translator finishes values-cy/strings.xml.
        warning += "MissingTranslation"
    }
}

// No jvmToolchain here: the JDK that runs Gradle (Android Studio's bundled one) compiles,
// targeting 17 as compileOptions says.
kotlin {
    compilerOptions {
        jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17)
    }
}

dependencies {
    implementation(project(":ui-logic"))
    implementation(libs.kotlinx.coroutines.android)
    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.process)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(libs.androidx.biometric)
    implementation(libs.androidx.fragment.ktx)
    implementation(libs.androidx.camera.camera2)
    implementation(libs.androidx.camera.lifecycle)
    implementation(libs.androidx.camera.view)
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.foundation)
    implementation(libs.compose.material3)
    implementation(libs.compose.ui.tooling.preview)
}
