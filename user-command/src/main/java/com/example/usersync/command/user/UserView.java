package com.example.usersync.command.user;

import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.logging.Redacted;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's current state as the API shows it. */
@Schema(name = "User", description = "A user's current state.")
public record UserView(
        @Schema(example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
        UUID id,

        @Schema(description = "The sequence number of the user's latest event; also the ETag.", example = "2")
        long version,

        @Schema(example = "alex.example@example.com") String email,
        @Schema(example = "Alex Example") String displayName,

        @Schema(description = "BCP 47 language tag.", example = "en-US")
        String locale,

        @Schema(description = "IANA time zone id.", example = "America/New_York")
        String timeZone,

        Plan plan,

        @ArraySchema(
                arraySchema = @Schema(description = "The tools the user may use, sorted."),
                schema = @Schema(example = "billing"))
        List<String> tools,

        Instant registeredAt,
        Instant updatedAt) {
    static UserView of(DirectoryEntry entry, UserProfile profile) {
        var access = entry.access();
        return new UserView(
                entry.userId(),
                entry.version(),
                profile.email(),
                profile.displayName(),
                profile.locale(),
                profile.timeZone(),
                access.plan(),
                access.tools(),
                entry.registeredAt(),
                entry.updatedAt());
    }

    /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
    @Override
    public String toString() {
        return Redacted.toString(this, "email", "displayName");
    }
}
