package com.example.usersync.system;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A test class over one started system on two PostgreSQL test databases of its own (events, tools). */
abstract class PostgresSyncSystemTest extends SyncSystemTest {

    @RegisterExtension
    static final PostgresTestDatabase events = PostgresTestDatabase.perClass("events");

    @RegisterExtension
    static final PostgresTestDatabase toolsDatabase = PostgresTestDatabase.perClass("tools");

    @Override
    SyncSystem.Databases databases() {
        return SyncSystem.Databases.on(events, toolsDatabase);
    }
}
