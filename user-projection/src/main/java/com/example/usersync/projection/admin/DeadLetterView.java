package com.example.usersync.projection.admin;

import java.time.Instant;
import java.util.List;

/**
 * One dead-letter sequence of one tool, oldest first: a user's events, or a user's deletion.
 *
 * @param sequence the user id for the user's events, {@code erasure:<user id>} for the deletion
 * @param size     how many letters the sequence holds; {@code letters} shows the oldest, at most 100
 */
record DeadLetterView(
        String userId,
        String sequence,
        boolean parked,
        long size,
        List<Letter> letters
) {
    /**
     * @param version the user version the event carries
     * @param cause   the failure, redacted to type and SQLSTATE; null for events queued behind it
     */
    record Letter(String eventId, String type, Long version, Instant enqueuedAt, Instant lastTouched,
                  int retries, String cause) {
    }
}
