package com.example.usersync.projection.external;

import com.example.usersync.projection.UserServiceEventStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The broker outage on Kafka: a one-broker Kafka of this test's own that advertises the proxy's address,
 * so that every connection to it, the service's and the test consumer's, goes through the proxy the
 * test cuts.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:kafka-broker-down-tools;DB_CLOSE_DELAY=-1",
            "user-sync.event-store.datasource.url=" + KafkaToolBrokerDownTest.EVENTS,
            "user-sync.broker.type=kafka",
            "user-sync.external-tools.crm-ext.exchange=" + KafkaToolBrokerDownTest.TOPIC
        })
class KafkaToolBrokerDownTest extends ExternalToolBrokerDown {

    static final String EVENTS = "jdbc:h2:mem:kafka-broker-down-events;DB_CLOSE_DELAY=-1";
    static final String TOPIC = "user-sync.test.kafka-broker-down";
    private static JdbcEventStorageEngine store;
    private static EmbeddedKafkaKraftBroker broker;
    private static CuttableProxy proxy;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final Deque<String> waiting = new ArrayDeque<>();

    @BeforeAll
    static void theUserServicesSchema() {
        store = UserServiceEventStore.h2(EVENTS);
    }

    @DynamicPropertySource
    static void kafkaThroughTheProxy(DynamicPropertyRegistry registry) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        proxy = new CuttableProxy(new InetSocketAddress("127.0.0.1", port));
        broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        broker.brokerProperty("listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:0");
        broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + proxy.port());
        broker.afterPropertiesSet();
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + proxy.port(),
                        ConsumerConfig.GROUP_ID_CONFIG, "broker-down-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
        registry.add("user-sync.broker.kafka.bootstrap-servers", () -> "127.0.0.1:" + proxy.port());
    }

    @AfterAll
    static void close() throws IOException {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.destroy();
        }
        if (proxy != null) {
            proxy.close();
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
        List<String> users = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (users.size() < count && System.nanoTime() < deadline) {
            String next = receiveNow();
            if (next != null) {
                users.add(next);
            }
        }
        return users;
    }

    @Override
    String receiveNow() {
        if (waiting.isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                waiting.add(userOf(record.value()));
            }
        }
        return waiting.poll();
    }
}
