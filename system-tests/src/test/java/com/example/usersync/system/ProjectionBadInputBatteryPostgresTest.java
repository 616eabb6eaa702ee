package com.example.usersync.system;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bad-input battery on PostgreSQL, where NUL characters and driver errors differ from H2. */
class ProjectionBadInputBatteryPostgresTest extends ProjectionBadInputBatteryTest {

    @RegisterExtension
    static final PostgresTestDatabase events = PostgresTestDatabase.perClass("batteryevents");

    @RegisterExtension
    static final PostgresTestDatabase toolsDatabase = PostgresTestDatabase.perClass("batterytools");

    @Override
    SyncSystem.Databases databases() {
        return SyncSystem.Databases.on(events, toolsDatabase);
    }
}
