package com.example.usersync.projection;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ToolSyncPostgresTest extends ToolSyncEndToEndTest {

    private PostgresTestDatabase events;
    private PostgresTestDatabase toolsDatabase;

    @Override
    SyncSystem.Databases databases() {
        if (events == null) {
            events = PostgresTestDatabase.createOrSkip("events");
            toolsDatabase = PostgresTestDatabase.createOrSkip("tools");
        }
        return new SyncSystem.Databases(events.jdbcUrl(), toolsDatabase.jdbcUrl(), events.username(), events.password());
    }

    @AfterAll
    void dropDatabases() {
        stopSystem();
        if (events != null) {
            events.close();
            toolsDatabase.close();
        }
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
                assertThat(db.queryForList("SELECT owner FROM token_entry WHERE processor_name = ?", String.class, tool))
                        .as("owners of %s", tool).containsExactlyInAnyOrder("node-a", "node-a", "node-b", "node-b");
            }
        });
        List<String> ids = registerMany(20);
        changeSome(ids);
        delete(ids.get(7));
        awaitConverged(tools, ids);

        system.stop(first);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String tool : TOOLS) {
                assertThat(db.queryForList("SELECT owner FROM token_entry WHERE processor_name = ?", String.class, tool))
                        .as("owners of %s", tool).containsOnly("node-b");
            }
        });
        changeSome(ids);
        delete(ids.get(8));
        awaitConverged(tools, ids);
    }

    private static Map<String, String> instance(String nodeId) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "user-sync.node-id", nodeId,
                "user-sync.balance-interval", "500ms"));
        TOOLS.forEach(tool -> properties.put("axon.eventhandling.processors." + tool + ".token-claim-interval", "500"));
        return properties;
    }
}
