package com.example.usersync.projection.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * One tool compared with the user service.
 *
 * @param checked  users compared
 * @param missing  live users the tool did not hold
 * @param stale    rows behind the user's version
 * @param corrupt  rows whose values no longer match what was written
 * @param extra       rows the tool must not hold: of users erased or unknown at the source, or not
 *                    entitled to the tool
 * @param unconfirmed erased users without a row whose erasure the tool had not recorded (no receipt)
 * @param skipped     rows newer than the source's state, and users that changed while compared:
 *                    left alone, judged again by the next run
 * @param repaired    writes that happened (rows written or removed, receipts recorded)
 * @param suppressed  writes the tool's guards refused: a newer row was there, or the tool's erasure
 *                    receipt; nothing changed
 * @param failed      discrepancies that could not be repaired (see the logs)
 */
@Schema(name = "ReconciliationReport", description = "One tool compared with the user service, and what was repaired.")
record Reconciliation(
        @Schema(example = "42") long id,
        @Schema(example = "mailing") String tool,
        @Schema(example = "2026-11-22T07:37:00Z") Instant startedAt,
        @Schema(example = "2026-11-22T07:37:09Z") Instant completedAt,

        @Schema(description = "Users compared.", example = "1200")
        long checked,

        @Schema(description = "Live users the tool did not hold.", example = "1")
        long missing,

        @Schema(description = "Rows behind the user's version.", example = "2")
        long stale,

        @Schema(description = "Rows whose values no longer match what was written.", example = "0")
        long corrupt,

        @Schema(
                description = "Rows the tool must not hold: of users erased or unknown at the source, or not "
                        + "entitled to the tool.",
                example = "0")
        long extra,

        @Schema(
                description = "Erased users without a row whose erasure the tool had not recorded (no receipt).",
                example = "0")
        long unconfirmed,

        @Schema(
                description = "Rows newer than the source, and users that changed while compared: judged again "
                        + "by the next run.",
                example = "0")
        long skipped,

        @Schema(description = "Writes that happened (rows written or removed, receipts recorded).", example = "3")
        long repaired,

        @Schema(
                description = "Writes the tool's guards refused (a newer row, or the tool's erasure receipt).",
                example = "0")
        long suppressed,

        @Schema(description = "Discrepancies that could not be repaired (see the logs).", example = "0")
        long failed) {}
