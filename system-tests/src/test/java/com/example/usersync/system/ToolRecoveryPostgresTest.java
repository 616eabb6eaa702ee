package com.example.usersync.system;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection's own failures on PostgreSQL: a tool database restored from a backup, and two
 * instances sharing the segments, one taking over when the other stops.
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
}
