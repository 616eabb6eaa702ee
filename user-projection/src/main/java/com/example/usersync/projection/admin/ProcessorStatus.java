package com.example.usersync.projection.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * One tool processor as operators see it. Positions are global event-store indexes; lag is the
 * number of events between the store's head and the slowest segment. A tool whose tokens are ahead of
 * the store's head (a restored event store) has an {@code alarm}, is never caught up, and has no lag.
 */
@Schema(
        name = "Processor",
        description = "A tool's tracking processor: where its segments are, who processes them, what failed.")
record ProcessorStatus(
        @Schema(description = "The tool's name, which is its processor's name.", example = "mailing")
        String name,

        @Schema(description = "The processor type.", example = "pooled")
        String mode,

        @Schema(description = "Whether this instance runs the processor.")
        boolean runningHere,

        @Schema(description = "Whether it replays events after a reset.")
        boolean replaying,

        @Schema(description = "No lag, no alarm, not replaying.")
        boolean caughtUp,

        @Schema(description = "The event store's head position; null for an empty store.", example = "1842") @Nullable
        Long headPosition,

        @Schema(
                description =
                        "Events between the head and the slowest segment; null with an alarm, or before any segment has a token.",
                example = "0")
        @Nullable
        Long lag,

        @Schema(
                description =
                        "Set while the tool's tokens are ahead of the event store's head (a restored store); null otherwise.")
        @Nullable
        Alarm alarm,

        @Schema(description = "Dead letters the tool holds.", example = "0")
        long deadLetters,

        @Schema(description = "Dead-letter sequences (users) the tool holds.", example = "0")
        long deadLetteredUsers,

        @Schema(
                description =
                        "A segment's live error, else the cause of the most recent dead letter (type and SQLSTATE only); null when none.",
                example = "PSQLException (SQLSTATE 23505)")
        @Nullable
        String lastError,

        @Schema(description = "Every segment, from the token store, so claims of other instances show too.")
        List<Segment> segments) {
    /**
     * @param detectedAt   when an instance raised it; null while only this status has seen it
     * @param headPosition the store's head when detected, where a re-align resumes; null for an empty store
     */
    @Schema(
            name = "PositionAlarm",
            description = "Tokens ahead of the event store's head: new events below them would be skipped. "
                    + "The processor stays stopped until a reset or a re-align.")
    record Alarm(
            @Schema(
                    description = "What happened and how to resolve it.",
                    example = "The positions of mailing are ahead of the event store: a segment's token is at 2000 "
                            + "while the store's head was 1842. ...")
            String message,

            @Schema(
                    description = "When an instance raised it; null while only this status has seen it.",
                    example = "2026-11-22T07:37:00Z")
            @Nullable
            Instant detectedAt,

            @Schema(
                    description = "The instance that raised it; null while only this status has seen it.",
                    example = "projection-1")
            @Nullable
            String detectedBy,

            @Schema(description = "The furthest token position.", example = "2000")
            long tokenPosition,

            @Schema(
                    description = "The store's head when detected, where a re-align resumes; null for an empty store.",
                    example = "1842")
            @Nullable
            Long headPosition) {}

    /**
     * @param owner         the instance holding the claim, null when unclaimed
     * @param claimedHere   whether this instance processes it (only then are the live flags known)
     * @param resetPosition while replaying: the position the replay runs up to
     */
    @Schema(
            name = "ProcessorSegment",
            description = "One segment of a processor: its token and claim; the live flags only "
                    + "for a segment this instance processes (null otherwise).")
    record Segment(
            @Schema(example = "0") int segment,

            @Schema(description = "The instance holding the claim; null when unclaimed.", example = "projection-1")
            @Nullable
            String owner,

            @Schema(description = "The token's position; null before the first event.", example = "1842") @Nullable
            Long position,

            @Schema(description = "Whether this instance processes it.")
            boolean claimedHere,

            @Schema(description = "Whether it has caught up with the head.") @Nullable
            Boolean caughtUp,

            @Schema(description = "Whether it replays.") @Nullable
            Boolean replaying,

            @Schema(description = "While replaying: the position the replay runs up to.", example = "1842") @Nullable
            Long resetPosition,

            @Schema(
                    description = "The segment's error (type and SQLSTATE only).",
                    example = "PSQLException (SQLSTATE 23505)")
            @Nullable
            String error) {}
}
