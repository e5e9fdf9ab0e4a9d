// BiometricKeys: biometric unlock. The diary's raw data key is encrypted with an AES-GCM
// key held in the Android Keystore that can only be used after the user authenticates with
// a strong biometric (setUserAuthenticationRequired + a CryptoObject on BiometricPrompt),
// and is invalidated when a new fingerprint or face is enrolled. The encrypted key and its
// IV live in no-backup storage. The passphrase always still works.
package app.tally.android

import android.content.Context
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import java.security.InvalidKeyException
import android.security.keystore.KeyProperties
import androidx.biometric.BiometricManager
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import java.io.File
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/** Keystore-wrapped data key for biometric unlock. */
class BiometricKeys(private val context: Context) {
    private val blob = File(context.noBackupFilesDir, "biometric.key")
    private val keyStore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }

    /** Whether this device can do strong biometric authentication now. */
    fun available(): Boolean =
        BiometricManager.from(context).canAuthenticate(BIOMETRIC_STRONG) == BiometricManager.BIOMETRIC_SUCCESS

    /** Whether a wrapped key is stored. */
    fun enrolled(): Boolean = blob.isFile

    /** Forgets the wrapped key and the keystore key. */
    fun remove() {
        blob.delete()
        if (keyStore.containsAlias(ALIAS)) keyStore.deleteEntry(ALIAS)
    }

    private fun newKey(): SecretKey {
        val spec = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .setUserAuthenticationRequired(true)
            .setInvalidatedByBiometricEnrollment(true)
            .apply {
                // Every use needs a fresh strong biometric (API 30+; before that, requiring
                // authentication with no validity duration means the same).
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
                    setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
                }
            }
            .build()
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE).run {
            init(spec)
            generateKey()
        }
    }

    private fun cipher(): Cipher = Cipher.getInstance("AES/GCM/NoPadding")

    /**
     * Wraps [rawKey] after a biometric prompt; [done] gets whether it worked. The caller
     * wipes [rawKey] in [done].
     */
    fun enroll(activity: FragmentActivity, title: String, cancel: String, rawKey: ByteArray, done: (Boolean) -> Unit) {
        remove()
        // Any InvalidKeyException (not only a new enrolment) means "not now": no crash.
        val c = try {
            cipher().apply { init(Cipher.ENCRYPT_MODE, newKey()) }
        } catch (_: InvalidKeyException) {
            remove()
            return done(false)
        }
        prompt(activity, title, cancel, c) { unlocked ->
            val ok = unlocked?.let {
                runCatching {
                    val sealed = it.doFinal(rawKey)
                    blob.writeBytes(byteArrayOf(it.iv.size.toByte()) + it.iv + sealed)
                }.isSuccess
            } ?: false
            if (!ok) remove()
            done(ok)
        }
    }

    /**
     * Shows the biometric prompt and hands the unwrapped data key to [done] (null when
     * cancelled or no longer valid: a new enrolment invalidates the keystore key, and then
     * the passphrase is needed once to set biometrics up again).
     */
    fun unwrap(activity: FragmentActivity, title: String, cancel: String, done: (ByteArray?) -> Unit) {
        val bytes = runCatching { blob.readBytes() }.getOrNull()
        val key = runCatching { keyStore.getKey(ALIAS, null) as? SecretKey }.getOrNull()
        if (bytes == null || bytes.isEmpty() || key == null) return done(null)
        val ivLen = bytes[0].toInt()
        if (ivLen <= 0 || bytes.size <= 1 + ivLen) return done(null)
        val c = try {
            cipher().apply { init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(128, bytes, 1, ivLen)) }
        } catch (_: KeyPermanentlyInvalidatedException) {
            // A new fingerprint or face: this key can never work again.
            remove()
            return done(null)
        } catch (_: InvalidKeyException) {
            // Any other refusal (e.g. UserNotAuthenticatedException, a keystore hiccup) is
            // not permanent: keep the key, fall back to the passphrase this time.
            return done(null)
        }
        prompt(activity, title, cancel, c) { unlocked ->
            done(unlocked?.let { runCatching { it.doFinal(bytes, 1 + ivLen, bytes.size - 1 - ivLen) }.getOrNull() })
        }
    }

    private fun prompt(activity: FragmentActivity, title: String, cancel: String, c: Cipher, done: (Cipher?) -> Unit) {
        val info = BiometricPrompt.PromptInfo.Builder()
            .setTitle(title)
            .setNegativeButtonText(cancel)
            .setAllowedAuthenticators(BIOMETRIC_STRONG)
            .build()
        val prompt = BiometricPrompt(activity, ContextCompat.getMainExecutor(activity), object : BiometricPrompt.AuthenticationCallback() {
            override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                done(result.cryptoObject?.cipher)
            }

            override fun onAuthenticationError(errorCode: Int, errString: CharSequence) {
                done(null)
            }
            // onAuthenticationFailed (a finger not recognised) keeps the prompt open.
        })
        prompt.authenticate(info, BiometricPrompt.CryptoObject(c))
    }

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "tally-biometric-unlock"
    }
}
