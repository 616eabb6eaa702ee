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
        registry.add("spring.datasource.url", () -> database.jdbcUrl());
        registry.add("spring.datasource.username", () -> database.username());
        registry.add("spring.datasource.password", () -> database.password());
        registry.add("user-sync.erasure-journal.datasource.url", () -> journal.jdbcUrl());
        registry.add("user-sync.erasure-journal.datasource.username", () -> journal.username());
        registry.add("user-sync.erasure-journal.datasource.password", () -> journal.password());
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
