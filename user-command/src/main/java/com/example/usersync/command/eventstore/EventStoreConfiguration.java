package com.example.usersync.command.eventstore;

import com.example.usersync.events.EventStoreSchema;
import com.example.usersync.events.MetadataKeys;
import com.example.usersync.events.privacy.JdbcSubjectKeys;
import com.example.usersync.events.privacy.MasterKey;
import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.privacy.SubjectKeyCache;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.events.privacy.SubjectTombstones;
import com.example.usersync.platform.serialization.EventSerializationConfiguration;
import com.example.usersync.platform.serialization.MasterKeySettings;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.context.annotation.Bean;

import java.sql.SQLException;
import javax.sql.DataSource;

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /** Unique-constraint violation, the same SQLSTATE on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Per-user data keys, in the event store database, created and destroyed in the command's
     * transaction; a key the erasure journal records as destroyed is never used again, even when a
     * restored event store still holds it. Unwrapped keys are cached at most 1 s: other instances of
     * this service read the same keys and must stop decrypting an erased user's data within that bound.
     * The serializer that uses them is the platform's ({@link EventSerializationConfiguration}).
     */
    @Bean
    SubjectKeys subjectKeys(
            DataSource dataSource,
            MasterKeySettings masterKey,
            SubjectKeyCache cache,
            SubjectTombstones journalTombstones) {
        return new JdbcSubjectKeys(
                connections(dataSource), MasterKey.fromBase64(masterKey.masterKey()), true, cache, journalTombstones);
    }

    /** Personal data in the command side's own tables, encrypted like the events' (no plaintext in this database). */
    @Bean
    PersonalDataCipher personalDataCipher(SubjectKeys keys) {
        return new PersonalDataCipher(keys);
    }

    /**
     * The JDBC engine over our own Flyway schema, instead of the auto-configured JPA engine: no
     * Hibernate {@code @Lob}/{@code oid} mapping and no pooled {@code global_index} allocation.
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            DataSource dataSource,
            TransactionManager transactionManager,
            Serializer serializer,
            Configuration configuration) {
        return EventStoreSchema.storageEngine(
                        connections(dataSource), transactionManager, serializer, configuration.upcasterChain())
                .persistenceExceptionResolver(EventStoreConfiguration::isDuplicateKey)
                .build();
    }

    /**
     * Axon calls the parent message's id "correlationId" and the root's "traceId"; we use the
     * common names: causationId = the direct cause, correlationId = the originating request.
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(MetadataKeys.CAUSATION_ID, MetadataKeys.CORRELATION_ID);
    }

    @Bean
    CorrelationDataProvider actorAndSourceProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.ACTOR, MetadataKeys.SOURCE_SERVICE);
    }

    /**
     * Axon's default listener error handler logs and moves on, which would let a failed directory
     * update commit the command anyway. Failures must roll the command back instead.
     */
    @Bean
    ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    private static ConnectionProvider connections(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    static boolean isDuplicateKey(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
