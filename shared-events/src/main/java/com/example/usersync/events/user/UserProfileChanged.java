package com.example.usersync.events.user;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.UUID;

/** A user's profile changed: which fields changed, and the full profile after the change. */
@Revision("1")
public record UserProfileChanged(
        UUID userId,
        List<ProfileField> changedFields,
        UserProfile profile
) {
}
