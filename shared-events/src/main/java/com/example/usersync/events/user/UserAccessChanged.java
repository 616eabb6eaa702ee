package com.example.usersync.events.user;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A user's plan or tool entitlements changed; carries the full access after the change. */
@Revision("1")
public record UserAccessChanged(
        UUID userId,
        UserAccess access
) {
}
