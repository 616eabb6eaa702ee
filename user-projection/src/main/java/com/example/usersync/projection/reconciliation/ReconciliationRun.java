package com.example.usersync.projection.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reconciliation in the background, polled at {@code /api/admin/reconciliations/runs/{id}}.
 *
 * @param tool        the tool reconciled, null for every tool
 * @param status      RUNNING, COMPLETED or FAILED
 * @param heartbeatAt when the owner last recorded progress; a RUNNING run without one for
 *                    {@code user-sync.reconciliation.stale-after} is failed
 * @param reports     one per tool once COMPLETED (also those finished before a failure)
 */
@Schema(name = "ReconciliationRun", description = "A reconciliation in the background.")
record ReconciliationRun(
        @Schema(example = "5b0e4c2a-8f1d-4b7e-9a36-1c2d3e4f5a6b")
        UUID id,

        @Schema(description = "The tool reconciled; null for every tool.", example = "mailing") @Nullable
        String tool,

        @Schema(
                allowableValues = {"RUNNING", "COMPLETED", "FAILED"},
                example = "COMPLETED")
        String status,

        @Schema(
                description = "Who asked for it: an account, a JWT caller's pseudonym, or `reconciliation-schedule`.",
                example = "operator")
        String requestedBy,

        @Schema(description = "The instance running it.", example = "projection-1")
        String owner,

        @Schema(example = "2026-11-22T07:37:00Z") Instant startedAt,

        @Schema(
                description = "When the owner last recorded progress; a RUNNING run without progress for "
                        + "`user-sync.reconciliation.stale-after` is failed.",
                example = "2026-11-22T07:37:05Z")
        Instant heartbeatAt,

        @Schema(description = "Null while RUNNING.", example = "2026-11-22T07:37:09Z") @Nullable
        Instant completedAt,

        @Schema(
                description =
                        "One per tool once COMPLETED (also those finished before a failure); empty while RUNNING.")
        List<Reconciliation> reports) {}
