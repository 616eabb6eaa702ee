package com.example.usersync.command.eventstore;

import com.example.usersync.testing.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/** On PostgreSQL (a database of this class's own), emptied before each test. */
class StoredEventsPostgresTest extends StoredEventsTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("stored_events");

    private static boolean migrated;

    @Override
    DataSource emptyStore() {
        DataSource dataSource =
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        if (!migrated) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/event-store")
                    .load()
                    .migrate();
            migrated = true;
        }
        JdbcClient.create(dataSource)
                .sql("TRUNCATE domain_event_entry RESTART IDENTITY")
                .update();
        return dataSource;
    }
}
