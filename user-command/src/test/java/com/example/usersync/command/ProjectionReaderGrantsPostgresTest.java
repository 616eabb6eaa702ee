package com.example.usersync.command;

import com.example.usersync.testing.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projection's read-only role, on a database migrated by this service's own Flyway at start:
 * it reads events and subject keys, and nothing that holds directory data, claims, the erasure
 * ledger or the access log. The role name is unique per run (roles are cluster-wide).
 */
@DirtiesContext
@SpringBootTest(properties = "user-sync.projection-service.url=http://localhost:9")
class ProjectionReaderGrantsPostgresTest {

    static final String ROLE =
            "reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final String PASSWORD = "test-" + UUID.randomUUID();
    static final List<String> READABLE = List.of("domain_event_entry", "subject_key");

    static PostgresTestDatabase database;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Flyway flyway;

    @BeforeAll
    static void createDatabaseAndRole() throws SQLException {
        database = PostgresTestDatabase.createOrSkip("grants");
        try (Connection admin =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database.jdbcUrl());
        registry.add("spring.datasource.username", () -> database.username());
        registry.add("spring.datasource.password", () -> database.password());
        registry.add("user-sync.event-store.reader-role", () -> ROLE);
    }

    @AfterAll
    static void dropDatabaseAndRole() throws SQLException {
        if (database != null) {
            database.close();
            try (Connection admin = DriverManager.getConnection(
                            database.jdbcUrl().replaceAll("/[^/]+$", "/postgres"),
                            database.username(),
                            database.password());
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP ROLE IF EXISTS " + ROLE);
            }
        }
    }

    @Test
    void theProjectionsRoleReadsEventsAndSubjectKeysAndNothingElse() throws SQLException {
        assertReadsOnlyWhatTheProjectionNeeds();
    }

    @Test
    void grantsFromAnOlderSetupThatAllowedEverythingAreNarrowedAtTheNextMigration() throws SQLException {
        jdbc.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + ROLE);
        jdbc.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + ROLE);

        flyway.migrate();

        assertReadsOnlyWhatTheProjectionNeeds();
        jdbc.execute("CREATE TABLE later_table (id INT)");
        try (Connection reader = DriverManager.getConnection(database.jdbcUrl(), ROLE, PASSWORD);
                Statement statement = reader.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT COUNT(*) FROM later_table"))
                    .as("a table created later is not readable by default")
                    .hasMessageContaining("permission denied");
        } finally {
            jdbc.execute("DROP TABLE later_table");
        }
    }

    private void assertReadsOnlyWhatTheProjectionNeeds() throws SQLException {
        try (Connection reader = DriverManager.getConnection(database.jdbcUrl(), ROLE, PASSWORD);
                Statement statement = reader.createStatement()) {
            for (String table : READABLE) {
                statement.executeQuery("SELECT COUNT(*) FROM " + table).close();
            }
            List<String> others = jdbc.queryForList("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name""", String.class).stream()
                    .filter(table -> !READABLE.contains(table))
                    .toList();
            assertThat(others)
                    .contains("user_directory", "erasure_request", "personal_data_access", "snapshot_event_entry");
            for (String table : others) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT COUNT(*) FROM " + table))
                        .as("%s is not readable", table)
                        .hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM domain_event_entry"))
                    .as("and it writes nothing")
                    .hasMessageContaining("permission denied");
        }
    }
}
