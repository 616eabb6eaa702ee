package com.example.usersync.projection.external;

import com.example.usersync.projection.UserServiceEventStore;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.PrometheusScrape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away under an external tool (a TCP proxy the test cuts, in front of the local
 * RabbitMQ): the tool's processor shows the error, dead-letters nothing, skips nothing, and resumes by
 * itself once the broker is reachable again; the batch that failed is published again.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:external-broker-down-tools;DB_CLOSE_DELAY=-1",
            "user-sync.event-store.datasource.url=" + ExternalToolBrokerDownTest.EVENTS,
            "user-sync.user-service.url=http://127.0.0.1:1",
            "user-sync.broker.confirm-timeout=2s",
            "user-sync.external-tools.crm-ext.fields=userId,plan",
            "user-sync.external-tools.crm-ext.exchange=" + ExternalToolBrokerDownTest.EXCHANGE,
            "user-sync.external-tools.crm-ext.partitions=4"
        })
class ExternalToolBrokerDownTest {

    static final String EVENTS = "jdbc:h2:mem:external-broker-down-events;DB_CLOSE_DELAY=-1";
    static final String EXCHANGE = "user-sync.test.external-broker-down";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JdbcEventStorageEngine store;
    private static ToolQueue tool;
    private static CuttableProxy proxy;

    @LocalServerPort
    int port;

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

    @Test
    void theToolsProcessorPausesWithAVisibleErrorWhileTheBrokerIsDownAndResumesByItselfSkippingNothing()
            throws Exception {
        Http http = Http.withDevAccounts("http://localhost:" + port).unchecked();
        UUID before = register();
        assertThat(userOf(receive(1).get(0))).isEqualTo(before.toString());

        proxy.cut();
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

        proxy.restore();
        assertThat(userOf(receive(1).get(0)))
                .as("resumed by itself, nothing skipped")
                .isEqualTo(during.toString());
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
        assertThat(userOf(receive(1).get(0))).isEqualTo(after.toString());
    }

    private static String userOf(Message message) throws IOException {
        return JSON.readTree(message.getBody()).get("userId").asText();
    }

    private static UUID register() {
        return UserServiceEventStore.register(store, List.of("crm-ext"));
    }

    private static List<Message> receive(int count) {
        return tool.receive(count, Duration.ofSeconds(90));
    }

    private static Message receiveNow() {
        return tool.receiveNow();
    }
}
