package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ToolSyncPostgresTest extends ToolSyncEndToEndTest {

    @RegisterExtension
    static final PostgresTestDatabase events = PostgresTestDatabase.perClass("events");

    @RegisterExtension
    static final PostgresTestDatabase toolsDatabase = PostgresTestDatabase.perClass("tools");

    @Override
    SyncSystem.Databases databases() {
        return SyncSystem.Databases.on(events, toolsDatabase);
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

    @Test
    void everyInstanceStopsAToolAheadOfARestoredStoreAndRestartsItOnceAnotherInstanceReplaysIt() {
        system.stop(projection);
        ConfigurableApplicationContext first = system.startProjection(instance("node-c"));
        ConfigurableApplicationContext second = system.startProjection(instance("node-d"));
        projection = second;
        tools = SyncSystem.http(second);
        Http firstTools = SyncSystem.http(first);
        try {
            List<String> kept = restoreAnOlderCopyOfTheEventStore(false).kept();
            String registered = register("Registered With Two Instances");

            // Every instance stops every tool by itself and releases its claims: no operator stop needed.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (Http instance : List.of(firstTools, tools)) {
                    for (String tool : TOOLS) {
                        JsonNode status =
                                instance.get("/api/admin/processors/" + tool).json();
                        assertThat(status.get("alarm").isNull()).isFalse();
                        assertThat(status.get("runningHere").asBoolean()).isFalse();
                        assertThat(status.get("segments"))
                                .allSatisfy(segment -> assertThat(
                                                segment.get("owner").isNull())
                                        .as("owner of %s", tool)
                                        .isTrue());
                    }
                }
            });
            assertThat(firstTools
                            .post("/api/admin/processors/mailing/start", null)
                            .status())
                    .isEqualTo(409);
            for (String tool : TOOLS) {
                Http.Response reset = tools.post("/api/admin/processors/" + tool + "/reset", "{\"from\":\"start\"}");
                assertThat(reset.status()).as(reset.body()).isEqualTo(202);
            }

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(firstTools
                                    .get("/api/admin/processors/mailing")
                                    .json()
                                    .get("runningHere")
                                    .asBoolean())
                            .isTrue());
            List<String> all = new java.util.ArrayList<>(kept);
            all.add(registered);
            awaitConverged(tools, all);
        } finally {
            system.stop(first);
        }
    }

    private static Map<String, String> instance(String nodeId) {
        Map<String, String> properties =
                new HashMap<>(Map.of("user-sync.node-id", nodeId, "user-sync.balance-interval", "500ms"));
        TOOLS.forEach(tool -> properties.put("axon.eventhandling.processors." + tool + ".token-claim-interval", "500"));
        return properties;
    }
}
