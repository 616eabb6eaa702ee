package com.example.usersync.system;

import com.example.usersync.testing.Http;
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
 * both services running as in production (the projection polling the event store). Sequential
 * samples on an otherwise idle system. Run with {@code ./mvnw -B -P benchmark -pl user-projection -am verify};
 * results go to {@code user-projection/target/benchmark-propagation.txt}.
 */
@Tag("benchmark")
class PropagationLatencyBenchmarkTest {

    static final int SAMPLES = Integer.getInteger("benchmark.samples", 60);

    @Test
    void changeAndErasurePropagation() throws Exception {
        String name = UUID.randomUUID().toString().substring(0, 8);
        try (SyncSystem system = new SyncSystem(new SyncSystem.Databases(
                "jdbc:h2:mem:lat-events-" + name + ";DB_CLOSE_DELAY=-1",
                "jdbc:h2:mem:lat-tools-" + name + ";DB_CLOSE_DELAY=-1",
                "sa",
                ""))) {
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
                                        + ToolSyncEndToEndTest.toolsJson(toolNames) + "}")
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
                    samples=%d (after 5 warm-up)
                    registration visible in all 3 tools (ms): median %d, p95 %d, max %d
                    deletion confirmed by every tool (ms):   median %d, p95 %d, max %d
                    """.formatted(
                            SAMPLES,
                            percentile(registration, 50),
                            percentile(registration, 95),
                            percentile(registration, 100),
                            percentile(erasure, 50),
                            percentile(erasure, 95),
                            percentile(erasure, 100));
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmark-propagation.txt"), report);
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
