package com.example.usersync.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code /actuator/prometheus} page, read as samples (name, labels, value), and the
 * names of what the services export for operators: the dashboard and the alerting rules in
 * {@code deploy/} may use these and no others (each service's metrics test proves its names are
 * exported, the deploy files' test that nothing else is used).
 */
public final class PrometheusScrape {

    /** user-command's own series (Prometheus names, before {@code _bucket}, {@code _count}, ...). */
    public static final Set<String> USER_COMMAND = Set.of(
            "user_sync_command_latency_seconds",
            "user_sync_erasures_pending",
            "user_sync_erasures_overdue",
            "user_sync_erasure_completion_seconds");

    /** user-projection's own series, each tagged {@code tool}. */
    public static final Set<String> USER_PROJECTION = Set.of(
            "user_sync_tool_lag_events",
            "user_sync_tool_lag_seconds",
            "user_sync_tool_sync_latency_seconds",
            "user_sync_tool_dead_letters",
            "user_sync_tool_dead_letter_sequences",
            "user_sync_tool_replay_progress",
            "user_sync_tool_caught_up");

    /** The suffixes Prometheus adds to a timer's (histogram's) name. */
    public static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern LINE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** Reads the text exposition format (comments skipped). */
    public static PrometheusScrape parse(String page) {
        List<Sample> samples = new ArrayList<>();
        for (String line : page.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = LINE.matcher(line.trim());
            if (!sample.matches()) {
                throw new IllegalArgumentException("Not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Samples of this exact name whose labels include all of {@code labels} (key, value, key, value, ...). */
    public List<Sample> find(String name, String... labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> {
                    for (int i = 0; i + 1 < labels.length; i += 2) {
                        if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
    }

    /** The one sample's value; empty when there is none, an error when several match. */
    public Optional<Double> value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() > 1) {
            throw new IllegalStateException(found.size() + " samples match " + name + " " + List.of(labels));
        }
        return found.stream().findFirst().map(Sample::value);
    }

    /** Whether a series of this name (or of a histogram of this name) is on the page. */
    public boolean exports(String name) {
        return samples.stream()
                .anyMatch(s -> s.name().equals(name)
                        || HISTOGRAM_SUFFIXES.stream()
                                .anyMatch(suffix -> s.name().equals(name + suffix)));
    }
}
