package com.example.usersync.projection.eventstore;

import com.example.usersync.projection.config.ProjectionSettings;
import com.example.usersync.testing.PostgresTestDatabase;
import com.example.usersync.testing.SilentPeer;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processors' wake-up: each append to a PostgreSQL event store notifies at once (no poll could
 * have fired in these tests), H2 is polled, and a stream calls back its processor on every signal.
 */
class AppendWatchTest {

    @RegisterExtension
    static final PostgresTestDatabase events = PostgresTestDatabase.perClass("appends");

    private static final Duration NEVER = Duration.ofHours(1);

    private final AppendSignal signal = new AppendSignal();
    private final AtomicInteger signals = new AtomicInteger();
    private AppendWatch watch;

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.stop();
        }
    }

    @Test
    void everyCommittedAppendToPostgresqlSignalsAtOnceAndARolledBackOneDoesNot() throws SQLException {
        Flyway.configure()
                .dataSource(events.jdbcUrl(), events.username(), events.password())
                .locations("classpath:db/event-store", "classpath:db/event-store-postgresql")
                .load()
                .migrate();
        signal.add(signals::incrementAndGet);
        watch = new AppendWatch(store(events.jdbcUrl(), events.username(), events.password()), settings(NEVER), signal);
        watch.start();
        // Once on listening: whatever was appended while nobody listened.
        await().atMost(Duration.ofSeconds(10)).until(() -> signals.get() >= 1);
        int before = signals.get();

        try (Connection connection =
                DriverManager.getConnection(events.jdbcUrl(), events.username(), events.password())) {
            connection.setAutoCommit(false);
            append(connection, 0);
            connection.rollback();
            append(connection, 1);
            append(connection, 2);
            connection.commit();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> signals.get() > before);
        assertThat(signals.get())
                .as("one notification per committed transaction")
                .isEqualTo(before + 1);
    }

    @Test
    void aListeningConnectionTheServerDropsIsReopenedAndAppendsNotifyAgain() throws Exception {
        everyCommittedAppendToPostgresqlSignalsAtOnceAndARolledBackOneDoesNot();
        long first = listener();

        try (Connection admin = DriverManager.getConnection(events.jdbcUrl(), events.username(), events.password())) {
            admin.createStatement().execute("SELECT pg_terminate_backend(" + first + ")");
        }

        // Polled meanwhile, then listening again after the first back-off (1 s).
        await().atMost(Duration.ofSeconds(15)).until(() -> listener() > 0 && listener() != first);
        Thread.sleep(300);
        int listening = signals.get();
        Thread.sleep(300);
        assertThat(signals.get()).as("no more polling once listening again").isEqualTo(listening);
        try (Connection connection =
                DriverManager.getConnection(events.jdbcUrl(), events.username(), events.password())) {
            append(connection, 10);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> signals.get() > listening);
    }

    /** The server process of the listening connection, 0 if none. */
    private static long listener() throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(events.jdbcUrl(), events.username(), events.password());
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND query LIKE 'LISTEN%' AND state = 'idle'")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    @Test
    void aDatabaseThatNeverAnswersTheLoginIsPolledMeanwhile() throws Exception {
        try (SilentPeer hung = new SilentPeer()) {
            String url = "jdbc:postgresql://" + hung.url().substring("http://".length()) + "/events";
            signal.add(signals::incrementAndGet);
            watch = new AppendWatch(store(url, "postgres", ""), settings(NEVER), signal);
            watch.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> signals.get() >= 3);
            assertThat(hung.connections()).as("it tried to listen").isPositive();
        }
    }

    @Test
    void onH2TheStoreIsPolled() {
        signal.add(signals::incrementAndGet);
        watch = new AppendWatch(store("jdbc:h2:mem:appends-" + UUID.randomUUID(), "sa", ""), settings(NEVER), signal);
        watch.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> signals.get() >= 3);
    }

    @Test
    void aStreamCallsBackOnEverySignalUntilItIsClosed() {
        SignalledEventStore store = new SignalledEventStore(
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()), signal);
        TrackingEventStream stream = store.openStream(null);

        assertThat(stream.setOnAvailableCallback(signals::incrementAndGet))
                .as("the processor waits for the callback instead of polling")
                .isTrue();
        signal.signal();
        signal.signal();
        stream.close();
        signal.signal();

        assertThat(signals.get()).isEqualTo(2);
        store.shutDown();
    }

    private static void append(Connection connection, int sequence) throws SQLException {
        try (var insert = connection.prepareStatement(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload, meta_data)"
                        + " VALUES (?, ?, ?, 'User', '2026-12-02T00:00:00Z', 'Test', ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setLong(3, sequence);
            insert.setBytes(4, new byte[0]);
            insert.setBytes(5, new byte[0]);
            insert.executeUpdate();
        }
    }

    private static DataSourceProperties store(String url, String username, String password) {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        properties.setUsername(username);
        properties.setPassword(password);
        return properties;
    }

    /** Polled every 50 ms where nothing notifies; where notifications arrive, never within a test. */
    private static ProjectionSettings.EventStore settings(Duration notifiedPollInterval) {
        return new ProjectionSettings.EventStore(Duration.ofMillis(50), notifiedPollInterval);
    }
}
