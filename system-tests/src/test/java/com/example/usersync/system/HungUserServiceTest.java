package com.example.usersync.system;

import com.example.usersync.projection.ProjectionApplication;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.SilentPeer;
import com.example.usersync.testing.Smoke;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The user service accepts connections and never answers. The reconciliation that hangs on it runs
 * in the background and holds no scheduler thread: the node heartbeat, dead-letter retries, receipt
 * delivery and the erasure sweeper keep running; a second request for the same reconciliation
 * answers the running one; and once the user service refuses connections, a call that needs it is
 * a 503 problem detail with Retry-After.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HungUserServiceTest {

    /** The jobs that must keep running, by class and method, as Spring's scheduling observations name them. */
    static final List<String> JOBS = List.of(
            "com.example.usersync.projection.processing.SegmentBalancer#balance",
            "com.example.usersync.projection.processing.DeadLetterRetries#retryDueLetters",
            "com.example.usersync.projection.tools.ErasureSweeper#sweep",
            "com.example.usersync.projection.erasure.ReceiptDelivery#deliverDueReceipts");

    SilentPeer userService;
    ConfigurableApplicationContext projection;
    Http operator;

    /** The tools database: url, username, password. */
    abstract String[] toolsDatabase();

    @BeforeAll
    void start() {
        userService = new SilentPeer();
        String eventStore = "jdbc:h2:mem:hung-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure()
                .dataSource(eventStore, "sa", "")
                .locations("classpath:db/event-store", "classpath:db/user-command", "classpath:db/access-log")
                .load()
                .migrate();
        String[] tools = toolsDatabase();
        Map<String, String> properties = new HashMap<>(Map.of(
                "server.port",
                "0",
                "spring.datasource.url",
                tools[0],
                "spring.datasource.username",
                tools[1],
                "spring.datasource.password",
                tools[2],
                "user-sync.event-store.datasource.url",
                eventStore,
                "user-sync.user-service.url",
                userService.url(),
                // Longer than the test: only isolation, not the timeout, keeps the other jobs going here.
                "user-sync.user-service.read-timeout",
                "10m",
                "user-sync.reconciliation.cron",
                "* * * * * *"));
        properties.putAll(Map.of(
                "user-sync.balance-interval", "200ms",
                "user-sync.dead-letters.retry-interval", "200ms",
                "user-sync.erasure.receipt-interval", "200ms",
                "user-sync.erasure.sweep-interval", "200ms",
                "user-sync.node-id", "hung-test-node"));
        projection = SyncSystem.run(ProjectionApplication.class, properties);
        operator = Http.withDevAccounts("http://localhost:"
                + ((WebServerApplicationContext) projection).getWebServer().getPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (projection != null) {
            projection.close();
        }
        userService.close();
    }

    @Test
    void aHungUserServiceStopsNoOtherJobAndDownIsA503() throws Exception {
        // The scheduled reconciliation has connected and waits for an answer that never comes.
        await().atMost(Duration.ofSeconds(20)).until(() -> userService.connections() >= 1);

        Map<String, Long> before = executions();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Long> now = executions();
            JOBS.forEach(
                    job -> assertThat(now.get(job)).as(job + " kept running").isGreaterThan(before.get(job) + 2));
        });
        String node = "hung-test-node";
        await().atMost(Duration.ofSeconds(5))
                .until(() -> SyncSystem.toolsDb(projection)
                        .queryForObject(
                                "SELECT last_seen FROM projection_node WHERE node_id = ?",
                                java.time.OffsetDateTime.class,
                                node)
                        .isAfter(java.time.OffsetDateTime.now().minusSeconds(1)));

        // Single flight: every tool is being reconciled (the scheduled run): a request answers that run.
        Http.Response first = operator.post("/api/admin/reconciliations", null);
        Http.Response second = operator.post("/api/admin/reconciliations", null);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.header("Location"))
                .isEqualTo(first.header("Location"))
                .endsWith("/api/admin/reconciliations/runs/"
                        + first.json().get("id").asText());
        String location = first.header("Location").replaceFirst("^http://[^/]+", "");
        assertThat(operator.get(location).json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(first.json().get("requestedBy").asText()).isEqualTo("reconciliation-schedule");

        // One tool at a time: a different scope starts its own run, and an unknown tool starts nothing.
        Http.Response mailing = operator.post("/api/admin/reconciliations", "{\"tool\":\"mailing\"}");
        assertThat(mailing.status()).isEqualTo(202);
        assertThat(mailing.header("Location")).isNotEqualTo(first.header("Location"));
        assertThat(operator.post("/api/admin/reconciliations", "{\"tool\":\"mailing\"}")
                        .header("Location"))
                .isEqualTo(mailing.header("Location"));
        assertThat(operator.post("/api/admin/reconciliations", "{\"tool\":\"nope\"}")
                        .status())
                .isEqualTo(404);

        // Down: connections refused. A call that needs the user service is a 503 problem detail.
        userService.stopListening();
        Http.Response reset = operator.post("/api/admin/processors/mailing/reset", "{\"from\":\"snapshot\"}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(503);
        assertThat(reset.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reset.header("Retry-After")).isNotBlank();
        assertThat(reset.json().get("type").asText()).isEqualTo("urn:user-sync:problem:dependency-unavailable");
    }

    @Smoke
    @Test
    void everyScheduledJobHasAThreadOfItsOwn() {
        int jobs = projection.getBeansOfType(ScheduledTaskHolder.class).values().stream()
                .mapToInt(holder -> holder.getScheduledTasks().size())
                .sum();
        assertThat(jobs).isGreaterThanOrEqualTo(JOBS.size() + 1);
        assertThat(projection
                        .getBean(ThreadPoolTaskScheduler.class)
                        .getScheduledThreadPoolExecutor()
                        .getCorePoolSize())
                .isGreaterThanOrEqualTo(jobs);
    }

    private Map<String, Long> executions() {
        MeterRegistry meters = projection.getBean(MeterRegistry.class);
        Map<String, Long> counts = new HashMap<>();
        for (String job : JOBS) {
            String[] parts = job.split("#");
            counts.put(
                    job,
                    meters
                            .find("tasks.scheduled.execution")
                            .tag("code.namespace", parts[0])
                            .tag("code.function", parts[1])
                            .timers()
                            .stream()
                            .mapToLong(Timer::count)
                            .sum());
        }
        return counts;
    }
}
