package com.example.usersync.events.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque actor id of a JWT caller, as both services record it (event metadata, access logs):
 * a JWT's subject may be a person's email or name ({@code jane.doe@corp.example}), so the actor is
 * {@code jwt:} and a keyed hash of issuer and subject: HMAC-SHA256, truncated to 128 bits, keyed by
 * a key derived from the master key. The same caller always gets the same actor, in both services;
 * who it is can be told only by someone who holds the master key and knows the candidate issuer
 * and subject.
 */
public final class ActorPseudonyms {

    static final String DERIVATION_LABEL = "user-sync/jwt-actor/v1";
    public static final String JWT_PREFIX = "jwt:";

    private final SecretKeySpec key;

    /** @param masterKey the master key, base64-encoded (as configured in {@code user-sync.master-key}) */
    public ActorPseudonyms(String masterKey) {
        this.key = new SecretKeySpec(
                hmac(new SecretKeySpec(Base64.getDecoder().decode(masterKey.trim()), "HmacSHA256"), DERIVATION_LABEL),
                "HmacSHA256");
    }

    /** @param issuer the token's issuer, or null; @param subject the token's subject, or null */
    public String ofJwt(String issuer, String subject) {
        byte[] digest = hmac(key, (issuer == null ? "" : issuer) + '\u0000' + (subject == null ? "" : subject));
        return JWT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
