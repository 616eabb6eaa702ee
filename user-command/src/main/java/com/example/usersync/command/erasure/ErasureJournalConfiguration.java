package com.example.usersync.command.erasure;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import javax.sql.DataSource;

/**
 * The erasure journal's own database, outside the event store's backup domain. Its beans are not
 * default candidates, so the event store stays the one DataSource that Spring Boot, JPA, Axon and
 * Flyway's auto-configuration see; the journal is migrated here, by its own Flyway run.
 */
@Configuration(proxyBeanMethods = false)
class ErasureJournalConfiguration {

    static final String JOURNAL = "erasureJournal";

    @Bean(defaultCandidate = false)
    @Qualifier(JOURNAL)
    @ConfigurationProperties("user-sync.erasure-journal.datasource")
    DataSourceProperties erasureJournalDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean(defaultCandidate = false)
    @Qualifier(JOURNAL)
    @ConfigurationProperties("user-sync.erasure-journal.datasource.hikari")
    HikariDataSource erasureJournalDataSource(@Qualifier(JOURNAL) DataSourceProperties properties) {
        HikariDataSource dataSource = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName("erasure-journal");
        return dataSource;
    }

    @Bean
    ErasureJournal erasureJournal(@Qualifier(JOURNAL) DataSource dataSource, Clock clock) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/erasure-journal")
                // Its own history table: the journal may share a database server (or schema) with others.
                .table("erasure_journal_schema_history")
                .load()
                .migrate();
        return new ErasureJournal(dataSource, clock);
    }
}
