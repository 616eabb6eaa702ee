package com.example.usersync.projection.tools;

import com.example.usersync.projection.erasure.ErasureReceipts;
import com.example.usersync.projection.processing.DeadLetterEntries;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.util.UUID;

/** This service's schema in a fresh in-memory H2 database, and the storage every tool is built on. */
public final class ToolTestDatabase {

    public final JdbcClient jdbc;
    public final DataSourceTransactionManager transactions;
    public final ToolStorage storage;

    public ToolTestDatabase(Clock clock) {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:tools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/user-projection", "classpath:db/access-log")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        storage = new ToolStorage(
                new JdbcTemplate(dataSource),
                transactions,
                new ErasureReceipts(jdbc, clock),
                new DeadLetterEntries(jdbc),
                clock);
    }

    public ToolTestDatabase() {
        this(Clock.systemUTC());
    }

    public long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
