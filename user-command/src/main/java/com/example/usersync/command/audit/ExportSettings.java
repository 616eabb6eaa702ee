package com.example.usersync.command.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Data exports in the background ({@code user-sync.export}), checked at start.
 *
 * @param syncWait          ({@code wait}) how long {@code GET /api/users/{id}/export} waits for its job before it
 *                          answers 202 with the job to poll (0: at once)
 * @param retention         a finished export is kept this long, then deleted
 * @param heartbeatInterval how often an instance records that its jobs' owner is alive
 * @param staleAfter        a RUNNING job without a heartbeat for this long is failed
 * @param cleanupInterval   how often expired exports are deleted
 * @param threads           exports built at once on this instance
 * @param queueCapacity     exports waiting for a thread; beyond it a new export is refused with 503
 * @param nodeId            this instance in the {@code owner} column (NODE_ID); pid@host when blank
 */
@Validated
@ConfigurationProperties("user-sync.export")
record ExportSettings(@Name("wait") @DefaultValue("5s") Duration syncWait,
                      @DefaultValue("24h") Duration retention,
                      @DefaultValue("5s") Duration heartbeatInterval,
                      @DefaultValue("1m") Duration staleAfter,
                      @DefaultValue("1m") Duration cleanupInterval,
                      @DefaultValue("2") @Min(1) @Max(64) int threads,
                      @DefaultValue("100") @Min(0) @Max(10_000) int queueCapacity,
                      String nodeId) {

    ExportSettings {
        if (syncWait.isNegative() || syncWait.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("user-sync.export.wait must be between 0 and 1m, not " + syncWait);
        }
        requirePositive("retention", retention);
        requirePositive("heartbeat-interval", heartbeatInterval);
        requirePositive("cleanup-interval", cleanupInterval);
        if (staleAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("user-sync.export.stale-after must be at least twice the heartbeat-interval");
        }
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("user-sync.export." + name + " must be a positive duration, not " + value);
        }
    }
}
