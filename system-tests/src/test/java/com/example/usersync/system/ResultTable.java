package com.example.usersync.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The harness's one table: each figure, the reference measured in the same run and their ratio, and
 * the target with whether it was met. Printed as text and written as JSON.
 */
final class ResultTable {

    /**
     * @param reference      the same run's reference figure (pgbench, the raw scan, a fresh user...), or null
     * @param referenceLabel its unit and what it is, e.g. "tx/s, pgbench 16 clients"
     * @param target         the target as text, or null when the figure has none
     * @param met            whether the target was met, null without a target
     */
    record Row(
            String figure,
            double value,
            String unit,
            Double reference,
            String referenceLabel,
            Double ratio,
            String target,
            Boolean met) {}

    private final Map<String, Object> run = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    /** What the run was: its parameters and machine, written above the table. */
    void describe(String key, Object value) {
        run.put(key, value);
    }

    /** Raw measurements behind the rows (distributions, counts), in the JSON only. */
    void detail(String key, Object value) {
        details.put(key, value);
    }

    void info(String figure, double value, String unit) {
        rows.add(new Row(figure, value, unit, null, null, null, null, null));
    }

    void against(String figure, double value, String unit, double reference, String referenceLabel) {
        rows.add(new Row(figure, value, unit, reference, referenceLabel, value / reference, null, null));
    }

    void atMost(String figure, double value, String unit, double limit) {
        rows.add(new Row(figure, value, unit, null, null, null, "≤ " + number(limit) + " " + unit, value <= limit));
    }

    void ratioAtLeast(
            String figure, double value, String unit, double reference, String referenceLabel, double minimum) {
        double ratio = value / reference;
        rows.add(new Row(
                figure,
                value,
                unit,
                reference,
                referenceLabel,
                ratio,
                "ratio ≥ " + ratio(minimum) + " (" + percent(minimum) + ")",
                ratio >= minimum));
    }

    void ratioAtMost(
            String figure, double value, String unit, double reference, String referenceLabel, double maximum) {
        double ratio = value / reference;
        rows.add(new Row(
                figure, value, unit, reference, referenceLabel, ratio, "ratio ≤ " + ratio(maximum), ratio <= maximum));
    }

    String render() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"figure", "value", "reference (same run)", "ratio", "target", "met?"});
        for (Row row : rows) {
            cells.add(new String[] {
                row.figure(),
                number(row.value()) + " " + row.unit(),
                row.reference() == null ? "" : number(row.reference()) + " " + row.referenceLabel(),
                row.ratio() == null ? "" : ratio(row.ratio()),
                row.target() == null ? "" : row.target(),
                row.met() == null ? "" : row.met() ? "pass" : "MISS"
            });
        }
        int[] widths = new int[6];
        cells.forEach(line -> {
            for (int i = 0; i < 6; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        });
        StringBuilder text = new StringBuilder();
        run.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        text.append('\n');
        for (int line = 0; line < cells.size(); line++) {
            text.append('|');
            for (int i = 0; i < 6; i++) {
                text.append(' ')
                        .append(pad(cells.get(line)[i], widths[i], i == 1 || i == 3))
                        .append(" |");
            }
            text.append('\n');
            if (line == 0) {
                text.append('|');
                for (int i = 0; i < 6; i++) {
                    text.append(i == 1 || i == 3 ? "-".repeat(widths[i] + 1) + ":|" : "-".repeat(widths[i] + 2) + "|");
                }
                text.append('\n');
            }
        }
        long missed = rows.stream().filter(r -> Boolean.FALSE.equals(r.met())).count();
        long targets = rows.stream().filter(r -> r.met() != null).count();
        text.append('\n')
                .append(targets - missed)
                .append(" of ")
                .append(targets)
                .append(" targets met\n");
        return text.toString();
    }

    void write(Path text, Path json) throws IOException {
        Files.createDirectories(text.toAbsolutePath().getParent());
        Files.writeString(text, render());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("run", run);
        document.put("rows", rows);
        document.put("details", details);
        new ObjectMapper()
                .findAndRegisterModules()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(json.toFile(), document);
    }

    private static String pad(String cell, int width, boolean right) {
        String space = " ".repeat(width - cell.length());
        return right ? space + cell : cell + space;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f×" : ratio < 10 ? "%.2f×" : "%.1f×", ratio);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
