package com.example.usersync.system;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeneratedClientPostgresTest extends GeneratedClientEndToEndTest {

    @RegisterExtension
    static final PostgresTestDatabase events = PostgresTestDatabase.perClass("events");

    @RegisterExtension
    static final PostgresTestDatabase tools = PostgresTestDatabase.perClass("tools");

    @Override
    SyncSystem.Databases databases() {
        return SyncSystem.Databases.on(events, tools);
    }
}
