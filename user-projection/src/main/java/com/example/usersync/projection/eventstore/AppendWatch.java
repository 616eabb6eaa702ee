package com.example.usersync.projection.eventstore;

import com.example.usersync.projection.config.ProjectionSettings;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Fires {@link AppendSignal} when the user service may have appended events. On PostgreSQL it listens
 * on a dedicated connection for the notification every append sends (channel {@value #CHANNEL}, from the
 * event store's trigger) and polls only as the fallback, every {@code notified-poll-interval}; elsewhere
 * (H2) it polls every {@code poll-interval}. A lost connection is reopened after a back-off, polling
 * every {@code poll-interval} meanwhile, so a lost notification costs latency, never an event.
 */
final class AppendWatch implements SmartLifecycle {

    private static final String CHANNEL = "user_sync_appends";
    private static final Logger log = LoggerFactory.getLogger(AppendWatch.class);

    private final DataSourceProperties store;
    private final ProjectionSettings.EventStore settings;
    private final AppendSignal signal;
    private final ExponentialBackOff reconnects = new ExponentialBackOff(1_000, 2.0);
    private volatile boolean running;
    private volatile Connection listening;
    private Thread thread;

    AppendWatch(DataSourceProperties store, ProjectionSettings.EventStore settings, AppendSignal signal) {
        this.store = store;
        this.settings = settings;
        this.signal = signal;
        reconnects.setMaxInterval(30_000);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::watch, "append-watch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        thread.interrupt();
        closeQuietly(listening);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void watch() {
        boolean postgres = store.determineUrl().startsWith("jdbc:postgresql:");
        BackOffExecution backOff = null;
        while (running) {
            if (!postgres) {
                poll(settings.pollInterval());
                continue;
            }
            try (Connection connection = DriverManager.getConnection(
                    store.determineUrl(), store.determineUsername(), store.determinePassword())) {
                listening = connection;
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                backOff = null;
                // Whatever was appended while nobody listened.
                signal.signal();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(
                            (int) settings.notifiedPollInterval().toMillis());
                    signal.signal();
                    // A connection the network dropped silently would wait forever without a word.
                    if ((received == null || received.length == 0) && !connection.isValid(2)) {
                        throw new SQLException("the listening connection stopped answering");
                    }
                }
            } catch (SQLException lost) {
                if (!running) {
                    return;
                }
                backOff = backOff == null ? reconnects.start() : backOff;
                long wait = backOff.nextBackOff();
                log.warn(
                        "Not listening for appends to the event store ({}): polling every {} and listening again in {} ms",
                        lost.getClass().getSimpleName(),
                        settings.pollInterval(),
                        wait);
                long until = System.nanoTime() + Duration.ofMillis(wait).toNanos();
                while (running && System.nanoTime() < until) {
                    poll(settings.pollInterval());
                }
            } finally {
                listening = null;
            }
        }
    }

    private void poll(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
            signal.signal();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyGone) {
                // Closing it was the point.
            }
        }
    }
}
