package com.example.usersync.command.erasure;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The proof of one erasure: the request and each required tool's confirmation.
 *
 * @param deletionEventId          the deletion that was requested (from the erasure journal)
 * @param reappliedDeletionEventId the deletion appended again after a restore of the event store
 *                                 lost the original (the one tools confirm then), or null
 * @param deadline when the erasure must be complete (the request plus the configured period)
 * @param overdue  incomplete past the deadline
 */
record ErasureView(
        UUID userId,
        Instant requestedAt,
        ErasureReason reason,
        ErasureRequester requestedBy,
        String actor,
        String deletionEventId,
        String reappliedDeletionEventId,
        List<String> requiredTools,
        List<Confirmation> confirmations,
        List<String> pendingTools,
        boolean complete,
        Instant deadline,
        boolean overdue
) {
    record Confirmation(String tool, Instant erasedAt, Instant confirmedAt) {
    }
}
