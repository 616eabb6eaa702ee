package com.example.usersync.projection.reconciliation;

import java.time.Instant;

/**
 * One tool compared with the user service.
 *
 * @param checked  users compared
 * @param missing  live users the tool did not hold
 * @param stale    rows behind the user's version
 * @param corrupt  rows whose values no longer match what was written
 * @param extra    rows of users that are erased or unknown at the source
 * @param repaired discrepancies fixed; {@code failed} could not be (see the logs)
 */
record Reconciliation(long id, String tool, Instant startedAt, Instant completedAt, long checked, long missing,
                      long stale, long corrupt, long extra, long repaired, long failed) {
}
