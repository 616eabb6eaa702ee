package com.example.usersync.events.user;

import com.example.usersync.events.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A user's plan or tool entitlements changed. Carries the user's full state after the change, so
 * any consumer can bring its copy up to date from this event alone.
 */
@Revision("1")
public record UserAccessChanged(@DataSubject UUID userId, UserProfile profile, UserAccess access) {}
