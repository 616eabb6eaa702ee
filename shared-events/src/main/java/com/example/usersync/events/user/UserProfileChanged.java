package com.example.usersync.events.user;

import com.example.usersync.events.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.UUID;

/**
 * A user's profile changed. Says which fields changed and carries the user's full state after the
 * change, so any consumer can bring its copy up to date from this event alone.
 */
@Revision("1")
public record UserProfileChanged(
        @DataSubject UUID userId, List<ProfileField> changedFields, UserProfile profile, UserAccess access) {}
