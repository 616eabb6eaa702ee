package com.example.usersync.events.user;

import com.example.usersync.events.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A downstream tool confirmed that it erased everything it held about the user (GDPR Art. 17 and
 * 19). Its causation id is the {@link UserDeleted} event the tool applied.
 *
 * Revision 2 renamed {@code erasedAt} to {@code receivedAt}: the time is when the user service
 * received the receipt, never what the tool claims (revision 1 payloads are upcast).
 *
 * @param tool       the confirming tool's id
 * @param receivedAt when the user service received the tool's receipt
 */
@Revision("2")
public record UserErasureConfirmed(@DataSubject UUID userId, String tool, Instant receivedAt) {}
