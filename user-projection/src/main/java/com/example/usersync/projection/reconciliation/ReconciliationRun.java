package com.example.usersync.projection.reconciliation;

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
record ReconciliationRun(UUID id, String tool, String status, String requestedBy, String owner, Instant startedAt,
                         Instant heartbeatAt, Instant completedAt, List<Reconciliation> reports) {
}
