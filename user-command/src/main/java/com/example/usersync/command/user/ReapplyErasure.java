package com.example.usersync.command.user;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Erases a user again whom the erasure journal records as erased but whose stream has no deletion
 * (the event store was restored from an older backup). The new deletion is caused by the journaled one.
 *
 * @param journaledDeletionEventId the id of the original deletion event, from the journal
 */
public record ReapplyErasure(
        @TargetAggregateIdentifier UUID userId,
        String journaledDeletionEventId,
        ErasureReason reason,
        ErasureRequester requestedBy) {}
