package com.example.usersync.command.audit;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@DirtiesContext
@TestPropertySource(properties =
        "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:export-jobs-pg-journal;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportJobsPostgresTest extends ExportJobsTest {

    static PostgresTestDatabase database;

    @BeforeAll
    static void crashed() {
        database = PostgresTestDatabase.createOrSkip("export_jobs");
        crashLeftovers(database.jdbcUrl(), database.username(), database.password());
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database.jdbcUrl());
        registry.add("spring.datasource.username", () -> database.username());
        registry.add("spring.datasource.password", () -> database.password());
    }

    @Autowired
    ConfigurableApplicationContext context;

    /** The service first: its export heartbeat would otherwise wait for connections to a dropped database. */
    @AfterAll
    void dropDatabase() {
        context.close();
        if (database != null) {
            database.close();
        }
    }
}
