package com.example.usersync.events.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

import java.security.GeneralSecurityException;
import java.util.Base64;

/** The key-encryption key that wraps every subject's data key (envelope encryption). */
public final class MasterKey {

    private MasterKey() {}

    /** @param base64 32 random bytes, base64-encoded (e.g. {@code openssl rand -base64 32}) */
    public static Aead fromBase64(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The master key must be base64-encoded.");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("The master key must be 32 bytes (AES-256), base64-encoded.");
        }
        try {
            AeadConfig.register();
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(32)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            AesGcmKey key = AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()))
                    .build();
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not load the master key", e);
        }
    }
}
