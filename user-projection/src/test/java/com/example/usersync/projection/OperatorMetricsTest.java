package com.example.usersync.projection;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.PrometheusScrape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators scrape from the tool-sync service, per tool: lag in events and seconds, sync latency,
 * dead letters, replay progress, caught up. The user service is stood in for by appending its events
 * to the event store database with the same storage engine and serializer; the tools process them as
 * in production.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:projection-metrics-tools;DB_CLOSE_DELAY=-1",
            "user-sync.event-store.datasource.url=" + OperatorMetricsTest.EVENTS,
            // No user service: receipts wait in the outbox.
            "user-sync.user-service.url=http://127.0.0.1:1"
        })
class OperatorMetricsTest {

    static final String EVENTS = "jdbc:h2:mem:projection-metrics-events;DB_CLOSE_DELAY=-1";
    private static final List<String> TOOLS = List.of("analytics", "billing", "mailing");
    private static final JdbcEventStorageEngine STORE;

    static {
        STORE = UserServiceEventStore.h2(EVENTS);
    }

    @LocalServerPort
    int port;

    @Test
    void anOperatorScrapesEachToolsLagSyncLatencyDeadLettersAndReplayProgress() throws Exception {
        Http http = Http.withDevAccounts("http://localhost:" + port).unchecked();
        register();
        register();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape scrape = scrape(http);
            for (String tool : TOOLS) {
                assertThat(scrape.value("user_sync_tool_caught_up", "tool", tool))
                        .as(tool)
                        .contains(1.0);
                assertThat(scrape.value("user_sync_tool_sync_latency_seconds_count", "tool", tool))
                        .as(tool)
                        .contains(2.0);
            }
        });
        PrometheusScrape caughtUp = scrape(http);
        for (String tool : TOOLS) {
            assertThat(caughtUp.value("user_sync_tool_lag_events", "tool", tool))
                    .as(tool)
                    .contains(0.0);
            assertThat(caughtUp.value("user_sync_tool_lag_seconds", "tool", tool))
                    .as(tool)
                    .contains(0.0);
            assertThat(caughtUp.value("user_sync_tool_dead_letters", "tool", tool))
                    .as(tool)
                    .contains(0.0);
            assertThat(caughtUp.value("user_sync_tool_dead_letter_sequences", "tool", tool))
                    .as(tool)
                    .contains(0.0);
            assertThat(caughtUp.value("user_sync_tool_replay_progress", "tool", tool))
                    .as(tool)
                    .contains(1.0);
            assertThat(caughtUp.value("user_sync_tool_sync_latency_seconds_sum", "tool", tool))
                    .as(tool)
                    .hasValueSatisfying(
                            seconds -> assertThat(seconds).isGreaterThan(0).isLessThan(30));
            assertThat(caughtUp.find("user_sync_tool_sync_latency_seconds_bucket", "tool", tool))
                    .as("a histogram, for percentiles across instances")
                    .isNotEmpty();
        }
        assertThat(PrometheusScrape.USER_PROJECTION)
                .allSatisfy(name -> assertThat(caughtUp.exports(name)).as(name).isTrue());

        assertThat(http.post("/api/admin/processors/billing/stop", "").status()).isEqualTo(200);
        register();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape scrape = scrape(http);
            assertThat(scrape.value("user_sync_tool_lag_events", "tool", "billing"))
                    .contains(1.0);
            assertThat(scrape.value("user_sync_tool_lag_seconds", "tool", "billing"))
                    .hasValueSatisfying(seconds -> assertThat(seconds).isGreaterThan(0));
            assertThat(scrape.value("user_sync_tool_caught_up", "tool", "billing"))
                    .contains(0.0);
            assertThat(scrape.value("user_sync_tool_lag_events", "tool", "mailing"))
                    .contains(0.0);
        });
        // The console's lag chart: every tool's series, sampled every five seconds.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response history = http.get("/api/admin/lag-history");
            assertThat(history.status()).isEqualTo(200);
            JsonNode series = new ObjectMapper().readTree(history.body());
            assertThat(series.findValuesAsText("tool")).containsExactlyElementsOf(TOOLS);
            for (JsonNode tool : series) {
                JsonNode samples = tool.get("samples");
                assertThat(samples).as(tool.get("tool").asText()).isNotEmpty();
                long latest = samples.get(samples.size() - 1).get("events").asLong();
                assertThat(latest)
                        .as(tool.get("tool").asText())
                        .isEqualTo(tool.get("tool").asText().equals("billing") ? 1 : 0);
            }
        });

        assertThat(http.post("/api/admin/processors/billing/start", "").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape scrape = scrape(http);
            assertThat(scrape.value("user_sync_tool_lag_events", "tool", "billing"))
                    .contains(0.0);
            assertThat(scrape.value("user_sync_tool_lag_seconds", "tool", "billing"))
                    .contains(0.0);
            assertThat(scrape.value("user_sync_tool_sync_latency_seconds_count", "tool", "billing"))
                    .contains(3.0);
        });
    }

    private static PrometheusScrape scrape(Http http) {
        Http.Response page = http.get("/actuator/prometheus");
        assertThat(page.status()).isEqualTo(200);
        return PrometheusScrape.parse(page.body());
    }

    private static void register() {
        UserServiceEventStore.register(STORE, TOOLS);
    }
}
