package com.example.usersync.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordsTest {

    /** Spring's encoder, counting the hash checks it runs. */
    static final class Counting implements PasswordEncoder {
        final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return real.matches(raw, encoded);
        }
    }

    private final Counting hashes = new Counting();
    private final VerifiedPasswords passwords = new VerifiedPasswords(hashes, 100);
    private final String hash = hashes.encode("right horse battery");

    @Test
    void aPasswordThatMatchedIsNotHashedAgain() {
        assertThat(passwords.matches("right horse battery", hash)).isTrue();
        assertThat(passwords.matches("right horse battery", hash)).isTrue();
        assertThat(passwords.matches("right horse battery", hash)).isTrue();
        assertThat(hashes.checks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsHashedEveryTimeAndNeverMatchesEvenAfterTheRightOne() {
        assertThat(passwords.matches("right horse battery", hash)).isTrue();
        assertThat(passwords.matches("wrong", hash)).isFalse();
        assertThat(passwords.matches("wrong", hash)).isFalse();
        assertThat(passwords.matches("right horse battery ", hash)).isFalse();
        assertThat(hashes.checks).hasValue(4);
    }

    @Test
    void aPasswordRememberedForOneHashIsCheckedAgainstAnother() {
        String otherAccount = hashes.encode("another password");
        assertThat(passwords.matches("right horse battery", hash)).isTrue();
        assertThat(passwords.matches("right horse battery", otherAccount)).isFalse();
        assertThat(hashes.checks).hasValue(2);
    }

    @Test
    void hashesAreNeverUpgradedAndNewOnesAreSpringsDefault() {
        assertThat(passwords.upgradeEncoding("{noop}plain")).isFalse();
        assertThat(new VerifiedPasswords().encode("x")).startsWith("{bcrypt}");
    }
}
