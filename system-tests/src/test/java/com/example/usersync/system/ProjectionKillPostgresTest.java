package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection stopped in the middle of a replay, gracefully and by SIGKILL of its own JVM, converges
 * after a restart with the same rows a full replay gives.
 */
class ProjectionKillPostgresTest extends PostgresSyncSystemTest {

    @Test
    void aProjectionKilledMidReplayConvergesAfterRestart() {
        List<String> ids = registerMany(40);
        changeSome(ids);
        awaitConverged(tools, ids);
        List<Map<String, Object>> before = rows("analytics_user", ids);

        tools.post("/api/admin/processors/analytics/reset", "{\"from\":\"start\"}");
        system.stop(projection);
        projection = system.startProjection(Map.of());
        tools = SyncSystem.http(projection);

        awaitCaughtUp(tools, "analytics");
        awaitConverged(tools, ids);
        assertThat(rows("analytics_user", ids)).isEqualTo(before);
    }

    /** A real SIGKILL of a separate projection process in the middle of a replay, then a restart. */
    @Test
    void aProjectionKilledHardMidReplayConvergesAfterRestart() throws Exception {
        List<String> ids = registerMany(60);
        for (int round = 0; round < 4; round++) {
            changeSome(ids);
        }
        awaitConverged(tools, ids);
        List<Map<String, Object>> before = rows("analytics_user", ids);
        system.stop(projection);

        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = system.startProjectionProcess(
                Map.of("server.port", String.valueOf(port), "axon.eventhandling.processors.analytics.batch-size", "1"));
        try {
            Http external = Http.withDevAccounts("http://localhost:" + port);
            await().atMost(Duration.ofSeconds(90))
                    .ignoreExceptions()
                    .until(() -> external.get("/api/admin/processors/analytics").status() == 200);
            assertThat(external.post("/api/admin/processors/analytics/reset", "{\"from\":\"start\"}")
                            .status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        JsonNode status =
                                external.get("/api/admin/processors/analytics").json();
                        return status.get("replaying").asBoolean()
                                && StreamSupport.stream(status.get("segments").spliterator(), false)
                                        .anyMatch(s -> s.get("position").asLong() > 0);
                    });
        } finally {
            process.destroyForcibly().waitFor();
        }

        projection = system.startProjection(Map.of());
        tools = SyncSystem.http(projection);

        awaitCaughtUp(tools, "analytics");
        awaitConverged(tools, ids);
        assertThat(rows("analytics_user", ids)).isEqualTo(before);
    }
}
