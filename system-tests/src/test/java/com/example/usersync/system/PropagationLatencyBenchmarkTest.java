package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How long a change takes to reach every tool, and a deletion to be confirmed by every tool, with
 * both services running as in production, on embedded H2 (the projection polls the event store) and
 * on PostgreSQL (every append notifies the projection). Sequential samples on an otherwise idle
 * system. Run with {@code ./mvnw -B -P benchmark -pl system-tests -am verify
 * -Dtest=PropagationLatencyBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}; results go to
 * {@code system-tests/target/benchmark-propagation-<database>.txt}.
 */
@Tag("benchmark")
class PropagationLatencyBenchmarkTest {

    static final int SAMPLES = Integer.getInteger("benchmark.samples", 60);

    @Test
    void onH2() throws Exception {
        measure("h2", SyncSystem.Databases.inMemoryH2());
    }

    @Test
    void onPostgresql() throws Exception {
        try (PostgresTestDatabase events = PostgresTestDatabase.createOrSkip("latency_events");
                PostgresTestDatabase tools = PostgresTestDatabase.createOrSkip("latency_tools")) {
            measure("postgresql", SyncSystem.Databases.on(events, tools));
        }
    }

    private static void measure(String database, SyncSystem.Databases databases) throws Exception {
        try (SyncSystem system = new SyncSystem(databases)) {
            ConfigurableApplicationContext projection = system.startProjection(Map.of());
            Http users = system.users();
            Http tools = SyncSystem.http(projection);
            List<String> toolNames = system.toolNames();
            List<Long> registration = new ArrayList<>();
            List<Long> erasure = new ArrayList<>();
            for (int i = 0; i < SAMPLES + 5; i++) {
                long start = System.nanoTime();
                String id = users.post(
                                "/api/users",
                                "{\"email\":\"lat-" + UUID.randomUUID() + "@example.com\","
                                        + "\"displayName\":\"Latency\",\"locale\":\"en\",\"tools\":"
                                        + SyncSystemTest.toolsJson(toolNames) + "}")
                        .json()
                        .get("id")
                        .asText();
                for (String tool : toolNames) {
                    while (tools.get("/api/tools/" + tool + "/users/" + id).status() != 200) {
                        Thread.sleep(5);
                    }
                }
                long registered = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                users.delete(
                        "/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");
                while (!users.get("/api/erasures/" + id).json().get("complete").asBoolean()) {
                    Thread.sleep(5);
                }
                long erased = (System.nanoTime() - start) / 1_000_000;
                if (i >= 5) {
                    registration.add(registered);
                    erasure.add(erased);
                }
            }
            String report = """
                    %s, samples=%d (after 5 warm-up), tools=%s
                    registration visible in every tool (ms): median %d, p95 %d, max %d
                    deletion confirmed by every tool (ms):   median %d, p95 %d, max %d
                    """.formatted(
                            database,
                            SAMPLES,
                            toolNames,
                            percentile(registration, 50),
                            percentile(registration, 95),
                            percentile(registration, 100),
                            percentile(erasure, 50),
                            percentile(erasure, 95),
                            percentile(erasure, 100));
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmark-propagation-" + database + ".txt"), report);
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
