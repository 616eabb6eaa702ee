package com.example.usersync.command.snapshot;

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
record SnapshotRun(UUID runId, Instant startedAt, long startPosition, Instant completedAt, long users,
                   String status, String startedBy, String owner, Instant heartbeatAt) {
}
