package com.example.usersync.command;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@DirtiesContext
class BadInputBatteryPostgresTest extends BadInputBatteryTest {

    static PostgresTestDatabase database;
    static PostgresTestDatabase journal;

    /** Here, not in a {@code @BeforeAll}: with one test instance per class the context starts before those run. */
    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        database = PostgresTestDatabase.createOrSkip("battery");
        journal = PostgresTestDatabase.createOrSkip("battery_journal");
        PostgresTestDatabase.register(registry, "spring.datasource", () -> database);
        PostgresTestDatabase.register(registry, "user-sync.erasure-journal.datasource", () -> journal);
    }

    @AfterAll
    static void dropDatabases() {
        if (database != null) {
            database.close();
        }
        if (journal != null) {
            journal.close();
        }
    }
}
