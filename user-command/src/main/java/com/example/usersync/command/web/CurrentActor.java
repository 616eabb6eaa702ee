package com.example.usersync.command.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The caller on whose behalf a command runs, recorded as the {@code actor} of its events (kept
 * forever, unencrypted): an account name as it is, a JWT caller as an opaque pseudonym.
 * <p>
 * A JWT's subject may be a person's email or name ({@code jane.doe@corp.example}), so the actor is
 * {@code jwt:} and a keyed hash of issuer and subject: HMAC-SHA256, truncated to 128 bits, keyed by
 * a key derived from the master key. The same caller always gets the same actor; who it is can be
 * told only by someone who holds the master key and knows the candidate issuer and subject.
 */
@Component
public class CurrentActor {

    static final String DERIVATION_LABEL = "user-sync/jwt-actor/v1";
    static final String JWT_PREFIX = "jwt:";

    private final SecretKeySpec pseudonymKey;

    CurrentActor(@Value("${user-sync.master-key}") String masterKey) {
        this.pseudonymKey = new SecretKeySpec(hmac(new SecretKeySpec(Base64.getDecoder().decode(masterKey.trim()), "HmacSHA256"),
                DERIVATION_LABEL), "HmacSHA256");
    }

    public String id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return "anonymous";
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            return pseudonymOf(jwt.getIssuer() == null ? "" : jwt.getIssuer().toString(), jwt.getSubject());
        }
        return authentication.getName();
    }

    /** The actor of a JWT caller: stable per issuer and subject, not reversible without the master key. */
    String pseudonymOf(String issuer, String subject) {
        byte[] digest = hmac(pseudonymKey, issuer + '\u0000' + (subject == null ? "" : subject));
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
