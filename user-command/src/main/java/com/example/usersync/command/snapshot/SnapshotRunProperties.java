package com.example.usersync.command.snapshot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Snapshot runs ({@code user-sync.snapshot-runs}).
 *
 * @param settle            wait before the first page, so transactions below the start position commit
 * @param heartbeatInterval how often a running run records that its owner is alive
 * @param staleAfter        a RUNNING run without a heartbeat for this long is failed and its lock taken over
 * @param nodeId            this instance in the {@code owner} column (NODE_ID); pid@host when blank
 */
@ConfigurationProperties("user-sync.snapshot-runs")
record SnapshotRunProperties(@DefaultValue("1s") Duration settle,
                             @DefaultValue("5s") Duration heartbeatInterval,
                             @DefaultValue("1m") Duration staleAfter,
                             String nodeId) {

    SnapshotRunProperties {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("user-sync.snapshot-runs.heartbeat-interval must be positive");
        }
        if (staleAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "user-sync.snapshot-runs.stale-after must be at least twice the heartbeat-interval");
        }
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
