package com.example.usersync.command.user;

import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.fasterxml.jackson.annotation.JsonInclude;

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

    record Page<T>(List<T> items, @org.springframework.lang.Nullable String nextCursor) {
    }

    /**
     * @param hash            SHA-256 of the user's content in plaintext (as the tools hold it); equal content, equal hash
     * @param tools           a live user's entitlements (tool ids, no personal data): reconciliation
     *                        judges by them which tools may hold the user at all
     * @param deletionEventId an erased user's deletion event: a tool erasing a leftover row confirms
     *                        that event, exactly as when it applied the deletion itself
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Checksum(UUID id, long version, String status, String hash, List<String> tools, String deletionEventId) {
        static Checksum of(DirectoryEntry entry, PersonalDataCipher cipher, String deletionEventId) {
            Optional<UserProfile> profile = entry.profile(cipher);
            return profile.isEmpty()
                    ? new Checksum(entry.userId(), entry.version(), "ERASED", sha256("ERASED"), null, deletionEventId)
                    : new Checksum(entry.userId(), entry.version(), "ACTIVE", sha256(canonical(profile.get(), entry.access())),
                    entry.access().tools(), null);
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
