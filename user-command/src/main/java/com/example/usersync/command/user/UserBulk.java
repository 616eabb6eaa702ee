package com.example.usersync.command.user;

import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Shapes of the bulk read API: many users at once, for catch-up and reconciliation. */
final class UserBulk {

    private UserBulk() {
    }

    /** A user as bulk reads show it; an erased user has its status and version, no personal data. */
    record Item(UUID id, long version, String status, Instant updatedAt, UserView user) {
        static Item of(DirectoryEntry entry, PersonalDataCipher cipher) {
            Optional<UserProfile> profile = entry.profile(cipher);
            return new Item(entry.userId(), entry.version(), profile.isEmpty() ? "ERASED" : "ACTIVE", entry.updatedAt(),
                    profile.map(p -> UserView.of(entry, p)).orElse(null));
        }
    }

    record Page<T>(List<T> items, String nextCursor) {
    }

    /** @param hash SHA-256 of the user's content in plaintext (as the tools hold it); equal content, equal hash */
    record Checksum(UUID id, long version, String status, String hash) {
        static Checksum of(DirectoryEntry entry, PersonalDataCipher cipher) {
            Optional<UserProfile> profile = entry.profile(cipher);
            return new Checksum(entry.userId(), entry.version(), profile.isEmpty() ? "ERASED" : "ACTIVE",
                    profile.map(p -> sha256(canonical(p, entry.access()))).orElseGet(() -> sha256("ERASED")));
        }
    }

    static String canonical(UserProfile profile, UserAccess access) {
        return String.join("\n", profile.email(), profile.displayName(), profile.locale(), profile.timeZone(),
                access.plan().name(), String.join(",", access.tools()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
