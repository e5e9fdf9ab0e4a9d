// The Android app: a thin Jetpack Compose + Material 3 shell over :ui-logic's presenters.
// Screens render presenter state and call presenter actions; the platform pieces (keystore,
// biometric prompt, camera, share sheet, launcher aliases, FLAG_SECURE, auto-lock) live
// here. Not built on CI (no Android SDK there): see ../README.md.
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

    sourceSets["main"].java.srcDirs("src/main/kotlin")

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

kotlin {
    jvmToolchain(17)
}

dependencies {
    implementation(project(":ui-logic"))
    implementation(libs.kotlinx.coroutines.android)
    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.process)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(libs.androidx.biometric)
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.material3)
    implementation(libs.compose.ui.tooling.preview)
}
