package com.example.usersync.command;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@DirtiesContext
class BadInputBatteryPostgresTest extends BadInputBatteryTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("battery");

    @RegisterExtension
    static final PostgresTestDatabase journal = PostgresTestDatabase.perClass("battery_journal");

    /** Here, not in a {@code @BeforeAll}: with one test instance per class the context starts before those run. */
    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry, "spring.datasource", () -> database);
        PostgresTestDatabase.register(registry, "user-sync.erasure-journal.datasource", () -> journal);
    }
}
