package com.example.usersync.command.user;

import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

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

    private UserBulk() {}

    @Schema(
            name = "BulkUser",
            description = "A user as bulk reads show it; an erased user has its status and version, no personal data.")
    record Item(
            @Schema(example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
            UUID id,

            @Schema(description = "The user's version (the sequence number of its latest event).", example = "2")
            long version,

            @Schema(
                    allowableValues = {"ACTIVE", "ERASED"},
                    example = "ACTIVE")
            String status,

            @Schema(description = "When the user last changed.")
            Instant updatedAt,

            @Schema(description = "The user; null once erased.") @Nullable
            UserView user) {
        static Item of(DirectoryEntry entry, PersonalDataCipher cipher) {
            Optional<UserProfile> profile = entry.profile(cipher);
            return new Item(
                    entry.userId(),
                    entry.version(),
                    profile.isEmpty() ? "ERASED" : "ACTIVE",
                    entry.updatedAt(),
                    profile.map(p -> UserView.of(entry, p)).orElse(null));
        }
    }

    @Schema(name = "BulkUserPage", description = "One page of a bulk read.")
    record Page(
            List<Item> items,

            @Schema(
                    description = "The `cursor` of the next page; null on the last page (and for reads by ids).",
                    example = "MjAyNS0wMS0wMlQwMzowNDowNVp8NmEwYzNhNTItM2Q0ZS00ZjBjLTliN2UtMGQxZjJhM2I0YzVk")
            @Nullable
            String nextCursor,

            @Schema(
                    description = "The position in the event log this page is consistent with: every event at or "
                            + "below it is reflected here (later ones may be too). A tool catching up from this "
                            + "read takes the lowest `position` of its pages: messages whose `globalPosition` "
                            + "header is at or below it are the overlap with the read. Apply every message by "
                            + "user version all the same: an append left uncommitted longer than a minute could "
                            + "commit below it.",
                    example = "1042")
            long position) {}

    @Schema(name = "UserChecksumPage", description = "One page of the checksum listing, by id.")
    record ChecksumPage(
            List<Checksum> items,

            @Schema(
                    description = "The `after` of the next page (the last id of this one); null on the last page.",
                    example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
            @Nullable
            String nextCursor) {}

    /**
     * @param hash            SHA-256 of the user's content in plaintext (as the tools hold it); equal content, equal hash
     * @param tools           a live user's entitlements (tool ids, no personal data): reconciliation
     *                        judges by them which tools may hold the user at all
     * @param deletionEventId an erased user's deletion event: a tool erasing a leftover row confirms
     *                        that event, exactly as when it applied the deletion itself
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "UserChecksum", description = "What reconciliation compares of one user.")
    record Checksum(
            @Schema(example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
            UUID id,

            @Schema(example = "2") long version,

            @Schema(
                    allowableValues = {"ACTIVE", "ERASED"},
                    example = "ACTIVE")
            String status,

            @Schema(
                    description = "SHA-256 (hex) of the user's content in plaintext, as the tools hold it.",
                    example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            String hash,

            @ArraySchema(
                    arraySchema = @Schema(description = "A live user's tools; absent for an erased user."),
                    schema = @Schema(example = "billing"))
            List<String> tools,

            @Schema(
                    description = "An erased user's deletion event; absent for a live user.",
                    example = "0b6f3c2e-8d1a-4c5e-9f7a-2e4d6b8c0a1f")
            String deletionEventId) {
        static Checksum of(DirectoryEntry entry, PersonalDataCipher cipher, String deletionEventId) {
            Optional<UserProfile> profile = entry.profile(cipher);
            return profile.isEmpty()
                    ? new Checksum(entry.userId(), entry.version(), "ERASED", sha256("ERASED"), null, deletionEventId)
                    : new Checksum(
                            entry.userId(),
                            entry.version(),
                            "ACTIVE",
                            sha256(canonical(profile.get(), entry.access())),
                            entry.access().tools(),
                            null);
        }
    }

    static String canonical(UserProfile profile, UserAccess access) {
        return String.join(
                "\n",
                profile.email(),
                profile.displayName(),
                profile.locale(),
                profile.timeZone(),
                access.plan().name(),
                String.join(",", access.tools()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
