package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A test class over one started system: the real user service appends events, real projection
 * instances with real pooled processors keep every tool in sync. The system starts once per class;
 * subclasses pick the databases and bring the scenarios.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SyncSystemTest {

    /** The tools the projection runs, as it lists them: adding a tool changes no test. */
    static List<String> TOOLS;
    /** The tools declared as needing every user; the others hold only users entitled to them. */
    static final List<String> NEEDS_ALL_USERS = List.of("billing");

    SyncSystem system;
    Http users;
    ConfigurableApplicationContext projection;
    Http tools;

    abstract SyncSystem.Databases databases();

    /** The projection the class shares; a test that replaces it or leaves it unhealthy gets the next one a fresh one. */
    private ConfigurableApplicationContext shared;

    @BeforeAll
    void startSystem() {
        system = new SyncSystem(databases());
        users = system.users();
        startSharedProjection();
        TOOLS = system.toolNames();
    }

    /**
     * One projection per class, not per test: kept while the test left it as it found it (the same instance,
     * every tool running here, no alarm); otherwise every instance stops and a fresh one starts.
     */
    @AfterEach
    void keepOneHealthyProjection() {
        if (projection != shared || !projection.isActive() || !healthy(SyncSystem.http(projection))) {
            system.stopProjections();
            startSharedProjection();
        }
        // A replay a test started (a reset from the start) ends before the next test begins, so no test
        // waits behind another's replay.
        TOOLS.forEach(tool -> awaitCaughtUp(tools, tool));
    }

    private void startSharedProjection() {
        shared = system.startProjection(Map.of());
        projection = shared;
        tools = SyncSystem.http(projection);
    }

    private static boolean healthy(Http projection) {
        Http.Response processors = projection.get("/api/admin/processors");
        return processors.status() == 200
                && StreamSupport.stream(processors.json().spliterator(), false)
                        .allMatch(p -> p.get("runningHere").asBoolean()
                                && p.get("alarm").isNull());
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    String register(String displayName) {
        Http.Response created =
                users.post("/api/users", """
                {"email":"%s@example.com","displayName":"%s","locale":"fr-CH","plan":"TEAM","tools":%s}""".formatted(UUID.randomUUID(), displayName, toolsJson(TOOLS)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static String toolsJson(List<String> tools) {
        return tools.stream().map(tool -> '"' + tool + '"').collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** Every tool but these. */
    static List<String> toolsBut(String... excluded) {
        return TOOLS.stream().filter(tool -> !List.of(excluded).contains(tool)).toList();
    }

    List<String> registerMany(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(register("User " + i));
        }
        return ids;
    }

    void changeSome(List<String> ids) {
        for (int i = 0; i < ids.size(); i += 3) {
            assertThat(users.patch(
                                    "/api/users/" + ids.get(i),
                                    "{\"displayName\":\"Renamed " + i + "\",\"locale\":\"it\"}")
                            .status())
                    .isEqualTo(200);
        }
        for (int i = 1; i < ids.size(); i += 4) {
            assertThat(users.put("/api/users/" + ids.get(i) + "/access", "{\"plan\":\"FREE\",\"tools\":[\"mailing\"]}")
                            .status())
                    .isEqualTo(200);
        }
    }

    void delete(String id) {
        assertThat(users.delete(
                                "/api/users/" + id,
                                "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}")
                        .status())
                .isEqualTo(202);
    }

    /**
     * Waits until every tool holds exactly what the user service says about each of these users:
     * nothing about deleted users, nor about users not entitled to the tool (unless it needs all users).
     * Reads in bulk (the users by id, each tool's whole list), so a check costs a few requests, not
     * one per user and tool.
     */
    void awaitConverged(Http tools, List<String> ids) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Map<String, JsonNode> sources = sources(ids);
                    for (String tool : TOOLS) {
                        Map<String, JsonNode> copies = copies(tools, tool);
                        for (String id : ids) {
                            JsonNode source = sources.get(id);
                            JsonNode copy = copies.get(id);
                            if (source == null) {
                                assertThat(copy)
                                        .as("%s still holds deleted user %s", tool, id)
                                        .isNull();
                            } else if (!entitled(tool, source)) {
                                assertThat(copy)
                                        .as("%s holds user %s not entitled to it", tool, id)
                                        .isNull();
                            } else {
                                assertThat(copy)
                                        .as("%s lacks user %s", tool, id)
                                        .isNotNull();
                                assertMatches(tool, source, copy);
                            }
                        }
                    }
                });
    }

    /** What the user service holds about these users, by id; null for an erased user. */
    private Map<String, JsonNode> sources(List<String> ids) {
        Map<String, JsonNode> sources = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 200) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
            Http.Response page = users.get("/api/users?ids=" + String.join(",", chunk));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonNode item : page.json().get("items")) {
                sources.put(item.get("id").asText(), item.get("user").isNull() ? null : item.get("user"));
            }
        }
        assertThat(sources.keySet()).as("users the user service knows").containsExactlyInAnyOrderElementsOf(ids);
        return sources;
    }

    /** Every user the tool holds, by user id. */
    static Map<String, JsonNode> copies(Http tools, String tool) {
        Map<String, JsonNode> copies = new java.util.HashMap<>();
        for (int page = 0; ; page++) {
            Http.Response response = tools.get("/api/tools/" + tool + "/users?size=500&page=" + page);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode items = response.json().get("items");
            items.forEach(row -> copies.put(row.get("userId").asText(), row));
            if (items.size() < 500) {
                return copies;
            }
        }
    }

    /** Whether the tool may hold the user: the user is entitled to it, or it needs all users. */
    static boolean entitled(String tool, JsonNode user) {
        return NEEDS_ALL_USERS.contains(tool)
                || java.util.stream.StreamSupport.stream(user.get("tools").spliterator(), false)
                        .anyMatch(t -> t.asText().equals(tool));
    }

    static void assertMatches(String tool, JsonNode user, JsonNode copy) {
        assertThat(entitled(tool, user))
                .as("%s may hold user %s", tool, user.get("id"))
                .isTrue();
        assertThat(copy.get("version").asLong())
                .as("%s version", tool)
                .isEqualTo(user.get("version").asLong());
        switch (tool) {
            case "mailing" -> {
                assertThat(copy.get("email").asText())
                        .isEqualTo(user.get("email").asText());
                assertThat(copy.get("displayName").asText())
                        .isEqualTo(user.get("displayName").asText());
                assertThat(copy.get("locale").asText())
                        .isEqualTo(user.get("locale").asText());
            }
            case "billing" -> {
                assertThat(copy.get("plan").asText()).isEqualTo(user.get("plan").asText());
                assertThat(copy.get("invoiceEmail").asText())
                        .isEqualTo(user.get("email").asText());
            }
            case "analytics" -> {
                assertThat(copy.get("plan").asText()).isEqualTo(user.get("plan").asText());
                assertThat(copy.get("language").asText())
                        .isEqualTo(Locale.forLanguageTag(user.get("locale").asText())
                                .getLanguage());
                assertThat(copy.get("toolCount").asInt())
                        .isEqualTo(user.get("tools").size());
                assertThat(copy.has("email")).isFalse();
                assertThat(copy.has("displayName")).isFalse();
            }
            // A tool these tests don't know (one added since): its own unit test checks its columns.
            default -> {}
        }
    }

    /** The table's rows about these users (other tests leave their own users behind). */
    List<Map<String, Object>> rows(String table, List<String> ids) {
        return SyncSystem.toolsDb(projection).queryForList("SELECT * FROM " + table + " ORDER BY user_id").stream()
                .filter(row -> ids.contains(row.get("user_id").toString()))
                .toList();
    }

    void awaitCaughtUp(Http tools, String tool) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode status = tools.get("/api/admin/processors/" + tool).json();
                    assertThat(status.get("lag").asLong()).isZero();
                    assertThat(status.get("replaying").asBoolean()).isFalse();
                });
    }

    JsonNode reconcile(String tool) {
        return reconcileRun("{\"tool\":\"" + tool + "\"}").get(0);
    }

    /**
     * Starts a reconciliation (in the background: 202 and the run's Location), polls the run until
     * it is done and answers its reports.
     */
    JsonNode reconcileRun(String body) {
        Http.Response response = tools.post("/api/admin/reconciliations", body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String location = response.header("Location").replaceFirst("^http://[^/]+", "");
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    run[0] = tools.get(location).json();
                    return !run[0].get("status").asText().equals("RUNNING");
                });
        assertThat(run[0].get("status").asText()).isEqualTo("COMPLETED");
        return run[0].get("reports");
    }

    String registerEntitledTo(String displayName, String... userTools) {
        Http.Response created = users.post("/api/users", """
                {"email":"%s@example.com","displayName":"%s","locale":"en","plan":"FREE","tools":[%s]}""".formatted(
                        UUID.randomUUID(),
                        displayName,
                        String.join(
                                ",",
                                java.util.Arrays.stream(userTools)
                                        .map(t -> "\"" + t + "\"")
                                        .toList())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    void changeTools(String id, String... userTools) {
        Http.Response changed = users.put(
                "/api/users/" + id + "/access",
                "{\"plan\":\"TEAM\",\"tools\":[%s]}"
                        .formatted(String.join(
                                ",",
                                java.util.Arrays.stream(userTools)
                                        .map(t -> "\"" + t + "\"")
                                        .toList())));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    /** The properties of one more projection instance with this node id, balancing and claiming quickly. */
    static Map<String, String> instance(String nodeId) {
        Map<String, String> properties =
                new HashMap<>(Map.of("user-sync.node-id", nodeId, "user-sync.balance-interval", "500ms"));
        TOOLS.forEach(tool -> properties.put("axon.eventhandling.processors." + tool + ".token-claim-interval", "500"));
        return properties;
    }
}
