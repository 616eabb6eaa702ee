package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding a tool by full replay versus from the latest snapshot run, on the same data: many
 * users with a long history each. Run with {@code ./mvnw -B -P benchmark -pl user-projection -am verify};
 * results go to {@code user-projection/target/benchmark-snapshot-rebuild.txt}.
 */
@Tag("benchmark")
class SnapshotRebuildBenchmarkTest {

    static final int USERS = Integer.getInteger("benchmark.users", 150);
    static final int CHANGES_PER_USER = Integer.getInteger("benchmark.changes", 40);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

    @Test
    void fullReplayVersusSnapshotRebuild() throws Exception {
        String name = UUID.randomUUID().toString().substring(0, 8);
        try (SyncSystem system = new SyncSystem(new SyncSystem.Databases(
                "jdbc:h2:mem:bench-events-" + name + ";DB_CLOSE_DELAY=-1",
                "jdbc:h2:mem:bench-tools-" + name + ";DB_CLOSE_DELAY=-1",
                "sa",
                ""))) {
            ConfigurableApplicationContext projection = system.startProjection(Map.of());
            Http users = system.users();
            Http tools = SyncSystem.http(projection);
            long events = generate(users);
            String runId = users.post("/api/admin/snapshot-runs", null)
                    .json()
                    .get("runId")
                    .asText();
            await().atMost(Duration.ofMinutes(5))
                    .until(() -> users.get("/api/admin/snapshot-runs/" + runId)
                            .json()
                            .get("status")
                            .asText()
                            .equals("COMPLETED"));
            awaitCaughtUp(tools);

            List<Long> replay = new ArrayList<>();
            List<Long> snapshot = new ArrayList<>();
            List<Long> nothing = new ArrayList<>();
            List<Map<String, Object>> afterReplay = null;
            for (int round = 0; round < ROUNDS; round++) {
                replay.add(rebuild(tools, "start"));
                afterReplay =
                        SyncSystem.toolsDb(projection).queryForList("SELECT * FROM billing_account ORDER BY user_id");
                snapshot.add(rebuild(tools, "snapshot"));
                assertThat(SyncSystem.toolsDb(projection)
                                .queryForList("SELECT * FROM billing_account ORDER BY user_id"))
                        .isEqualTo(afterReplay);
                // A reset with nothing to replay: the fixed cost of stopping, resetting and restarting.
                nothing.add(
                        rebuild(tools, java.time.Instant.now().minusMillis(1).toString()));
            }
            assertThat(SyncSystem.toolsDb(projection).queryForList("SELECT * FROM billing_account ORDER BY user_id"))
                    .isEqualTo(afterReplay);
            String report = """
                    users=%d, events in store=%d, rounds=%d
                    full replay (ms):         %s  median %d
                    snapshot rebuild (ms):    %s  median %d
                    reset, nothing to replay: %s  median %d
                    ratio of medians, replay / snapshot rebuild: %.1f
                    ratio of medians above the fixed reset cost: %.1f
                    """.formatted(
                    USERS,
                    events,
                    ROUNDS,
                    replay,
                    median(replay),
                    snapshot,
                    median(snapshot),
                    nothing,
                    median(nothing),
                    (double) median(replay) / median(snapshot),
                    (double) (median(replay) - median(nothing)) / Math.max(1, median(snapshot) - median(nothing)));
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmark-snapshot-rebuild.txt"), report);
        }
    }

    private long generate(Http users) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            int index = u;
            work.add(pool.submit(() -> {
                String id = users.post(
                                "/api/users",
                                "{\"email\":\"bench-" + UUID.randomUUID() + "@example.com\","
                                        + "\"displayName\":\"Bench " + index
                                        + "\",\"locale\":\"en\",\"plan\":\"TEAM\",\"tools\":[\"billing\"]}")
                        .json()
                        .get("id")
                        .asText();
                for (int c = 0; c < CHANGES_PER_USER; c++) {
                    users.patch("/api/users/" + id, "{\"displayName\":\"Bench " + index + " v" + c + "\"}");
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return (long) USERS * (CHANGES_PER_USER + 1);
    }

    private long rebuild(Http tools, String from) {
        long start = System.nanoTime();
        Http.Response reset = tools.post("/api/admin/processors/billing/reset", "{\"from\":\"" + from + "\"}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        awaitCaughtUp(tools);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void awaitCaughtUp(Http tools) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode status = tools.get("/api/admin/processors/billing").json();
                    return status.get("lag").asLong() == 0
                            && !status.get("replaying").asBoolean()
                            && status.get("segments").size() > 0;
                });
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
