package com.example.usersync.command.erasure;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.command.tools.KnownTools;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What operators alert on about erasures: how many the ledger holds that some known tool has not
 * confirmed yet, how many of those are past their deadline, and how long complete ones took from the
 * deletion to the last required tool's receipt. Counts only, no user ids: the gauges are read from
 * one snapshot of two count queries, taken at most once per {@link #SNAPSHOT_AGE} however often
 * Prometheus scrapes.
 */
@Component
class ErasureMetrics implements MeterBinder {

    /** Prometheus: {@code user_sync_erasures_pending}. */
    static final String PENDING = "user.sync.erasures.pending";
    /** Prometheus: {@code user_sync_erasures_overdue}. */
    static final String OVERDUE = "user.sync.erasures.overdue";
    /** Prometheus: {@code user_sync_erasure_completion_seconds} (a histogram). */
    static final String COMPLETION = "user.sync.erasure.completion";

    /** Scrapes within this age of the last snapshot read it instead of the database. */
    static final Duration SNAPSHOT_AGE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ErasureMetrics.class);

    private record Snapshot(Instant takenAt, double pending, double overdue) {}

    private final ErasureRequests requests;
    private final ErasureConfirmations confirmations;
    private final KnownTools tools;
    private final ErasureDeadline deadline;
    private final Clock clock;
    private Timer completion;
    private Snapshot snapshot;

    ErasureMetrics(
            ErasureRequests requests,
            ErasureConfirmations confirmations,
            KnownTools tools,
            UserCommandSettings settings,
            Clock clock) {
        this.requests = requests;
        this.confirmations = confirmations;
        this.tools = tools;
        this.deadline = new ErasureDeadline(settings.erasure().deadline(), clock);
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PENDING, this, metrics -> metrics.snapshot().pending())
                .description("Erasures some known tool has not confirmed yet")
                .register(registry);
        Gauge.builder(OVERDUE, this, metrics -> metrics.snapshot().overdue())
                .description("Pending erasures past their deadline (user-sync.erasure.deadline)")
                .register(registry);
        completion = Timer.builder(COMPLETION)
                .description("Time from a deletion to the receipt of the last tool that had to confirm it")
                .publishPercentileHistogram()
                // Receipts normally arrive within seconds; a tool that was down can take up to the deadline.
                .maximumExpectedValue(Duration.ofDays(31))
                .register(registry);
    }

    /**
     * Called with each receipt the ledger records (in its transaction): when it is the last one a
     * known tool owed, the erasure's completion time is recorded once that transaction commits.
     */
    void confirmed(UUID userId, String tool, Instant confirmedAt) {
        List<String> required = tools.names();
        if (completion == null || !required.contains(tool)) {
            return;
        }
        Set<String> confirmed = confirmations.findByKeyUserIdOrderByKeyToolAsc(userId).stream()
                .map(ErasureConfirmation::tool)
                .collect(Collectors.toSet());
        if (!confirmed.containsAll(required)) {
            return;
        }
        requests.findById(userId).ifPresent(request -> {
            Duration took = Duration.between(request.requestedAt(), confirmedAt);
            Runnable record = () -> completion.record(took.isNegative() ? Duration.ZERO : took);
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> record.run());
            } else {
                record.run();
            }
        });
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (snapshot != null && now.isBefore(snapshot.takenAt().plus(SNAPSHOT_AGE))) {
            return snapshot;
        }
        try {
            snapshot =
                    new Snapshot(now, unconfirmedBefore(null), unconfirmedBefore(deadline.overdueIfRequestedBefore()));
        } catch (RuntimeException unavailable) {
            // Unknown rather than a stale or invented count; the next scrape tries again.
            log.warn("Erasure gauges unavailable: {}", unavailable.getClass().getSimpleName());
            snapshot = new Snapshot(now, Double.NaN, Double.NaN);
        }
        return snapshot;
    }

    /** @param before null for every request */
    private double unconfirmedBefore(Instant before) {
        List<String> required = tools.names();
        if (required.isEmpty()) {
            // No known tool yet: no erasure can be complete (as the erasure view says).
            return before == null ? requests.count() : requests.countByRequestedAtBefore(before);
        }
        // Far in the future but within every database's timestamp range.
        Instant until = before != null ? before : clock.instant().plus(Duration.ofDays(36500));
        return requests.countUnconfirmedBefore(required, required.size(), until);
    }
}
