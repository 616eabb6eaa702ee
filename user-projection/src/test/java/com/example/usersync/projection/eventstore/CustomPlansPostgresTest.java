package com.example.usersync.projection.eventstore;

import com.example.usersync.platform.jdbc.PostgresSessions;
import com.example.usersync.testing.PostgresTestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why every PostgreSQL pool plans each execution for its parameters ({@link PostgresSessions}): a
 * session that prepared Axon's tracked-event fetch while the event table was empty keeps a generic plan,
 * a sequential scan, long after the table has grown; a pool's session does not.
 */
class CustomPlansPostgresTest {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.perClass("plans");

    /** Axon's fetch, on a table of {@code domain_event_entry}'s shape (the row width decides the plan). */
    private static final String FETCH = "SELECT global_index, event_identifier, aggregate_identifier,"
            + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data FROM events"
            + " WHERE (global_index > $1 AND global_index <= $2) OR global_index IN ($3) ORDER BY global_index ASC";

    @Test
    void aPoolsSessionPlansTheFetchForItsParametersWhereADefaultSessionKeepsTheEmptyTablesSeqScan()
            throws SQLException {
        try (HikariDataSource pool = pool();
                Connection byDefault = plain();
                Connection pooled = pool.getConnection()) {
            try (Statement setup = byDefault.createStatement()) {
                setup.execute("CREATE TABLE events (global_index bigint PRIMARY KEY,"
                        + " event_identifier varchar(36) NOT NULL, aggregate_identifier varchar(36) NOT NULL,"
                        + " sequence_number bigint NOT NULL, type varchar(255), time_stamp varchar(32) NOT NULL,"
                        + " payload_type varchar(255) NOT NULL, payload_revision varchar(255),"
                        + " payload bytea NOT NULL, meta_data bytea)");
            }
            assertThat(show(pooled, "plan_cache_mode")).isEqualTo("force_custom_plan");
            assertThat(show(byDefault, "plan_cache_mode")).isEqualTo("auto");

            // Both sessions run the fetch while the table is empty, as a projection does on a fresh store.
            for (Connection session : List.of(byDefault, pooled)) {
                try (Statement statement = session.createStatement()) {
                    statement.execute("PREPARE tracked(bigint, bigint, bigint) AS " + FETCH);
                    for (int i = 0; i < 10; i++) {
                        statement.execute("EXECUTE tracked(" + i + ", " + (i + 100) + ", 0)");
                    }
                }
            }
            try (Statement fill = byDefault.createStatement()) {
                fill.execute("INSERT INTO events SELECT g, md5(g::text), md5((g / 10)::text), g % 10, 'User',"
                        + " now()::text, 'UserProfileChanged', '1', convert_to(repeat('x', 400), 'UTF8'),"
                        + " convert_to(repeat('m', 200), 'UTF8') FROM generate_series(1, 50000) g");
            }

            assertThat(plan(byDefault))
                    .as("the generic plan made on the empty table")
                    .contains("Seq Scan");
            assertThat(plan(pooled)).as("planned for these parameters").doesNotContain("Seq Scan");
        }
    }

    private static HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(DATABASE.jdbcUrl());
        pool.setUsername(DATABASE.username());
        pool.setPassword(DATABASE.password());
        pool.setMaximumPoolSize(1);
        return (HikariDataSource) new PostgresSessions().postProcessBeforeInitialization(pool, "events");
    }

    private static Connection plain() throws SQLException {
        return java.sql.DriverManager.getConnection(DATABASE.jdbcUrl(), DATABASE.username(), DATABASE.password());
    }

    private static String show(Connection session, String setting) throws SQLException {
        try (Statement statement = session.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String plan(Connection session) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = session.createStatement();
                ResultSet result = statement.executeQuery("EXPLAIN EXECUTE tracked(40000, 40100, 39990)")) {
            while (result.next()) {
                lines.add(result.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
