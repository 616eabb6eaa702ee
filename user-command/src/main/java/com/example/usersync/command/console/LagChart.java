package com.example.usersync.command.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A tool's lag over the last minutes as a small inline SVG line (no script, no library): {@code points}
 * for a {@code polyline} in a {@value #WIDTH}×{@value #HEIGHT} view box, time left to right ending now,
 * events bottom to top up to the highest lag in the window. Unknown samples are left out.
 */
record LagChart(String points, long highest, Long latest, String label) {

    static final int WIDTH = 120;
    static final int HEIGHT = 28;
    static final Duration SPAN = Duration.ofMinutes(10);

    static LagChart of(String tool, List<ProjectionAdmin.LagSample> samples, Instant now) {
        Instant from = now.minus(SPAN);
        List<ProjectionAdmin.LagSample> known = samples.stream()
                .filter(sample -> sample.events() != null && !sample.at().isBefore(from))
                .toList();
        long highest = known.stream()
                .mapToLong(ProjectionAdmin.LagSample::events)
                .max()
                .orElse(0);
        Long latest = known.isEmpty() ? null : known.get(known.size() - 1).events();
        String points = known.stream()
                .map(sample -> String.format(
                        Locale.ROOT,
                        "%.1f,%.1f",
                        WIDTH * Duration.between(from, sample.at()).toMillis() / (double) SPAN.toMillis(),
                        HEIGHT - 1 - (HEIGHT - 2) * (highest == 0 ? 0 : sample.events() / (double) highest)))
                .collect(Collectors.joining(" "));
        String label = known.isEmpty()
                ? "No lag samples of " + tool + " yet"
                : String.format(
                        Locale.ROOT,
                        "Lag of %s over the last %d minutes: highest %,d events, now %,d",
                        tool,
                        SPAN.toMinutes(),
                        highest,
                        latest);
        return new LagChart(points, highest, latest, label);
    }
}
