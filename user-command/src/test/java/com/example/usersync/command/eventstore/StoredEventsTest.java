package com.example.usersync.command.eventstore;

import com.example.usersync.events.EventStoreSchema;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The position the bulk API is consistent with: the head, unless a gap younger than the gap timeout
 * (an append that took its position and may still commit) holds it just below that gap. Per database:
 * {@link StoredEventsH2Test}, {@link StoredEventsPostgresTest}.
 */
abstract class StoredEventsTest {

    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    DataSource dataSource;
    JdbcClient jdbc;
    EmbeddedEventStore eventStore;
    StoredEvents events;

    /** An event store with the schema and no events, its identity restarting at 1. */
    abstract DataSource emptyStore();

    @BeforeEach
    void store() {
        dataSource = emptyStore();
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
    void aGapAtTheBottomOfTheRangeLookedAtCountsToo() {
        append(1, NOW.minusSeconds(3));
        append(StoredEvents.MAX_GAP_OFFSET + 5, NOW.minusSeconds(2));
        append(StoredEvents.MAX_GAP_OFFSET + 6, NOW);

        assertThat(events.completePosition())
                .as("positions 7 to 10,004 are within the range looked at and missing, recently")
                .isEqualTo(6);
    }

    @Test
    void anAppendStillInFlightHoldsThePositionBelowItUntilItCommits() throws SQLException {
        try (Connection committing = dataSource.getConnection();
                Connection inFlight = dataSource.getConnection()) {
            insert(committing, NOW.minusSeconds(5));
            inFlight.setAutoCommit(false);
            insert(inFlight, NOW.minusSeconds(1));
            insert(committing, NOW);

            assertThat(events.completePosition())
                    .as("position 2 is taken, not committed: a read now cannot have it")
                    .isEqualTo(1);
            inFlight.commit();
        }
        assertThat(events.completePosition()).isEqualTo(3);
    }

    @Test
    void theFirstAppendStillInFlightHoldsThePositionAtZero() throws SQLException {
        try (Connection committing = dataSource.getConnection();
                Connection inFlight = dataSource.getConnection()) {
            inFlight.setAutoCommit(false);
            insert(inFlight, NOW.minusSeconds(1));
            insert(committing, NOW);

            assertThat(events.completePosition()).isZero();
            inFlight.rollback();
        }
        assertThat(events.completePosition())
                .as("rolled back: a gap until it is older than the gap timeout")
                .isZero();
    }

    /** Appends at the position the database gives (its identity), on this connection, in its transaction. */
    private static void insert(Connection connection, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload)
                VALUES (?, ?, 0, 'User', ?, 'java.lang.String', ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, DateTimeUtils.formatInstant(at));
            insert.setBytes(4, new byte[0]);
            insert.executeUpdate();
        }
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
