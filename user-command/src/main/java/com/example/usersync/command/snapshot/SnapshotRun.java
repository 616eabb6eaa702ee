package com.example.usersync.command.snapshot;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * @param startPosition the event store's head when the run started: a tool rebuilding from this
 *                      run starts reading right after it
 * @param users         live users restated so far
 * @param owner         the instance that runs (or ran) it
 * @param heartbeatAt   when the owner last recorded it was alive; a RUNNING run without one for
 *                      {@code stale-after} is failed
 */
@Schema(
        description =
                "A run that restates every live user as a `UserStateSnapshotted` event, so that a tool can rebuild "
                        + "from it instead of from the whole history.")
public record SnapshotRun(
        @Schema(example = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")
        UUID runId,

        Instant startedAt,

        @Schema(
                description = "The event store's head when the run started: a tool rebuilding from this run starts "
                        + "reading right after it.",
                example = "1234")
        long startPosition,

        @Schema(description = "When it completed or failed.") @Nullable
        Instant completedAt,

        @Schema(description = "Live users restated so far.", example = "1000")
        long users,

        @Schema(
                allowableValues = {"RUNNING", "COMPLETED", "FAILED"},
                example = "COMPLETED")
        String status,

        @Schema(description = "Who started it (an account, or the schedule).", example = "operator")
        String startedBy,

        @Schema(
                description = "The instance that runs (or ran) it; null for runs before owners were recorded.",
                example = "user-command-1")
        @Nullable
        String owner,

        @Schema(description = "When the owner last recorded it was alive; null for runs before owners were recorded.")
        @Nullable
        Instant heartbeatAt) {}
