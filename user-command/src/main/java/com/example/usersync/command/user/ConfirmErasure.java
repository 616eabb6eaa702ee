package com.example.usersync.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * A tool confirms it erased the user. Sent only after the web layer checked that the caller is that
 * tool; {@code erasedAt} is when this service received the receipt, never a time the sender chose.
 */
public record ConfirmErasure(
        @TargetAggregateIdentifier UUID userId, String tool, String deletionEventId, Instant erasedAt) {}
