package com.example.usersync.projection.external;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * One external tool's publishing, counted for Prometheus ({@code user_sync_external_messages_*_total},
 * tagged {@code tool}): messages handed to the broker ({@code published}), confirmed by it
 * ({@code confirmed}), in batches that failed ({@code failed}: not confirmed, the broker unreachable, or
 * rolled back), and published again ({@code redelivered}: a replay's, or a retry of a failed batch's, as
 * far as this instance remembers the last {@value #REMEMBERED} failed message ids).
 */
final class PublishingCounts {

    static final long REMEMBERED = 100_000;

    private final Counter published;
    private final Counter confirmed;
    private final Counter failed;
    private final Counter redelivered;
    private final Cache<String, Boolean> failedIds =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    PublishingCounts(String tool, MeterRegistry meters) {
        this.published = counter(meters, tool, "published", "Messages handed to the broker");
        this.confirmed = counter(meters, tool, "confirmed", "Messages the broker confirmed (stored)");
        this.failed = counter(meters, tool, "failed", "Messages in batches that failed and will be published again");
        this.redelivered =
                counter(meters, tool, "redelivered", "Messages published again: a replay's or a failed batch's retry");
    }

    private static Counter counter(MeterRegistry meters, String tool, String what, String description) {
        return Counter.builder("user.sync.external.messages." + what)
                .description(description)
                .tag("tool", tool)
                .register(meters);
    }

    /** @param replays how many of the batch a replay sends (they are published again by definition) */
    void publishing(List<ToolMessage> batch, int replays) {
        published.increment(batch.size());
        long retried = batch.stream()
                .filter(message -> failedIds.getIfPresent(message.messageId()) != null)
                .count();
        redelivered.increment(Math.max(replays, retried));
    }

    void confirmed(List<ToolMessage> batch) {
        confirmed.increment(batch.size());
        batch.forEach(message -> failedIds.invalidate(message.messageId()));
    }

    void failed(List<ToolMessage> batch) {
        failed.increment(batch.size());
        batch.forEach(message -> failedIds.put(message.messageId(), Boolean.TRUE));
    }
}
