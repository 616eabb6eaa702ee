package com.example.usersync.projection;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;

/** The bad-input battery on PostgreSQL, where NUL characters and driver errors differ from H2. */
class ProjectionBadInputBatteryPostgresTest extends ProjectionBadInputBatteryTest {

    private PostgresTestDatabase events;
    private PostgresTestDatabase toolsDatabase;

    @Override
    SyncSystem.Databases databases() {
        events = PostgresTestDatabase.createOrSkip("batteryevents");
        toolsDatabase = PostgresTestDatabase.createOrSkip("batterytools");
        return new SyncSystem.Databases(events.jdbcUrl(), toolsDatabase.jdbcUrl(), events.username(), events.password());
    }

    @AfterAll
    void dropDatabases() {
        stop();
        if (events != null) {
            events.close();
            toolsDatabase.close();
        }
    }
}
