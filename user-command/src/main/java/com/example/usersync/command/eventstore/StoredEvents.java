package com.example.usersync.command.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that reads {@code domain_event_entry} by SQL, for the questions Axon's API answers
 * one aggregate at a time only: whole pages of users in one query each. Single streams are read
 * with {@link EventStore#readEvents(String, long)}.
 */
@Component
public class StoredEvents {

    private static final int CHUNK = 100;

    /**
     * A gap younger than this (by the time of the event after it) may be an append still in flight;
     * an older one is taken as an append that rolled back (Axon's default {@code gapTimeout}). An append
     * whose transaction stays open longer than this could still commit below a position already given:
     * consumers therefore apply by user version, and use the position to know where a catch-up's overlap
     * ends, not to drop messages.
     */
    static final Duration GAP_TIMEOUT = Duration.ofMinutes(1);

    /** How far below the head gaps are looked for; Axon's default {@code maxGapOffset}. */
    static final long MAX_GAP_OFFSET = 10_000;

    /** How much of one aggregate's stream the store holds, and how many of those events have a given type. */
    public record StreamCount(String aggregateIdentifier, long events, long ofType) {}

    private record EventAt(String aggregateIdentifier, String eventIdentifier) {}

    /** No event between {@code below} and {@code position}; the one at {@code position} was appended at {@code timeStamp}. */
    private record Gap(long below, long position, String timeStamp) {}

    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Clock clock;

    StoredEvents(EventStore eventStore, JdbcClient jdbc, Clock clock) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The global position of the newest event; 0 when the store is empty. */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /**
     * The position the store is complete up to: every event at or below it has committed, so whatever is
     * read from the user service's tables after this call reflects it. The head, unless a recent gap below
     * it (an append that took its position and has not committed yet) holds it lower; gaps more than
     * {@value #MAX_GAP_OFFSET} below the head are not looked for. 0 when empty.
     */
    public long completePosition() {
        long head = headPosition();
        Instant recent = clock.instant().minus(GAP_TIMEOUT);
        long from = head - MAX_GAP_OFFSET;
        // A missing first position of the range is a gap too (from position 0 near the log's start).
        long beforeFirst = Math.max(0, from);
        return jdbc.sql("""
                        SELECT below, position, time_stamp FROM (
                            SELECT LAG(global_index, 1, CAST(? AS BIGINT)) OVER (ORDER BY global_index) AS below,
                                   global_index AS position, time_stamp
                            FROM domain_event_entry WHERE global_index > ? AND global_index <= ?) recent
                        WHERE position > below + 1 ORDER BY below""").param(beforeFirst).param(from).param(head).query(Gap.class).list().stream()
                .filter(gap -> DateTimeUtils.parseInstant(gap.timeStamp()).isAfter(recent))
                .mapToLong(Gap::below)
                .findFirst()
                .orElse(head);
    }

    /** @return aggregate id to the id of its event at the given sequence number, for those the store holds */
    public Map<String, String> eventIdsAt(Map<String, Long> sequenceByAggregate) {
        List<Map.Entry<String, Long>> wanted = List.copyOf(sequenceByAggregate.entrySet());
        Map<String, String> events = new HashMap<>();
        for (int from = 0; from < wanted.size(); from += CHUNK) {
            List<Map.Entry<String, Long>> chunk = wanted.subList(from, Math.min(wanted.size(), from + CHUNK));
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder();
            for (Map.Entry<String, Long> entry : chunk) {
                where.append(where.isEmpty() ? "" : " OR ")
                        .append("(aggregate_identifier = ? AND sequence_number = ?)");
                params.add(entry.getKey());
                params.add(entry.getValue());
            }
            jdbc.sql("SELECT aggregate_identifier, event_identifier FROM domain_event_entry WHERE " + where)
                    .params(params)
                    .query(EventAt.class)
                    .list()
                    .forEach(event -> events.put(event.aggregateIdentifier(), event.eventIdentifier()));
        }
        return events;
    }

    /** @return per aggregate the store holds events of: its event count and how many have {@code payloadType} */
    public Map<String, StreamCount> streamCounts(List<String> aggregateIds, String payloadType) {
        Map<String, StreamCount> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT aggregate_identifier, COUNT(*) AS events,
                               SUM(CASE WHEN payload_type = :type THEN 1 ELSE 0 END) AS of_type
                        FROM domain_event_entry WHERE aggregate_identifier IN (:ids) GROUP BY aggregate_identifier""")
                .param("type", payloadType)
                .param("ids", aggregateIds)
                .query(StreamCount.class)
                .list()
                .forEach(count -> counts.put(count.aggregateIdentifier(), count));
        return counts;
    }
}
