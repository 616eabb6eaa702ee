package com.example.usersync.system;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class ToolSyncPostgresTest extends ToolSyncEndToEndTest {

    @RegisterExtension
    static final PostgresTestDatabase events = PostgresTestDatabase.perClass("events");

    @RegisterExtension
    static final PostgresTestDatabase toolsDatabase = PostgresTestDatabase.perClass("tools");

    @Override
    SyncSystem.Databases databases() {
        return SyncSystem.Databases.on(events, toolsDatabase);
    }
}
