package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection's own failures on PostgreSQL: killed mid-replay (gracefully and by SIGKILL), a tool
 * database restored from a backup, and two instances sharing and taking over segments.
 */
class ToolRecoveryPostgresTest extends PostgresSyncSystemTest {

    @Test
    void aToolRestoredFromABackupCatchesUpAndForgetsUsersDeletedSinceTheBackup() {
        List<String> ids = registerMany(8);
        awaitConverged(tools, ids);
        for (String tool : TOOLS) {
            awaitCaughtUp(tools, tool);
        }
        system.stop(projection);
        ToolDatabaseBackup backup = ToolDatabaseBackup.take(databases());
        projection = system.startProjection(Map.of());
        tools = SyncSystem.http(projection);

        changeSome(ids);
        delete(ids.get(3));
        delete(ids.get(5));
        awaitConverged(tools, ids);
        system.stop(projection);

        backup.restore();
        projection = system.startProjection(Map.of());
        tools = SyncSystem.http(projection);

        awaitConverged(tools, ids);
        assertThat(tools.get("/api/tools/mailing/users/" + ids.get(3)).status()).isEqualTo(404);
    }

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

    @Test
    void twoInstancesSplitTheSegmentsAndOneTakesOverWhenTheOtherStops() {
        system.stop(projection);
        ConfigurableApplicationContext first = system.startProjection(instance("node-a"));
        ConfigurableApplicationContext second = system.startProjection(instance("node-b"));
        projection = second;
        tools = SyncSystem.http(second);
        JdbcTemplate db = SyncSystem.toolsDb(second);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String tool : TOOLS) {
                assertThat(db.queryForList(
                                "SELECT owner FROM token_entry WHERE processor_name = ?", String.class, tool))
                        .as("owners of %s", tool)
                        .containsExactlyInAnyOrder("node-a", "node-a", "node-b", "node-b");
            }
        });
        List<String> ids = registerMany(20);
        changeSome(ids);
        delete(ids.get(7));
        awaitConverged(tools, ids);

        system.stop(first);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String tool : TOOLS) {
                assertThat(db.queryForList(
                                "SELECT owner FROM token_entry WHERE processor_name = ?", String.class, tool))
                        .as("owners of %s", tool)
                        .containsOnly("node-b");
            }
        });
        changeSome(ids);
        delete(ids.get(8));
        awaitConverged(tools, ids);
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
