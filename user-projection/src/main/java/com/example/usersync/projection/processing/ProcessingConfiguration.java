package com.example.usersync.projection.processing;

import com.example.usersync.projection.config.ProjectionSettings;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import java.lang.management.ManagementFactory;
import javax.sql.DataSource;

/**
 * How every tool's processor runs: pooled streaming, starting from the very first event when new,
 * tokens and dead letters in this service's own database, failures dead-lettered per user.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    /** pid@host by default; containers sharing a host name need an explicit, unique id. */
    @Bean
    NodeId nodeId(ProjectionSettings settings) {
        String configured = settings.nodeId();
        return new NodeId(
                configured.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : configured);
    }

    @Bean
    TokenStore tokenStore(DataSource dataSource, Serializer serializer, NodeId nodeId, ProjectionSettings settings) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections(dataSource))
                .serializer(serializer)
                .schema(TokenEntries.SCHEMA)
                .contentType(byte[].class)
                .nodeId(nodeId.value())
                .claimTimeout(settings.tokenClaimTimeout())
                .build();
    }

    @Bean
    ConfigurerModule toolProcessing(
            ProcessingGroups tools,
            DataSource dataSource,
            TransactionManager transactionManager,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            DeadLetterRetries retries,
            @Lazy PositionGuard positions) {
        return configurer -> {
            // Alarms are raised before any processor opens a stream, alarmed processors stopped right after start.
            configurer.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, positions::checkBeforeStart);
            configurer.onStart(Phase.INBOUND_EVENT_CONNECTORS + 1, positions::startWatching);
            configurer.onShutdown(Phase.INBOUND_EVENT_CONNECTORS + 1, positions::stopWatching);
            EventProcessingConfigurer processing = configurer
                    .eventProcessing()
                    .usingPooledStreamingEventProcessors((config, builder) -> builder
                            // A tool that comes online must see all history, not only what happens next.
                            .initialToken(StreamableMessageSource::createTailToken))
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerDefaultDeadLetterPolicy(c -> retries.policy());
            // External tools (user-sync.external-tools) are processing groups like the in-process ones.
            for (String tool : tools.names()) {
                processing
                        .registerDeadLetterQueue(
                                tool,
                                config -> JdbcSequencedDeadLetterQueue.builder()
                                        .processingGroup(tool)
                                        .connectionProvider(connections(dataSource))
                                        .transactionManager(transactionManager)
                                        .schema(DeadLetterEntries.SCHEMA)
                                        .genericSerializer(serializer)
                                        .eventSerializer(eventSerializer)
                                        .build())
                        .registerSequencingPolicy(
                                tool,
                                config -> tools.ordersDeletions(tool)
                                        ? ErasureFirstSequencing.inUserOrder()
                                        : new ErasureFirstSequencing())
                        // No stream while the tool's positions are ahead of the store (a restored event store).
                        .registerPooledStreamingEventProcessorConfiguration(
                                tool,
                                (config, builder) ->
                                        builder.messageSource(positions.guarded(tool, config.eventStore())))
                        // A reset also clears the tool's dead letters: the replay meets those events again.
                        // The cache remembers, per claimed segment, which users have dead letters, so an
                        // event of a user without any is not a query of the queue (it was one per event);
                        // it starts again whenever the segment is claimed, and only this segment's owner
                        // enqueues its users' letters.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                tool,
                                (config, builder) -> builder.allowReset(true).enableSequenceIdentifierCache());
            }
        };
    }

    private static ConnectionProvider connections(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }
}
