package com.example.usersync.command.snapshot;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@DirtiesContext
@TestPropertySource(
        properties =
                "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:snapshot-recovery-pg-journal;DB_CLOSE_DELAY=-1")
class SnapshotRunRecoveryPostgresTest extends SnapshotRunRecoveryTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("snapshot_runs");

    @BeforeAll
    static void crashed() {
        crashLeftovers(database.jdbcUrl(), database.username(), database.password());
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry, "spring.datasource", () -> database);
    }
}
