package com.example.usersync.events.privacy;

import com.google.crypto.tink.Aead;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * Personal data in read models outside events (the user service's directory), encrypted with the
 * subject's key in the same stored form as {@link PersonalDataCodec}: {@code pd:v1:<subject>:<base64>}.
 * A database dump then holds no plaintext, and destroying the key erases these copies too.
 */
public final class PersonalDataCipher {

    private static final String PREFIX = "pd:v1:";
    private final SubjectKeys keys;

    public PersonalDataCipher(SubjectKeys keys) {
        this.keys = keys;
    }

    /**
     * @return the stored form, or null for null
     * @throws SubjectErased when the subject's key was destroyed
     */
    public String encrypt(String subject, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] ciphertext = keys.findOrCreate(subject)
                    .encrypt(plaintext.getBytes(StandardCharsets.UTF_8), subject.getBytes(StandardCharsets.UTF_8));
            return PREFIX + subject + ":" + Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data could not be encrypted", e);
        }
    }

    /**
     * @return the plaintext; null for null and once the subject's key is destroyed. A value not in
     * the stored form is returned as it is (a row the start-up backfill has not reached yet).
     */
    public String decrypt(String stored) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        int separator = stored.indexOf(':', PREFIX.length());
        if (separator < 0) {
            throw new IllegalStateException("Malformed encrypted personal data");
        }
        String subject = stored.substring(PREFIX.length(), separator);
        Optional<Aead> key = keys.find(subject);
        if (key.isEmpty()) {
            return null;
        }
        try {
            return new String(
                    key.get()
                            .decrypt(
                                    Base64.getDecoder().decode(stored.substring(separator + 1)),
                                    subject.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Personal data could not be decrypted", e);
        }
    }

    /** True for a value in the stored (encrypted) form. */
    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }
}
