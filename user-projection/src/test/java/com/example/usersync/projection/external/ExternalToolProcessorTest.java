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
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An external tool declared in configuration, in the running service against the local RabbitMQ: the
 * admin API, the gauges and the lag chart show it beside the in-process tools, and an operator stops,
 * starts and replays it like them (a replay publishes the same messages again, same ids).
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:external-processor-tools;DB_CLOSE_DELAY=-1",
            "user-sync.event-store.datasource.url=" + ExternalToolProcessorTest.EVENTS,
            "user-sync.user-service.url=http://127.0.0.1:1",
            "user-sync.external-tools.crm-ext.fields=userId,plan",
            "user-sync.external-tools.crm-ext.exchange=" + ExternalToolProcessorTest.EXCHANGE,
            "user-sync.external-tools.crm-ext.partitions=4"
        })
class ExternalToolProcessorTest {

    static final String EVENTS = "jdbc:h2:mem:external-processor-events;DB_CLOSE_DELAY=-1";
    static final String EXCHANGE = "user-sync.test.external-processor";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JdbcEventStorageEngine store;
    private static ToolQueue tool;

    @LocalServerPort
    int port;

    @BeforeAll
    static void localBrokerAndTheUserServicesSchema() {
        LocalRabbit.assumeReachable();
        tool = new ToolQueue(EXCHANGE);

        store = UserServiceEventStore.h2(EVENTS);
    }

    @AfterAll
    static void close() {
        if (tool != null) {
            tool.close();
        }
    }

    @Test
    void anExternalToolIsAProcessorLikeTheOthersThatAnOperatorStopsStartsAndReplays() throws Exception {
        Http http = Http.withDevAccounts("http://localhost:" + port).unchecked();
        UUID user = register();
        List<Message> received = receive(1);
        assertThat(received.get(0).getMessageProperties().getMessageId()).isNotBlank();
        assertThat(JSON.readTree(received.get(0).getBody()))
                .isEqualTo(JSON.readTree("{\"userId\":\"" + user + "\",\"plan\":\"TEAM\"}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode processor =
                    JSON.readTree(http.get("/api/admin/processors/crm-ext").body());
            assertThat(processor.get("caughtUp").asBoolean()).isTrue();
            assertThat(processor.get("lag").asLong()).isZero();
        });
        JsonNode all = JSON.readTree(http.get("/api/admin/processors").body());
        assertThat(all.findValuesAsText("name")).contains("analytics", "billing", "mailing", "crm-ext");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusScrape scrape =
                    PrometheusScrape.parse(http.get("/actuator/prometheus").body());
            assertThat(scrape.value("user_sync_tool_lag_events", "tool", "crm-ext"))
                    .contains(0.0);
            assertThat(scrape.value("user_sync_tool_caught_up", "tool", "crm-ext"))
                    .contains(1.0);
            assertThat(JSON.readTree(http.get("/api/admin/lag-history").body()).findValuesAsText("tool"))
                    .contains("crm-ext");
        });

        assertThat(http.post("/api/admin/processors/crm-ext/stop", "").status()).isEqualTo(200);
        UUID whileStopped = register();
        Thread.sleep(1000);
        assertThat(receiveNow()).as("nothing is published while stopped").isNull();
        assertThat(http.post("/api/admin/processors/crm-ext/start", "").status())
                .isEqualTo(200);
        assertThat(JSON.readTree(receive(1).get(0).getBody()).get("userId").asText())
                .isEqualTo(whileStopped.toString());

        assertThat(http.post("/api/admin/processors/crm-ext/stop", "").status()).isEqualTo(200);
        assertThat(http.post("/api/admin/processors/crm-ext/reset", "{\"from\":\"start\"}")
                        .status())
                .isEqualTo(202);
        List<Message> replayed = receive(2);
        assertThat(replayed)
                .extracting(message -> message.getMessageProperties().getMessageId())
                .as("a replay publishes the same messages again: consumers dedupe by id")
                .contains(received.get(0).getMessageProperties().getMessageId());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusScrape scrape =
                    PrometheusScrape.parse(http.get("/actuator/prometheus").body());
            assertThat(scrape.value("user_sync_external_messages_confirmed_total", "tool", "crm-ext"))
                    .contains(4.0);
            assertThat(scrape.value("user_sync_external_messages_redelivered_total", "tool", "crm-ext"))
                    .contains(2.0);
            assertThat(scrape.value("user_sync_external_messages_failed_total", "tool", "crm-ext"))
                    .contains(0.0);
        });
    }

    private static UUID register() {
        return UserServiceEventStore.register(store, List.of("crm-ext"));
    }

    private static List<Message> receive(int count) {
        return tool.receive(count, Duration.ofSeconds(30));
    }

    private static Message receiveNow() {
        return tool.receiveNow();
    }
}
