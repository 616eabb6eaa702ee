package com.example.usersync.projection.admin;

import java.time.Instant;
import java.util.List;

/** The dead-lettered events of one user in one tool, oldest first. */
record DeadLetterView(
        String userId,
        boolean parked,
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
