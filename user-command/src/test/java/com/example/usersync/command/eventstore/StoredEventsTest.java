package com.example.usersync.command.eventstore;

import com.example.usersync.events.EventStoreSchema;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The position the bulk API is consistent with: the head, unless a gap younger than the gap timeout
 * (an append that took its position and may still commit) holds it just below that gap.
 */
class StoredEventsTest {

    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    JdbcClient jdbc;
    EmbeddedEventStore eventStore;
    StoredEvents events;

    @BeforeEach
    void store() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:stored-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/event-store")
                .load()
                .migrate();
        ConnectionProvider connections = dataSource::getConnection;
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(EventStoreSchema.storageEngine(
                                connections,
                                NoTransactionManager.INSTANCE,
                                JacksonSerializer.defaultSerializer(),
                                NoOpEventUpcaster.INSTANCE)
                        .build())
                .build();
        jdbc = JdbcClient.create(dataSource);
        events = new StoredEvents(eventStore, jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        eventStore.shutDown();
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void anEmptyStoreIsCompleteAtZero() {
        assertThat(events.completePosition()).isZero();
    }

    @Test
    void withoutGapsTheStoreIsCompleteUpToItsHead() {
        append(1, NOW.minusSeconds(5));
        append(2, NOW.minusSeconds(1));
        append(3, NOW);

        assertThat(events.completePosition()).isEqualTo(3);
    }

    @Test
    void aRecentGapMayStillCommitAndHoldsThePositionBelowIt() {
        append(1, NOW.minusSeconds(30));
        append(2, NOW.minusSeconds(20));
        append(4, NOW.minusSeconds(10));
        append(5, NOW);

        assertThat(events.completePosition()).isEqualTo(2);
    }

    @Test
    void aGapOlderThanTheGapTimeoutIsAnAppendThatRolledBack() {
        Instant old = NOW.minus(StoredEvents.GAP_TIMEOUT).minusSeconds(1);
        append(1, old.minusSeconds(1));
        append(3, old);
        append(4, NOW.minusSeconds(2));
        append(7, NOW.minusSeconds(1));
        append(8, NOW);

        assertThat(events.completePosition())
                .as("below the recent gap (5, 6), past the old one (2)")
                .isEqualTo(4);
    }

    @Test
    void gapsFurtherBelowTheHeadThanAxonLooksAreIgnored() {
        append(1, NOW.minusSeconds(3));
        append(StoredEvents.MAX_GAP_OFFSET + 5, NOW.minusSeconds(2));
        append(StoredEvents.MAX_GAP_OFFSET + 6, NOW);

        assertThat(events.completePosition()).isEqualTo(StoredEvents.MAX_GAP_OFFSET + 6);
    }

    private void append(long position, Instant at) {
        String aggregate = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,
                            sequence_number, type, time_stamp, payload_type, payload)
                        VALUES (?, ?, ?, 0, 'User', ?, 'java.lang.String', ?)""")
                .params(position, UUID.randomUUID().toString(), aggregate, DateTimeUtils.formatInstant(at), new byte[0])
                .update();
    }
}
