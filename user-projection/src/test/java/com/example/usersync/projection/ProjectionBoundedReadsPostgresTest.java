package com.example.usersync.projection;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;

class ProjectionBoundedReadsPostgresTest extends ProjectionBoundedReadsTest {

    private PostgresTestDatabase events;
    private PostgresTestDatabase toolsDatabase;

    @Override
    SyncSystem.Databases databases() {
        events = PostgresTestDatabase.createOrSkip("boundedevents");
        toolsDatabase = PostgresTestDatabase.createOrSkip("boundedtools");
        return new SyncSystem.Databases(events.jdbcUrl(), toolsDatabase.jdbcUrl(), events.username(), events.password());
    }

    @AfterAll
    void dropDatabases() {
        stop();
        system = null;
        if (events != null) {
            events.close();
            toolsDatabase.close();
        }
    }
}
