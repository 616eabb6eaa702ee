package com.example.usersync.projection.external;

import com.example.usersync.projection.UserServiceEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.amqp.core.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** The broker outage on the local RabbitMQ (skipped where none is reachable, see {@link LocalRabbit}). */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:external-broker-down-tools;DB_CLOSE_DELAY=-1",
            "user-sync.event-store.datasource.url=" + ExternalToolBrokerDownTest.EVENTS,
            "user-sync.external-tools.crm-ext.exchange=" + ExternalToolBrokerDownTest.EXCHANGE
        })
class ExternalToolBrokerDownTest extends ExternalToolBrokerDown {

    static final String EVENTS = "jdbc:h2:mem:external-broker-down-events;DB_CLOSE_DELAY=-1";
    static final String EXCHANGE = "user-sync.test.external-broker-down";
    private static JdbcEventStorageEngine store;
    private static ToolQueue tool;
    private static CuttableProxy proxy;

    @DynamicPropertySource
    static void brokerThroughTheProxy(DynamicPropertyRegistry registry) throws IOException {
        // Runs when the context starts, after @BeforeAll (which skips the class without a broker).
        proxy = new CuttableProxy(new InetSocketAddress("127.0.0.1", 5672));
        registry.add("user-sync.broker.uri", () -> "amqp://guest:guest@127.0.0.1:" + proxy.port());
    }

    @BeforeAll
    static void localBrokerAndTheUserServicesSchema() {
        LocalRabbit.assumeReachable();
        tool = new ToolQueue(EXCHANGE);
        store = UserServiceEventStore.h2(EVENTS);
    }

    @AfterAll
    static void close() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (tool != null) {
            tool.close();
        }
    }

    @Override
    JdbcEventStorageEngine store() {
        return store;
    }

    @Override
    CuttableProxy proxy() {
        return proxy;
    }

    @Override
    List<String> receive(int count) {
        return tool.receive(count, Duration.ofSeconds(90)).stream()
                .map(message -> userOf(message.getBody()))
                .toList();
    }

    @Override
    String receiveNow() {
        Message message = tool.receiveNow();
        return message == null ? null : userOf(message.getBody());
    }
}
