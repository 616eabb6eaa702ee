package com.example.usersync.command.user;

import com.example.usersync.command.config.UserCommandSettings;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Aggregate snapshots, so loading a user does not replay a long history. They are taken after the
 * command's commit on a background thread (Axon's default runs them on the request thread) and are
 * serialized by the event serializer, so personal data in them is encrypted like in events.
 */
@Configuration(proxyBeanMethods = false)
class SnapshotConfiguration {

    @Bean
    ThreadPoolTaskExecutor snapshotExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("aggregate-snapshot-");
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(2);
        // A full queue only means a snapshot is skipped; the next trigger takes it.
        executor.setQueueCapacity(1000);
        executor.setRejectedExecutionHandler(new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
        return executor;
    }

    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(
            org.axonframework.config.Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory,
            ThreadPoolTaskExecutor snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean
    SnapshotTriggerDefinition userSnapshotTrigger(
            SpringAggregateSnapshotter snapshotter, UserCommandSettings settings) {
        return new EventCountSnapshotTriggerDefinition(
                snapshotter, settings.aggregateSnapshots().threshold());
    }
}
