package com.example.usersync.projection.external;

import com.example.usersync.projection.config.ProjectionSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kafka publisher alone: a batch returns once Kafka holds all of it, keyed by the user's partition,
 * with the message id and headers as text; an unreachable Kafka fails a batch within the confirm timeout
 * (the processor then retries it with its back-off) instead of blocking the tool's thread, and does not
 * stop the service from starting (the publisher connects on first use).
 */
class KafkaToolPublisherTest {

    @Test
    void aBatchReturnsOnceKafkaHoldsAllOfItInItsOrder() {
        String topic = "user-sync.test.publisher-" + UUID.randomUUID();
        List<ToolMessage> batch = new ArrayList<>();
        for (int version = 0; version < 5; version++) {
            batch.add(new ToolMessage(
                    UUID.randomUUID().toString(),
                    "7",
                    Map.of("type", "UserProfileChanged", "userVersion", version, "globalPosition", 100 + version),
                    ("{\"v\":" + version + "}").getBytes(StandardCharsets.UTF_8)));
        }
        try (KafkaToolPublisher publisher = publisher(LocalKafka.bootstrapServers(), Duration.ofSeconds(20))) {
            // Read while the publisher is open: its close would flush, publish alone must have waited.
            publisher.publish(topic, batch);
            List<ConsumerRecord<String, byte[]>> records;
            try (ToolTopic tool = new ToolTopic(LocalKafka.bootstrapServers(), topic)) {
                records = tool.receive(batch.size(), Duration.ofSeconds(10));
            }
            assertThat(records).as("already stored when publish returned").hasSize(batch.size());
            assertThat(records).extracting(ConsumerRecord::key).containsOnly("7");
            assertThat(records)
                    .extracting(record -> text(record, "messageId"))
                    .containsExactlyElementsOf(
                            batch.stream().map(ToolMessage::messageId).toList());
            assertThat(records)
                    .extracting(record -> text(record, "userVersion"))
                    .containsExactly("0", "1", "2", "3", "4");
            assertThat(text(records.get(0), "contentType")).isEqualTo("application/json");
        }
    }

    @Test
    void anUnreachableKafkaFailsTheBatchWithinTheConfirmTimeout() throws IOException {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = socket.getLocalPort();
        }
        ToolMessage message =
                new ToolMessage(UUID.randomUUID().toString(), "0", Map.of("type", "UserRegistered"), new byte[0]);
        try (KafkaToolPublisher publisher = publisher("127.0.0.1:" + nobody, Duration.ofSeconds(2))) {
            for (int attempt = 0; attempt < 2; attempt++) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> publisher.publish("user-sync.test.unreachable", List.of(message)))
                        .isInstanceOf(IllegalStateException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("attempt %d fails instead of blocking", attempt)
                        .isLessThan(Duration.ofSeconds(8));
            }
        }
        try (KafkaToolPublisher unresolvable = publisher("no-such-host.invalid:9092", Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> unresolvable.publish("user-sync.test.unreachable", List.of(message)))
                    .as("constructed without connecting: the start does not depend on Kafka")
                    .isInstanceOf(RuntimeException.class);
        }
    }

    private static KafkaToolPublisher publisher(String servers, Duration confirmTimeout) {
        return new KafkaToolPublisher(new ProjectionSettings.Kafka(servers, Map.of()), confirmTimeout);
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
