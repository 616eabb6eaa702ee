package com.example.usersync.command.user;

import com.example.usersync.events.user.UserProfile;
import com.example.usersync.logging.Redacted;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Changes the given profile fields; a null field stays as it is. */
record ChangeProfile(
        @TargetAggregateIdentifier UUID userId,
        Long expectedVersion,
        String email,
        String displayName,
        String locale,
        String timeZone) {
    UserProfile applyTo(UserProfile current) {
        return new UserProfile(
                email != null ? email : current.email(),
                displayName != null ? displayName : current.displayName(),
                locale != null ? locale : current.locale(),
                timeZone != null ? timeZone : current.timeZone());
    }

    /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
    @Override
    public String toString() {
        return Redacted.toString(this, "email", "displayName");
    }
}
