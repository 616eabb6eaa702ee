package com.example.usersync.projection.admin;

import java.util.List;

/**
 * One tool processor as operators see it. Positions are global event-store indexes; lag is the
 * number of events between the store's head and the slowest segment.
 */
record ProcessorStatus(
        String name,
        String mode,
        boolean runningHere,
        boolean replaying,
        boolean caughtUp,
        Long headPosition,
        Long lag,
        long deadLetters,
        long deadLetteredUsers,
        String lastError,
        List<Segment> segments
) {
    /**
     * @param owner         the instance holding the claim, null when unclaimed
     * @param claimedHere   whether this instance processes it (only then are the live flags known)
     * @param resetPosition while replaying: the position the replay runs up to
     */
    record Segment(int segment, String owner, Long position, boolean claimedHere, Boolean caughtUp,
                   Boolean replaying, Long resetPosition, String error) {
    }
}
