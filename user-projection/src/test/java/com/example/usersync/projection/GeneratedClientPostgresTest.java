package com.example.usersync.projection;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;

class GeneratedClientPostgresTest extends GeneratedClientEndToEndTest {

    private PostgresTestDatabase events;
    private PostgresTestDatabase tools;

    @Override
    SyncSystem.Databases databases() {
        events = PostgresTestDatabase.createOrSkip("events");
        tools = PostgresTestDatabase.createOrSkip("tools");
        return new SyncSystem.Databases(events.jdbcUrl(), tools.jdbcUrl(), events.username(), events.password());
    }

    @AfterAll
    void dropDatabases() {
        stopSystem();
        if (events != null) {
            events.close();
        }
        if (tools != null) {
            tools.close();
        }
    }
}
