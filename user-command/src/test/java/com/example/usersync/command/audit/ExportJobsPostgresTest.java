package com.example.usersync.command.audit;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@DirtiesContext
@TestPropertySource(
        properties = {
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:export-jobs-pg-journal;DB_CLOSE_DELAY=-1",
            // The database is dropped before the context closes: the export heartbeat must not wait 30 s for a
            // connection then.
            "spring.datasource.hikari.connection-timeout=3000"
        })
class ExportJobsPostgresTest extends ExportJobsTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("export_jobs");

    @BeforeAll
    static void crashed() {
        crashLeftovers(database.jdbcUrl(), database.username(), database.password());
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry, "spring.datasource", () -> database);
    }
}
