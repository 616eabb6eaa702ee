package com.example.usersync.projection.external;

import com.example.usersync.projection.UserServiceEventStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external tool's contract on Kafka ({@code user-sync.broker.type=kafka}): the same checks as on
 * RabbitMQ, read back by a plain Kafka consumer from the tool's topic, which has three partitions, as
 * many as the tool's user partitions: the message key keeps each user in one of them.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:kafka-contract-tools;DB_CLOSE_DELAY=-1",
            "user-sync.event-store.datasource.url=" + KafkaToolContractTest.EVENTS,
            "user-sync.broker.type=kafka",
            "user-sync.broker.confirm-timeout=20s",
            "user-sync.external-tools.desk-ext.exchange=" + KafkaToolContractTest.TOPIC
        })
class KafkaToolContractTest extends ExternalToolContract {

    static final String EVENTS = "jdbc:h2:mem:kafka-contract-events;DB_CLOSE_DELAY=-1";
    static final String TOPIC = "user-sync.test.kafka-contract";
    private static JdbcEventStorageEngine store;
    private static ToolTopic topic;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("user-sync.broker.kafka.bootstrap-servers", LocalKafka::bootstrapServers);
    }

    @BeforeAll
    static void topicConsumerAndTheUserServicesSchema() throws Exception {
        String servers = LocalKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        topic = new ToolTopic(servers, TOPIC);
        store = UserServiceEventStore.h2(EVENTS);
    }

    @AfterAll
    static void close() {
        if (topic != null) {
            topic.close();
        }
    }

    @Override
    String destination() {
        return TOPIC;
    }

    @Override
    String protocol() {
        return "kafka";
    }

    @Override
    JdbcEventStorageEngine store() {
        return store;
    }

    @Override
    List<Published> receive(int count, Duration patience) {
        List<Published> received = topic.receive(count, patience).stream()
                .map(KafkaToolContractTest::published)
                .toList();
        assertThat(received).as("messages within %s", patience).hasSizeGreaterThanOrEqualTo(count);
        return received;
    }

    private static Published published(ConsumerRecord<String, byte[]> record) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return new Published((String) headers.get("messageId"), headers, record.value(), record.key());
    }
}
