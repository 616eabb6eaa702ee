package com.example.usersync.projection.external;

import com.example.usersync.projection.UserServiceEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;

/** The external tool's contract on the local RabbitMQ (skipped where none is reachable, see {@link LocalRabbit}). */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:external-contract-tools;DB_CLOSE_DELAY=-1",
            "user-sync.event-store.datasource.url=" + ExternalToolContractTest.EVENTS,
            "user-sync.external-tools.desk-ext.exchange=" + ExternalToolContractTest.EXCHANGE
        })
class ExternalToolContractTest extends ExternalToolContract {

    static final String EVENTS = "jdbc:h2:mem:external-contract-events;DB_CLOSE_DELAY=-1";
    static final String EXCHANGE = "user-sync.test.external-contract";
    private static JdbcEventStorageEngine store;
    private static ToolQueue queue;

    @BeforeAll
    static void localBrokerAndTheUserServicesSchema() {
        LocalRabbit.assumeReachable();
        queue = new ToolQueue(EXCHANGE);
        store = UserServiceEventStore.h2(EVENTS);
    }

    @AfterAll
    static void close() {
        if (queue != null) {
            queue.close();
        }
    }

    @Override
    String destination() {
        return EXCHANGE;
    }

    @Override
    String protocol() {
        return "amqp";
    }

    @Override
    JdbcEventStorageEngine store() {
        return store;
    }

    @Override
    List<Published> receive(int count, Duration patience) {
        return queue.receive(count, patience).stream()
                .map(message -> new Published(
                        message.getMessageProperties().getMessageId(),
                        message.getMessageProperties().getHeaders(),
                        message.getBody(),
                        message.getMessageProperties().getReceivedRoutingKey()))
                .toList();
    }
}
