package com.example.usersync.command.user;

import com.example.usersync.logging.Redacted;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserProfile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's current state as the API shows it. */
public record UserView(
        UUID id,
        long version,
        String email,
        String displayName,
        String locale,
        String timeZone,
        Plan plan,
        List<String> tools,
        Instant registeredAt,
        Instant updatedAt
) {
    static UserView of(DirectoryEntry entry, UserProfile profile) {
        var access = entry.access();
        return new UserView(entry.userId(), entry.version(), profile.email(), profile.displayName(),
                profile.locale(), profile.timeZone(), access.plan(), access.tools(),
                entry.registeredAt(), entry.updatedAt());
    }

    /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
    @Override
    public String toString() {
        return Redacted.toString(this, "email", "displayName");
    }
}
