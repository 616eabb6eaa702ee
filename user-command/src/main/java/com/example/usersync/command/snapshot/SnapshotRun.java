package com.example.usersync.command.snapshot;

import java.time.Instant;
import java.util.UUID;

/**
 * @param startPosition the event store's head when the run started: a tool rebuilding from this
 *                      run starts reading right after it
 * @param users         live users restated so far
 */
record SnapshotRun(UUID runId, Instant startedAt, long startPosition, Instant completedAt, long users,
                   String status, String startedBy) {
}
