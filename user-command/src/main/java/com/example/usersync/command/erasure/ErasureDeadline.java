package com.example.usersync.command.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;

/** When the tools' receipts for an erasure are due, and whether they are overdue, on this service's clock. */
record ErasureDeadline(Period deadline, Clock clock) {

    Instant dueFor(Instant requestedAt) {
        return requestedAt.plus(deadline);
    }

    /** Requests made before this instant are overdue while pending: {@link #overdue} for many at once. */
    Instant overdueIfRequestedBefore() {
        return clock.instant().minus(deadline);
    }

    /** @param pending whether some required tool has not confirmed yet */
    boolean overdue(Instant requestedAt, boolean pending) {
        return pending && clock.instant().isAfter(dueFor(requestedAt));
    }
}
