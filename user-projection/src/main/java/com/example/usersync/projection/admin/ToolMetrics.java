package com.example.usersync.projection.admin;

import com.example.usersync.projection.processing.StorePositions;
import com.example.usersync.projection.tools.AllTools;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * What operators alert on per tool, tagged {@code tool}: lag in events and in seconds, dead letters,
 * replay progress and whether the tool is caught up. Every figure comes from the admin API's
 * {@link ProcessorStatus} ({@link ProcessorAdmin#list()}), computed for all tools in one pass and kept
 * for {@link #SNAPSHOT_AGE}, so a scrape costs at most one pass however many gauges and scrapers
 * there are. A figure that cannot be known (the store unreachable, tokens ahead of a restored store)
 * is NaN, never a made-up 0.
 */
@Component
class ToolMetrics implements MeterBinder {

    static final String LAG_EVENTS = "user.sync.tool.lag.events";
    static final String LAG_SECONDS = "user.sync.tool.lag.seconds";
    static final String DEAD_LETTERS = "user.sync.tool.dead.letters";
    static final String DEAD_LETTER_SEQUENCES = "user.sync.tool.dead.letter.sequences";
    static final String REPLAY_PROGRESS = "user.sync.tool.replay.progress";
    static final String CAUGHT_UP = "user.sync.tool.caught.up";

    /** Scrapes within this age of the last pass read it instead of the databases. */
    static final Duration SNAPSHOT_AGE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ToolMetrics.class);

    /** One tool's figures at one moment. */
    record Figures(
            double lagEvents,
            double lagSeconds,
            double deadLetters,
            double deadLetterSequences,
            double replayProgress,
            double caughtUp) {

        static final Figures UNKNOWN =
                new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private final ProcessorAdmin admin;
    private final AllTools tools;
    private final StorePositions store;
    private final Clock clock;
    private Instant takenAt;
    private Map<String, Figures> snapshot = Map.of();

    ToolMetrics(ProcessorAdmin admin, AllTools tools, StorePositions store, Clock clock) {
        this.admin = admin;
        this.tools = tools;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String tool : tools.names()) {
            gauge(
                    registry,
                    tool,
                    LAG_EVENTS,
                    "Events between the event store's head and the tool's slowest segment",
                    null,
                    Figures::lagEvents);
            gauge(
                    registry,
                    tool,
                    LAG_SECONDS,
                    "Age of the oldest event the tool has not processed; 0 when caught up",
                    "seconds",
                    Figures::lagSeconds);
            gauge(registry, tool, DEAD_LETTERS, "Dead letters the tool holds", null, Figures::deadLetters);
            gauge(
                    registry,
                    tool,
                    DEAD_LETTER_SEQUENCES,
                    "Dead-letter sequences (users) the tool holds",
                    null,
                    Figures::deadLetterSequences);
            gauge(
                    registry,
                    tool,
                    REPLAY_PROGRESS,
                    "Share of a replay done, 0 to 1; 1 when not replaying",
                    null,
                    Figures::replayProgress);
            gauge(
                    registry,
                    tool,
                    CAUGHT_UP,
                    "1 when the tool has no lag, no alarm and does not replay; else 0",
                    null,
                    Figures::caughtUp);
        }
    }

    private void gauge(
            MeterRegistry registry,
            String tool,
            String name,
            String description,
            String unit,
            ToDoubleFunction<Figures> figure) {
        Gauge.builder(name, this, metrics -> figure.applyAsDouble(metrics.figures(tool)))
                .description(description)
                .baseUnit(unit)
                .tag("tool", tool)
                .strongReference(true)
                .register(registry);
    }

    Figures figures(String tool) {
        return snapshot().getOrDefault(tool, Figures.UNKNOWN);
    }

    private synchronized Map<String, Figures> snapshot() {
        Instant now = clock.instant();
        if (takenAt != null && now.isBefore(takenAt.plus(SNAPSHOT_AGE))) {
            return snapshot;
        }
        Map<String, Figures> figures = new HashMap<>();
        try {
            for (ProcessorStatus status : admin.list()) {
                figures.put(status.name(), figures(status, now));
            }
        } catch (RuntimeException unavailable) {
            // The tools' or the event store's database is down: unknown until the next pass.
            log.warn("Tool gauges unavailable: {}", unavailable.getClass().getSimpleName());
        }
        takenAt = now;
        snapshot = Map.copyOf(figures);
        return snapshot;
    }

    private Figures figures(ProcessorStatus status, Instant now) {
        return new Figures(
                status.lag() == null ? Double.NaN : status.lag(),
                lagSeconds(status, now),
                status.deadLetters(),
                status.deadLetteredUsers(),
                replayProgress(status.segments()),
                status.caughtUp() ? 1 : 0);
    }

    /** How long ago the oldest event the slowest segment has not processed was appended. */
    private double lagSeconds(ProcessorStatus status, Instant now) {
        if (status.lag() == null) {
            return Double.NaN;
        }
        if (status.lag() == 0) {
            return 0;
        }
        long slowest = status.segments().stream()
                .map(ProcessorStatus.Segment::position)
                .mapToLong(position -> position == null ? -1 : position)
                .min()
                .orElse(-1);
        return store.firstEventTimeAfter(slowest)
                .map(appended -> Math.max(0, Duration.between(appended, now).toMillis()) / 1000.0)
                .orElse(0.0);
    }

    /**
     * The least advanced of this instance's replaying segments: position over the position the replay
     * runs up to. Segments other instances claim have no live flags here; those instances report them.
     */
    private static double replayProgress(List<ProcessorStatus.Segment> segments) {
        return segments.stream()
                .filter(segment -> Boolean.TRUE.equals(segment.replaying()))
                .filter(segment -> segment.resetPosition() != null && segment.resetPosition() > 0)
                .mapToDouble(segment -> Math.min(
                        1.0,
                        Math.max(
                                0.0,
                                Objects.requireNonNullElse(segment.position(), 0L) / (double) segment.resetPosition())))
                .min()
                .orElse(1.0);
    }
}
