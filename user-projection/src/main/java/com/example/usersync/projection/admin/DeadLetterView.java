package com.example.usersync.projection.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * One dead-letter sequence of one tool, oldest first: a user's events, or a user's deletion.
 *
 * @param sequence the user id for the user's events, {@code erasure:<user id>} for the deletion
 * @param size     how many letters the sequence holds; {@code letters} shows the oldest, at most 100
 */
@Schema(
        name = "DeadLetterSequence",
        description = "A user's events (or the user's deletion) a tool could not apply, oldest first; "
                + "the events behind a failed one wait in the same sequence, so the user's order holds.")
record DeadLetterView(
        @Schema(
                description = "The user the events are about; null when the first letter is not a user's event.",
                example = "3f2b8c1e-6f0a-4c59-9b7e-2a4d8e1f0c35")
        @Nullable
        String userId,

        @Schema(
                description = "The user id for the user's events, `erasure:<user id>` for the user's deletion.",
                example = "3f2b8c1e-6f0a-4c59-9b7e-2a4d8e1f0c35")
        String sequence,

        @Schema(description = "Whether automatic retries gave up on it; an operator's retry still runs it.")
        boolean parked,

        @Schema(description = "How many letters the sequence holds; `letters` shows the oldest 100.", example = "2")
        long size,

        List<Letter> letters) {
    /**
     * @param version the user version the event carries
     * @param cause   the failure, redacted to type and SQLSTATE; null for events queued behind it
     */
    @Schema(name = "DeadLetter", description = "One event a tool could not apply, or one queued behind it.")
    record Letter(
            @Schema(description = "The event's id.", example = "9c1d7a52-0b3e-4f6a-8d21-5e7f3a9b4c10")
            String eventId,

            @Schema(description = "The event type.", example = "UserProfileChanged")
            String type,

            @Schema(
                    description = "The user version the event carries; null for an event that is not a user's.",
                    example = "3")
            @Nullable
            Long version,

            @Schema(example = "2026-11-22T07:37:00Z") Instant enqueuedAt,
            @Schema(example = "2026-11-22T07:42:00Z") Instant lastTouched,

            @Schema(description = "Processing attempts so far.", example = "1")
            int retries,

            @Schema(
                    description = "The failure, redacted to type and SQLSTATE; null for events queued behind it.",
                    example = "PSQLException (SQLSTATE 23505)")
            @Nullable
            String cause) {}
}
