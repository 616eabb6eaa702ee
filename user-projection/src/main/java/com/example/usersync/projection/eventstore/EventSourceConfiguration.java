package com.example.usersync.projection.eventstore;

import com.example.usersync.events.EventStoreSchema;
import com.example.usersync.events.privacy.JdbcSubjectKeys;
import com.example.usersync.events.privacy.MasterKey;
import com.example.usersync.events.privacy.SubjectKeyCache;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.platform.serialization.EventSerializationConfiguration;
import com.example.usersync.platform.serialization.MasterKeySettings;
import com.example.usersync.projection.config.ProjectionSettings;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Two databases. The primary one is this service's own (tool read models, tokens, dead letters) and
 * carries every processing transaction. The event store belongs to the user service and is only
 * read, through its own read-only pool and transaction manager.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventSourceConfiguration {

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource")
    DataSourceProperties toolDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties toolDataSourceProperties) {
        return toolDataSourceProperties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    @ConfigurationProperties("user-sync.event-store.datasource")
    DataSourceProperties eventStoreDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean(defaultCandidate = false)
    @Qualifier("eventStore")
    HikariDataSource eventStoreDataSource(
            @Qualifier("eventStoreDataSourceProperties") DataSourceProperties properties) {
        HikariDataSource dataSource = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName("event-store-read");
        dataSource.setReadOnly(true);
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }

    /**
     * Reads the user service's subject keys; never creates one. Short cache: an erasure shows within 1 s.
     * The serializer that uses them is the platform's ({@link EventSerializationConfiguration}).
     */
    @Bean
    SubjectKeys subjectKeys(
            @Qualifier("eventStore") DataSource eventStoreDataSource,
            MasterKeySettings masterKey,
            SubjectKeyCache cache) {
        return new JdbcSubjectKeys(
                new SpringDataSourceConnectionProvider(eventStoreDataSource),
                MasterKey.fromBase64(masterKey.masterKey()),
                false,
                cache);
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            @Qualifier("eventStore") DataSource eventStoreDataSource,
            Serializer serializer,
            Configuration configuration) {
        TransactionManager readTransactions =
                new SpringTransactionManager(new DataSourceTransactionManager(eventStoreDataSource));
        return EventStoreSchema.storageEngine(
                        new SpringDataSourceConnectionProvider(eventStoreDataSource),
                        readTransactions,
                        serializer,
                        configuration.upcasterChain())
                .build();
    }

    /**
     * The user service appends from another process, so nothing here is told about new events by Axon:
     * {@link AppendWatch} wakes every tool's processor on each PostgreSQL notification of an append (or
     * each poll, on H2), through streams that call back ({@link SignalledEventStore}).
     * <p>
     * Every tool reads its own stream from the store, not Axon's shared cache of recent events: after
     * the event store is restored from an older backup, that cache still holds events the restore
     * removed, under the same positions as the new events that replace them, and a stream reaching the
     * head would be handed those ghosts as if they were new. Measured cost: registration to every
     * tool, median about 0.13 s slower (BENCHMARKS.md).
     */
    @Bean
    EventStore eventStore(
            EventStorageEngine eventStorageEngine, ProjectionSettings.EventStore settings, AppendSignal signal) {
        return new SignalledEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(eventStorageEngine)
                        .fetchDelay(settings.pollInterval().toMillis())
                        .optimizeEventConsumption(false),
                signal);
    }

    @Bean
    AppendSignal appendSignal() {
        return new AppendSignal();
    }

    @Bean
    AppendWatch appendWatch(
            @Qualifier("eventStoreDataSourceProperties") DataSourceProperties store,
            ProjectionSettings.EventStore settings,
            AppendSignal signal) {
        return new AppendWatch(store, settings, signal);
    }
}
