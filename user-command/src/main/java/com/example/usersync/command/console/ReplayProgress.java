package com.example.usersync.command.console;

import org.springframework.lang.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a replay has come: from the position it was reset to, towards the store's head, at the
 * rate it has kept since the reset.
 *
 * @param percent   0 to 100
 * @param perSecond events per second since the reset
 * @param timeLeft  at that rate; null while nothing is known
 */
record ReplayProgress(
        long from,
        long position,
        long head,
        int percent,
        double perSecond,
        @Nullable Duration timeLeft,
        boolean caughtUp) {

    /** Where and when a reset was made, kept in the operator's session (ids and positions only). */
    record Start(Instant at, long from) implements java.io.Serializable {}

    static ReplayProgress of(Start start, @Nullable Long position, @Nullable Long head, boolean caughtUp, Instant now) {
        long at = position == null ? start.from() : position;
        long end = head == null ? at : Math.max(head, at);
        long total = Math.max(0, end - start.from());
        long done = Math.max(0, at - start.from());
        int percent = caughtUp || total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
        double seconds = Math.max(0.001, Duration.between(start.at(), now).toMillis() / 1000.0);
        double rate = done / seconds;
        Duration left =
                caughtUp ? Duration.ZERO : rate > 0 ? Duration.ofMillis((long) ((end - at) / rate * 1000)) : null;
        return new ReplayProgress(start.from(), at, end, percent, Math.round(rate * 10) / 10.0, left, caughtUp);
    }
}
