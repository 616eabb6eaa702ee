package com.example.usersync.command;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators scrape from the user service: command latency by command type and outcome, erasures
 * pending and overdue, and how long complete erasures took; never a user id or anything personal.
 * Its own databases, so the counts are exact; every erasure is overdue at once (deadline P0D).
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-metrics;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-metrics-journal;DB_CLOSE_DELAY=-1",
            "user-sync.erasure.deadline=P0D"
        })
class OperatorMetricsTest {

    private static final List<String> TOOLS = List.of("analytics", "billing", "mailing");

    @LocalServerPort
    int port;

    @Test
    void anOperatorScrapesCommandLatencyAndErasuresPendingOverdueAndCompleted() throws Exception {
        Http http = Http.withDevAccounts("http://localhost:" + port);
        String pending = register(http);
        String completed = register(http);
        assertThat(http.unchecked()
                        .patch("/api/users/" + completed, "{\"displayName\":\"B\"}", "If-Match", "\"7\"")
                        .status())
                .as("a stale version is rejected")
                .isEqualTo(412);
        delete(http, pending);
        delete(http, completed);
        String deletionEventId = http.get("/api/users/" + completed + "/events")
                .json()
                .get(1)
                .get("eventId")
                .asText();
        for (String tool : TOOLS) {
            assertThat(new Http("http://localhost:" + port)
                            .as("tool-" + tool, "dev-tool-" + tool)
                            .post(
                                    "/api/erasures/" + completed + "/confirmations",
                                    "{\"tool\":\"" + tool + "\",\"deletionEventId\":\"" + deletionEventId + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        // The gauges keep a snapshot for a second.
        Thread.sleep(1100);

        Http.Response page = http.unchecked().get("/actuator/prometheus");
        assertThat(page.status()).isEqualTo(200);
        PrometheusScrape scrape = PrometheusScrape.parse(page.body());

        String latency = "user_sync_command_latency_seconds_count";
        assertThat(scrape.value(latency, "command", "RegisterUser", "outcome", "success"))
                .contains(2.0);
        assertThat(scrape.value(latency, "command", "DeleteUser", "outcome", "success"))
                .contains(2.0);
        assertThat(scrape.value(latency, "command", "ChangeProfile", "outcome", "rejected"))
                .contains(1.0);
        assertThat(scrape.value(latency, "command", "ConfirmErasure", "outcome", "success"))
                .contains(3.0);
        assertThat(scrape.find("user_sync_command_latency_seconds_bucket", "command", "RegisterUser"))
                .as("a histogram, for percentiles across instances")
                .isNotEmpty();
        assertThat(scrape.value("user_sync_erasures_pending")).contains(1.0);
        assertThat(scrape.value("user_sync_erasures_overdue")).contains(1.0);
        assertThat(scrape.value("user_sync_erasure_completion_seconds_count")).contains(1.0);
        assertThat(scrape.value("user_sync_erasure_completion_seconds_sum"))
                .hasValueSatisfying(
                        seconds -> assertThat(seconds).isGreaterThan(0).isLessThan(60));
        assertThat(PrometheusScrape.USER_COMMAND)
                .allSatisfy(name -> assertThat(scrape.exports(name)).as(name).isTrue());
        assertThat(scrape.samples())
                .as("no user id in any series")
                .noneMatch(sample -> sample.labels().containsValue(pending)
                        || sample.labels().containsValue(completed)
                        || sample.name().contains(pending.replace('-', '_')));
    }

    private static String register(Http http) {
        Http.Response created =
                http.post("/api/users", UserServiceEndToEndTest.registration(UserServiceEndToEndTest.uniqueEmail()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void delete(Http http, String id) {
        assertThat(http.delete(
                                "/api/users/" + id,
                                "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}")
                        .status())
                .isEqualTo(202);
    }
}
