package com.example.usersync.events.user;

import com.example.usersync.events.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A user was deleted and their personal data must be erased everywhere (GDPR Art. 17). Every tool
 * removes all it holds about the user when it applies this event. Holds no personal data itself.
 */
@Revision("1")
public record UserDeleted(@DataSubject UUID userId, ErasureReason reason, ErasureRequester requestedBy) {}
