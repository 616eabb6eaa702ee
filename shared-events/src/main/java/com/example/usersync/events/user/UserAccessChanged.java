package com.example.usersync.events.user;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A user's plan or tool entitlements changed. Carries the user's full state after the change, so
 * any consumer can bring its copy up to date from this event alone.
 */
@Revision("1")
public record UserAccessChanged(
        UUID userId,
        UserProfile profile,
        UserAccess access
) {
}
