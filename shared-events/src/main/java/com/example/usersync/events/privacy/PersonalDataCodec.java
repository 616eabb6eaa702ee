package com.example.usersync.events.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.google.crypto.tink.Aead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * How {@link PersonalData} is written and read. Only a mapper carrying {@link #KEYS} (the event
 * serializer's) encrypts and decrypts; any other mapper, such as the web layer's, sees plain values.
 * Stored form: {@code pd:v1:<subject>:<base64 AES-256-GCM ciphertext>}, the subject id bound as
 * associated data. Once the subject's key is destroyed a field reads as {@code null}, and writing
 * that object again stores {@code null}: nothing stands in for erased data, so nothing a user could
 * type is mistaken for it, and no placeholder is ever encrypted and stored.
 */
public final class PersonalDataCodec {

    /** The mapper attribute holding the {@link SubjectKeys}. */
    public static final String KEYS = SubjectKeys.class.getName();

    static final String PREFIX = "pd:v1:";
    static final ThreadLocal<String> SUBJECT = new ThreadLocal<>();
    /**
     * What earlier versions stored in plaintext in place of erased data (in dead letters, for
     * example). Under the event serializer every real value is stored encrypted, so a plaintext
     * value can only be that placeholder: it reads as erased.
     */
    private static final String LEGACY_ERASED = "[erased]";

    private PersonalDataCodec() {}

    public static final class Encrypting extends JsonSerializer<String> {
        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            SubjectKeys keys = (SubjectKeys) provider.getAttribute(KEYS);
            if (keys == null) {
                generator.writeString(value);
                return;
            }
            String subject = SUBJECT.get();
            if (subject == null) {
                throw JsonMappingException.from(
                        provider,
                        "Personal data outside an object with a @DataSubject: refusing to store it in plaintext");
            }
            try {
                byte[] ciphertext = keys.findOrCreate(subject)
                        .encrypt(value.getBytes(StandardCharsets.UTF_8), subject.getBytes(StandardCharsets.UTF_8));
                generator.writeString(
                        PREFIX + subject + ":" + Base64.getEncoder().encodeToString(ciphertext));
            } catch (GeneralSecurityException e) {
                throw JsonMappingException.from(provider, "Personal data could not be encrypted", e);
            }
        }
    }

    public static final class Decrypting extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String stored = parser.getValueAsString();
            SubjectKeys keys = (SubjectKeys) context.getAttribute(KEYS);
            if (keys == null || stored == null) {
                return stored;
            }
            if (!stored.startsWith(PREFIX)) {
                return LEGACY_ERASED.equals(stored) ? null : stored;
            }
            int separator = stored.indexOf(':', PREFIX.length());
            String subject = stored.substring(PREFIX.length(), separator);
            Optional<Aead> key = keys.find(subject);
            if (key.isEmpty()) {
                return null;
            }
            try {
                byte[] plaintext = key.get()
                        .decrypt(
                                Base64.getDecoder().decode(stored.substring(separator + 1)),
                                subject.getBytes(StandardCharsets.UTF_8));
                return new String(plaintext, StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw JsonMappingException.from(parser, "Personal data could not be decrypted", e);
            }
        }
    }
}
