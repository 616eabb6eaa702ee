package com.example.usersync.projection.reconciliation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Background reconciliation runs ({@code user-sync.reconciliation}).
 *
 * @param staleAfter a RUNNING run that recorded no progress (one page of rows) for this long is
 *                   failed, and a new run for its tool may start: its owner died or hangs
 */
@ConfigurationProperties("user-sync.reconciliation")
record ReconciliationRunProperties(@DefaultValue("5m") Duration staleAfter) {

    ReconciliationRunProperties {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("user-sync.reconciliation.stale-after must be a positive duration");
        }
    }
}
