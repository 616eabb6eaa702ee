package com.example.usersync.projection.admin;

import java.time.Instant;
import java.util.List;

/**
 * One tool processor as operators see it. Positions are global event-store indexes; lag is the
 * number of events between the store's head and the slowest segment. A tool whose tokens are ahead of
 * the store's head (a restored event store) has an {@code alarm}, is never caught up, and has no lag.
 */
record ProcessorStatus(
        String name,
        String mode,
        boolean runningHere,
        boolean replaying,
        boolean caughtUp,
        Long headPosition,
        Long lag,
        Alarm alarm,
        long deadLetters,
        long deadLetteredUsers,
        String lastError,
        List<Segment> segments
) {
    /**
     * @param detectedAt   when an instance raised it; null while only this status has seen it
     * @param headPosition the store's head when detected, where a re-align resumes; null for an empty store
     */
    record Alarm(String message, Instant detectedAt, String detectedBy, long tokenPosition, Long headPosition) {
    }

    /**
     * @param owner         the instance holding the claim, null when unclaimed
     * @param claimedHere   whether this instance processes it (only then are the live flags known)
     * @param resetPosition while replaying: the position the replay runs up to
     */
    record Segment(int segment, String owner, Long position, boolean claimedHere, Boolean caughtUp,
                   Boolean replaying, Long resetPosition, String error) {
    }
}
