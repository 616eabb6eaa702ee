package com.example.usersync.projection.admin;

import com.example.usersync.projection.tools.AllTools;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each tool's lag over the last {@link #SPAN}, sampled every {@link #EVERY} from the figures the
 * gauges read ({@link ToolMetrics}), for the console's lag chart. Kept in memory: after a restart the
 * history starts again (Prometheus keeps the long one).
 */
@Component
class LagHistory {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration SPAN = Duration.ofMinutes(10);

    @Schema(name = "LagSample", description = "A tool's lag at one moment; null figures were unknown then.")
    record Sample(
            @Schema(example = "2026-11-22T07:37:00Z") Instant at,

            @Schema(description = "Events behind the head.", example = "12") @Nullable
            Long events,

            @Schema(description = "Age of the oldest event not yet applied.", example = "0.4") @Nullable
            Double seconds) {}

    @Schema(name = "LagSeries", description = "One tool's lag samples, oldest first.")
    record Series(@Schema(example = "mailing") String tool, List<Sample> samples) {}

    private final ToolMetrics metrics;
    private final AllTools tools;
    private final Clock clock;
    private final Map<String, Deque<Sample>> samples = new LinkedHashMap<>();

    LagHistory(ToolMetrics metrics, AllTools tools, Clock clock) {
        this.metrics = metrics;
        this.tools = tools;
        this.clock = clock;
    }

    @Scheduled(fixedRateString = "PT5S", initialDelayString = "PT5S")
    void sample() {
        Instant now = clock.instant();
        for (String tool : tools.names()) {
            ToolMetrics.Figures figures = metrics.figures(tool);
            record(
                    tool,
                    new Sample(
                            now,
                            Double.isNaN(figures.lagEvents()) ? null : (long) figures.lagEvents(),
                            Double.isNaN(figures.lagSeconds()) ? null : figures.lagSeconds()));
        }
    }

    synchronized void record(String tool, Sample sample) {
        Deque<Sample> series = samples.computeIfAbsent(tool, name -> new ArrayDeque<>());
        series.addLast(sample);
        Instant oldest = sample.at().minus(SPAN);
        while (!series.isEmpty() && series.peekFirst().at().isBefore(oldest)) {
            series.removeFirst();
        }
    }

    /** Every tool's samples, oldest first; a tool not sampled yet has none. */
    synchronized List<Series> all() {
        return tools.names().stream()
                .map(tool -> new Series(tool, List.copyOf(samples.getOrDefault(tool, new ArrayDeque<>()))))
                .toList();
    }
}
