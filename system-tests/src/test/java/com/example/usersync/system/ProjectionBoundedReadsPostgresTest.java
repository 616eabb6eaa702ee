package com.example.usersync.system;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProjectionBoundedReadsPostgresTest extends ProjectionBoundedReadsTest {

    @RegisterExtension
    static final PostgresTestDatabase events = PostgresTestDatabase.perClass("boundedevents");

    @RegisterExtension
    static final PostgresTestDatabase toolsDatabase = PostgresTestDatabase.perClass("boundedtools");

    @Override
    SyncSystem.Databases databases() {
        return SyncSystem.Databases.on(events, toolsDatabase);
    }
}
