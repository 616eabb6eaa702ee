package com.example.usersync.projection.external;

import com.example.usersync.projection.UserServiceEventStore;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.PrometheusScrape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away under an external tool (a TCP proxy the test cuts, in front of a real broker):
 * the tool's processor shows the error, dead-letters nothing, skips nothing, and resumes by itself once
 * the broker is reachable again; the batch that failed is published again. One subclass per broker:
 * RabbitMQ ({@link ExternalToolBrokerDownTest}), Kafka ({@link KafkaToolBrokerDownTest}).
 */
@AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "user-sync.user-service.url=http://127.0.0.1:1",
            "user-sync.broker.confirm-timeout=2s",
            "user-sync.external-tools.crm-ext.fields=userId,plan",
            "user-sync.external-tools.crm-ext.partitions=4"
        })
abstract class ExternalToolBrokerDown {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    /** The user service's event store this service reads. */
    abstract JdbcEventStorageEngine store();

    /** The proxy between this service and the broker. */
    abstract CuttableProxy proxy();

    /** The user ids of the next {@code count} messages to the tool, waiting up to 90 s for them. */
    abstract List<String> receive(int count);

    /** The user id of the next message to the tool if one is there within a moment, or null. */
    abstract String receiveNow();

    @Test
    void theToolsProcessorPausesWithAVisibleErrorWhileTheBrokerIsDownAndResumesByItselfSkippingNothing()
            throws Exception {
        Http http = Http.withDevAccounts("http://localhost:" + port).unchecked();
        UUID before = register();
        assertThat(receive(1).get(0)).isEqualTo(before.toString());

        proxy().cut();
        UUID during = register();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode processor =
                    JSON.readTree(http.get("/api/admin/processors/crm-ext").body());
            assertThat(processor.get("lastError").asText(""))
                    .as("the error shows")
                    .isNotBlank();
            assertThat(processor.get("caughtUp").asBoolean()).isFalse();
        });
        assertThat(receiveNow())
                .as("nothing published while the broker is away")
                .isNull();
        JsonNode paused =
                JSON.readTree(http.get("/api/admin/processors/crm-ext").body());
        assertThat(paused.get("deadLetters").asLong())
                .as("an outage dead-letters nothing")
                .isZero();

        proxy().restore();
        assertThat(receive(1).get(0)).as("resumed by itself, nothing skipped").isEqualTo(during.toString());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode processor =
                    JSON.readTree(http.get("/api/admin/processors/crm-ext").body());
            assertThat(processor.get("caughtUp").asBoolean()).isTrue();
            assertThat(processor.get("lastError").isNull()).isTrue();
            PrometheusScrape scrape =
                    PrometheusScrape.parse(http.get("/actuator/prometheus").body());
            assertThat(scrape.value("user_sync_external_messages_failed_total", "tool", "crm-ext"))
                    .hasValueSatisfying(failed -> assertThat(failed).isGreaterThanOrEqualTo(1));
            assertThat(scrape.value("user_sync_external_messages_redelivered_total", "tool", "crm-ext"))
                    .hasValueSatisfying(again -> assertThat(again).isGreaterThanOrEqualTo(1));
        });
        UUID after = register();
        assertThat(receive(1).get(0)).isEqualTo(after.toString());
    }

    /** The user id a message's body names. */
    static String userOf(byte[] body) {
        try {
            return JSON.readTree(body).get("userId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UUID register() {
        return UserServiceEventStore.register(store(), List.of("crm-ext"));
    }
}
