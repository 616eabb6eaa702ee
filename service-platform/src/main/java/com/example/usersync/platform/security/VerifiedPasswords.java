package com.example.usersync.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The accounts' password check (Spring's delegating encoder: {@code {bcrypt}}, {@code {argon2}}, …)
 * with a short memory of successes. HTTP basic sends the password with every request, and a bcrypt
 * check on each was most of a command's CPU (BENCHMARKS.md: 45% of user-command's samples at cost 4;
 * production's cost 12 is 256 times dearer). A password that matched its hash is remembered for
 * {@link #REMEMBERED} as an HMAC-SHA256 of hash and password under a key that exists only in this
 * process's memory, so later requests with the same pair skip the hash. Failures are never
 * remembered: a guess always pays the full hash and the login throttle. A changed password takes
 * effect with the restart that loads it (the accounts are configuration).
 */
public final class VerifiedPasswords implements PasswordEncoder {

    static final Duration REMEMBERED = Duration.ofMinutes(5);
    private static final String HMAC = "HmacSHA256";

    private final PasswordEncoder hashes;
    private final SecretKeySpec key;
    private final Cache<ByteBuffer, Boolean> matched;

    public VerifiedPasswords() {
        this(PasswordEncoderFactories.createDelegatingPasswordEncoder(), 10_000);
    }

    VerifiedPasswords(PasswordEncoder hashes, long remembered) {
        this.hashes = hashes;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.matched = Caffeine.newBuilder()
                .maximumSize(remembered)
                .expireAfterWrite(REMEMBERED)
                .build();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return hashes.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return hashes.matches(rawPassword, encodedPassword);
        }
        ByteBuffer pair = pair(rawPassword, encodedPassword);
        if (matched.getIfPresent(pair) != null) {
            return true;
        }
        boolean matches = hashes.matches(rawPassword, encodedPassword);
        if (matches) {
            matched.put(pair, Boolean.TRUE);
        }
        return matches;
    }

    /** Never: the accounts are configuration, not a store this service could write upgraded hashes to. */
    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return false;
    }

    private ByteBuffer pair(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(mac.doFinal());
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", unavailable);
        }
    }
}
