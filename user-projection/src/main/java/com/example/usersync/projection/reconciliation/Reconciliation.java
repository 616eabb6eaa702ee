package com.example.usersync.projection.reconciliation;

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
record Reconciliation(long id, String tool, Instant startedAt, Instant completedAt, long checked, long missing,
                      long stale, long corrupt, long extra, long unconfirmed, long skipped, long repaired,
                      long suppressed, long failed) {
}
