package com.example.usersync.events.user;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A user was registered. Version 0 of the user's stream. */
@Revision("1")
public record UserRegistered(
        UUID userId,
        UserProfile profile,
        UserAccess access
) {
}
