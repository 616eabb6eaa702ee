package com.example.usersync.system;

import java.util.Arrays;

/** Latencies of one measurement, summarized in milliseconds (nearest-rank percentiles). */
record Distribution(int count, double p50, double p90, double p99, double max, double mean) {

    static final Distribution EMPTY = new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Distribution ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return EMPTY;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Distribution(
                sorted.length,
                millis(percentile(sorted, 50)),
                millis(percentile(sorted, 90)),
                millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1]),
                Arrays.stream(sorted).average().orElseThrow() / 1e6);
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    @Override
    public String toString() {
        return "n=%d p50 %.1f p90 %.1f p99 %.1f max %.1f ms".formatted(count, p50, p90, p99, max);
    }
}
