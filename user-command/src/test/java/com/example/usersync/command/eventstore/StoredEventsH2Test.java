package com.example.usersync.command.eventstore;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;
import javax.sql.DataSource;

/** On the embedded default: a new in-memory H2 per test. */
class StoredEventsH2Test extends StoredEventsTest {

    @Override
    DataSource emptyStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:stored-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/event-store")
                .load()
                .migrate();
        return dataSource;
    }
}
