package com.example.usersync.command.eventstore;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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

    /** How much of one aggregate's stream the store holds, and how many of those events have a given type. */
    public record StreamCount(String aggregateIdentifier, long events, long ofType) {}

    private record EventAt(String aggregateIdentifier, String eventIdentifier) {}

    private final EventStore eventStore;
    private final JdbcClient jdbc;

    StoredEvents(EventStore eventStore, JdbcClient jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    /** The global position of the newest event; 0 when the store is empty. */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
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
