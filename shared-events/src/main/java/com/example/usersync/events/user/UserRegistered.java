package com.example.usersync.events.user;

import com.example.usersync.events.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A user was registered. Version 0 of the user's stream. */
@Revision("1")
public record UserRegistered(@DataSubject UUID userId, UserProfile profile, UserAccess access) {}
