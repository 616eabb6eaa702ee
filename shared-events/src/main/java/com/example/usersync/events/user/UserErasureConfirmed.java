package com.example.usersync.events.user;

import com.example.usersync.events.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A downstream tool confirmed that it erased everything it held about the user (GDPR Art. 17 and
 * 19). Its causation id is the {@link UserDeleted} event the tool applied.
 *
 * @param tool     the confirming tool's id
 * @param erasedAt when the tool applied the deletion in its own database
 */
@Revision("1")
public record UserErasureConfirmed(@DataSubject UUID userId, String tool, Instant erasedAt) {}
