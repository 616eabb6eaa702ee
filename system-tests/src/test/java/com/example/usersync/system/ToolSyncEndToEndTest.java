package com.example.usersync.system;

import com.example.usersync.testing.ApiDocument;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tool-sync service end to end: the real user service appends events, real projection
 * instances with real pooled processors keep every tool in sync. Subclasses pick the databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ToolSyncEndToEndTest {

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

    @Smoke
    @Test
    void servesTheCommittedApiDocument() {
        ApiDocument.assertMatchesCommitted(SyncSystem.baseUrl(projection), "user-projection");
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
     */
    void awaitConverged(Http tools, List<String> ids) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (String id : ids) {
                        Http.Response source = users.get("/api/users/" + id);
                        for (String tool : TOOLS) {
                            Http.Response copy = tools.get("/api/tools/" + tool + "/users/" + id);
                            if (source.status() == 410) {
                                assertThat(copy.status())
                                        .as("%s still holds deleted user %s", tool, id)
                                        .isEqualTo(404);
                            } else if (!entitled(tool, source.json())) {
                                assertThat(copy.status())
                                        .as("%s holds user %s not entitled to it", tool, id)
                                        .isEqualTo(404);
                            } else {
                                assertThat(copy.status())
                                        .as("%s lacks user %s", tool, id)
                                        .isEqualTo(200);
                                assertMatches(tool, source.json(), copy.json());
                            }
                        }
                    }
                });
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

    @Smoke
    @Test
    void everyToolConvergesOnRegistrationsChangesAndDeletions() {
        List<String> ids = registerMany(30);
        changeSome(ids);
        for (int i = 2; i < ids.size(); i += 5) {
            delete(ids.get(i));
        }

        awaitConverged(tools, ids);
        for (String tool : TOOLS) {
            awaitCaughtUp(tools, tool);
        }
    }

    @Test
    void theProcessorListShowsModeSegmentsPositionsAndLag() {
        awaitConverged(tools, List.of(register("Listed")));
        awaitCaughtUp(tools, "billing");

        JsonNode processors = tools.get("/api/admin/processors").json();

        assertThat(processors).extracting(p -> p.get("name").asText()).containsExactlyElementsOf(TOOLS);
        JsonNode billing = processors.get(1);
        assertThat(billing.get("mode").asText()).isEqualTo("pooled");
        assertThat(billing.get("headPosition").asLong()).isPositive();
        assertThat(billing.get("segments")).hasSize(4);
        assertThat(billing.get("segments")).allSatisfy(segment -> {
            assertThat(segment.get("position").asLong())
                    .isEqualTo(billing.get("headPosition").asLong());
            assertThat(segment.get("owner").asText()).isNotBlank();
        });
        assertThat(billing.get("deadLetters").asLong()).isZero();
        assertThat(tools.get("/api/admin/processors/nonexistent").status()).isEqualTo(404);
    }

    @Smoke
    @Test
    void replayingAToolFromTheStartRebuildsAnIdenticalReadModelWhileOthersKeepRunning() {
        List<String> ids = registerMany(10);
        changeSome(ids);
        delete(ids.get(0));
        awaitConverged(tools, ids);
        List<Map<String, Object>> before = rows("mailing_contact", ids);

        Http.Response reset = tools.post("/api/admin/processors/mailing/reset", "{\"from\":\"start\"}");
        String during = register("Registered during replay");

        assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        awaitCaughtUp(tools, "mailing");
        awaitConverged(tools, List.of(during));
        assertThat(rows("mailing_contact", ids)).isEqualTo(before);
    }

    @Test
    void replayingAToolFromAPointInTimeRebuildsAnIdenticalReadModel() throws InterruptedException {
        List<String> early = registerMany(5);
        changeSome(early);
        awaitConverged(tools, early);
        Thread.sleep(20);
        Instant pointInTime = Instant.now();
        Thread.sleep(20);
        List<String> late = registerMany(5);
        users.patch("/api/users/" + early.get(1), "{\"displayName\":\"Changed after the point in time\"}");
        delete(late.get(0));
        List<String> all = new ArrayList<>(early);
        all.addAll(late);
        awaitConverged(tools, all);
        List<Map<String, Object>> before = rows("billing_account", all);

        Http.Response reset = tools.post("/api/admin/processors/billing/reset", "{\"from\":\"" + pointInTime + "\"}");

        assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        awaitCaughtUp(tools, "billing");
        awaitConverged(tools, all);
        assertThat(rows("billing_account", all)).isEqualTo(before);
    }

    @Test
    void aResetWithABadStartingPointIsRefused() {
        assertThat(tools.post("/api/admin/processors/billing/reset", "{\"from\":\"yesterday\"}")
                        .status())
                .isEqualTo(400);
        assertThat(tools.post("/api/admin/processors/billing/reset", "{\"from\":\"2999-01-01T00:00:00Z\"}")
                        .status())
                .isEqualTo(400);
        assertThat(tools.post("/api/admin/processors/nope/reset", "{\"from\":\"start\"}")
                        .status())
                .isEqualTo(404);
    }

    @Smoke
    @Test
    void aPoisonedUserIsDeadLetteredWhileOthersFlowAndRetryDrainsItOnceFixed() {
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        toolsDb.execute("ALTER TABLE mailing_contact ADD CONSTRAINT poison CHECK (display_name <> 'Poison Pill')");
        try {
            String poisoned = register("Poison Pill");
            users.put("/api/users/" + poisoned + "/access", "{\"plan\":\"BUSINESS\",\"tools\":[\"mailing\"]}");
            List<String> healthy = registerMany(5);

            awaitConverged(tools, healthy);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode letters =
                        tools.get("/api/admin/processors/mailing/dead-letters").json();
                assertThat(letters).hasSize(1);
                assertThat(letters.get(0).get("userId").asText()).isEqualTo(poisoned);
                assertThat(letters.get(0).get("letters"))
                        .extracting(l -> l.get("version").asLong())
                        .containsExactly(0L, 1L);
                assertThat(letters.get(0).get("letters").get(0).get("cause").asText())
                        .contains("SQLSTATE 23");
            });
            JsonNode status = tools.get("/api/admin/processors/mailing").json();
            assertThat(status.get("deadLetters").asLong()).isEqualTo(2);
            assertThat(status.get("lastError").asText()).contains("SQLSTATE").doesNotContain("Poison");
            assertThat(tools.get("/api/tools/billing/users/" + poisoned).status())
                    .isEqualTo(200);
            assertThat(tools.get("/api/tools/mailing/users/" + poisoned).status())
                    .isEqualTo(404);

            toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT poison");
            Http.Response retried =
                    tools.post("/api/admin/processors/mailing/dead-letters/" + poisoned + "/retry", null);

            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            assertThat(retried.json().get("succeeded").asBoolean()).isTrue();
            assertThat(tools.get("/api/admin/processors/mailing/dead-letters").json())
                    .isEmpty();
            awaitConverged(tools, List.of(poisoned));
        } finally {
            toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT IF EXISTS poison");
        }
    }

    @Test
    void anEvictedDeadLetterIsGoneAndUnknownSequencesAreNotFound() {
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        toolsDb.execute("ALTER TABLE mailing_contact ADD CONSTRAINT poison CHECK (display_name <> 'Evict Me')");
        try {
            String poisoned = register("Evict Me");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tools.get("/api/admin/processors/mailing/dead-letters")
                                    .json()
                                    .size()
                            == 1);

            Http.Response evicted = tools.delete("/api/admin/processors/mailing/dead-letters/" + poisoned, null);

            assertThat(evicted.status()).isEqualTo(200);
            assertThat(evicted.json().get("evicted").asInt()).isEqualTo(1);
            assertThat(tools.get("/api/admin/processors/mailing/dead-letters").json())
                    .isEmpty();
            assertThat(tools.post("/api/admin/processors/mailing/dead-letters/" + poisoned + "/retry", null)
                            .status())
                    .isEqualTo(404);
        } finally {
            toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT IF EXISTS poison");
        }
    }

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

    @Smoke
    @Test
    void deletingAUserCollectsAnErasureReceiptFromEveryTool() {
        String id = register("Receipt Holder");
        awaitConverged(tools, List.of(id));

        delete(id);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode erasure = users.get("/api/erasures/" + id).json();
            assertThat(erasure.get("complete").asBoolean()).isTrue();
            assertThat(erasure.get("confirmations"))
                    .extracting(c -> c.get("tool").asText())
                    .containsExactlyElementsOf(TOOLS);
        });
        awaitConverged(tools, List.of(id));
        JsonNode history = users.get("/api/users/" + id + "/events").json();
        String deletionEventId = history.get(1).get("eventId").asText();
        assertThat(history).as("registered, deleted, a receipt per tool").hasSize(2 + TOOLS.size());
        assertThat(history)
                .filteredOn(e -> e.get("type").asText().equals("UserErasureConfirmed"))
                .allSatisfy(e -> assertThat(e.get("metadata").get("causationId").asText())
                        .isEqualTo(deletionEventId));
    }

    @Test
    void receiptsWaitInTheToolDatabaseWhileTheUserServiceIsUnreachable() {
        system.stop(projection);
        projection = system.startProjection(Map.of("user-sync.user-service.url", "http://localhost:9"));
        tools = SyncSystem.http(projection);
        String id = register("Patient Receipt");
        awaitConverged(tools, List.of(id));
        delete(id);
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> toolsDb.queryForObject(
                                "SELECT COUNT(*) FROM erasure_receipt WHERE user_id = ? AND attempts > 0 AND delivered_at IS NULL",
                                Integer.class,
                                UUID.fromString(id))
                        == TOOLS.size());
        assertThat(users.get("/api/erasures/" + id).json().get("confirmations")).isEmpty();

        system.stop(projection);
        projection = system.startProjection(Map.of());
        tools = SyncSystem.http(projection);

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(users.get("/api/erasures/" + id)
                                .json()
                                .get("complete")
                                .asBoolean())
                        .isTrue());
    }

    @Smoke
    @Test
    void anExportHoldsTheCurrentStateTheHistoryAndEveryToolsCopyAndTheReadIsLogged() {
        String id = register("Exported Person");
        users.patch("/api/users/" + id, "{\"locale\":\"de-CH\"}");
        awaitConverged(tools, List.of(id));

        Http.Response export = users.get("/api/users/" + id + "/export");

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode document = export.json();
        assertThat(document.get("current").get("displayName").asText()).isEqualTo("Exported Person");
        assertThat(document.get("history")).hasSize(2);
        assertThat(document.get("toolsComplete").asBoolean()).isTrue();
        assertThat(document.get("tools").get("mailing").get("displayName").asText())
                .isEqualTo("Exported Person");
        assertThat(document.get("tools").get("billing").get("plan").asText()).isEqualTo("TEAM");
        assertThat(document.get("tools").get("analytics").get("language").asText())
                .isEqualTo("de");
        JsonNode accesses = users.get("/api/access-log?userId=" + id).json();
        assertThat(accesses).extracting(a -> a.get("resource").asText()).contains("export");
        assertThat(accesses).extracting(a -> a.get("actor").asText()).contains("auditor");
        assertThat(tools.get("/api/access-log?userId=" + id).json())
                .extracting(a -> a.get("resource").asText())
                .contains("tool:mailing");

        delete(id);
        awaitConverged(tools, List.of(id));
        JsonNode afterErasure = users.get("/api/users/" + id + "/export").json();
        assertThat(afterErasure.get("current").isNull()).isTrue();
        assertThat(afterErasure.get("tools").get("mailing").isNull()).isTrue();
        assertThat(afterErasure
                        .get("history")
                        .get(0)
                        .get("payload")
                        .get("profile")
                        .get("displayName")
                        .isNull())
                .isTrue();
    }

    /**
     * The acceptance test of crypto-shredding: after erasure, an erased person's email and name are
     * nowhere in plaintext — not in the event store, not in any tool database, not in the logs —
     * while everyone else's data is intact.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void erasedUsersLeaveNoReadablePersonalDataInAnyDatabaseOrLog(CapturedOutput logs) {
        List<String> erased = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Map<String, String[]> personalData = new java.util.HashMap<>();
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        // Dead letters must not keep readable personal data either: park every rename in one.
        toolsDb.execute(
                "ALTER TABLE mailing_contact ADD CONSTRAINT poison CHECK (display_name NOT LIKE 'Leakcheck%Renamed')");
        for (int i = 0; i < 6; i++) {
            String name = "Leakcheck Person " + UUID.randomUUID();
            String email = "leakcheck-" + UUID.randomUUID() + "@example.org";
            Http.Response created = users.post("/api/users", """
                    {"email":"%s","displayName":"%s","locale":"en","plan":"BUSINESS","tools":["billing","mailing"]}""".formatted(email, name));
            String id = created.json().get("id").asText();
            String renamed = name + " Renamed";
            users.patch("/api/users/" + id, "{\"displayName\":\"" + renamed + "\"}");
            personalData.put(id, new String[] {email, name, renamed});
            (i % 2 == 0 ? erased : kept).add(id);
        }
        try {
            List<String> all = new ArrayList<>(erased);
            all.addAll(kept);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tools.get("/api/admin/processors/mailing")
                                    .json()
                                    .get("deadLetteredUsers")
                                    .asInt()
                            >= all.size());
            erased.forEach(this::delete);
            // Deletions do not wait behind a user's dead letters: every tool confirms while they are still parked.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String id : erased) {
                    assertThat(users.get("/api/erasures/" + id)
                                    .json()
                                    .get("complete")
                                    .asBoolean())
                            .isTrue();
                }
            });
            SyncSystem.Databases whileDeadLettered = databases();
            String deadLetters = DatabaseDump.of(
                    whileDeadLettered.toolsUrl(), whileDeadLettered.username(), whileDeadLettered.password());
            assertThat(toolsDb.queryForObject("SELECT COUNT(*) FROM dead_letter_entry", Integer.class))
                    .isPositive();
            for (String id : erased) {
                for (String value : personalData.get(id)) {
                    assertThat(deadLetters)
                            .as("dead-lettered personal data of %s", id)
                            .doesNotContain(value);
                }
            }
            toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT poison");
            for (String id : all) {
                tools.post("/api/admin/processors/mailing/dead-letters/" + id + "/retry", null);
            }
            awaitConverged(tools, all);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String id : erased) {
                    assertThat(users.get("/api/erasures/" + id)
                                    .json()
                                    .get("complete")
                                    .asBoolean())
                            .isTrue();
                }
            });
        } finally {
            toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT IF EXISTS poison");
        }

        SyncSystem.Databases db = databases();
        String everything = DatabaseDump.of(db.eventStoreUrl(), db.username(), db.password())
                + DatabaseDump.of(db.toolsUrl(), db.username(), db.password())
                + logs.getAll();

        for (String id : erased) {
            for (String value : personalData.get(id)) {
                assertThat(everything).as("erased personal data of %s", id).doesNotContain(value);
            }
        }
        for (String table : ToolDatabaseBackup.toolTables(SyncSystem.toolsDb(projection))) {
            assertThat(rows(table, erased))
                    .as("%s holds no row of an erased user", table)
                    .isEmpty();
        }
        for (String id : kept) {
            JsonNode user = users.get("/api/users/" + id).json();
            assertThat(user.get("email").asText()).isEqualTo(personalData.get(id)[0]);
            assertThat(user.get("displayName").asText()).isEqualTo(personalData.get(id)[2]);
            assertThat(users.get("/api/users/" + id + "/events")
                            .json()
                            .get(0)
                            .get("payload")
                            .get("profile")
                            .get("displayName")
                            .asText())
                    .isEqualTo(personalData.get(id)[1]);
            assertThat(tools.get("/api/tools/mailing/users/" + id)
                            .json()
                            .get("email")
                            .asText())
                    .isEqualTo(personalData.get(id)[0]);
        }
    }

    @Test
    void rebuildingAToolFromTheLatestSnapshotRunEqualsAFullReplay() {
        List<String> ids = registerMany(12);
        changeSome(ids);
        delete(ids.get(4));
        Http.Response started = users.post("/api/admin/snapshot-runs", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String runId = started.json().get("runId").asText();
        users.patch("/api/users/" + ids.get(2), "{\"displayName\":\"Changed during the run\"}");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> users.get("/api/admin/snapshot-runs/" + runId)
                        .json()
                        .get("status")
                        .asText()
                        .equals("COMPLETED"));
        users.put("/api/users/" + ids.get(3) + "/access", "{\"plan\":\"ENTERPRISE\",\"tools\":[]}");
        delete(ids.get(5));
        awaitConverged(tools, ids);
        JsonNode history = users.get("/api/users/" + ids.get(0) + "/events").json();
        assertThat(history).extracting(e -> e.get("type").asText()).contains("UserStateSnapshotted");

        Http.Response fromSnapshot = tools.post("/api/admin/processors/billing/reset", "{\"from\":\"snapshot\"}");
        assertThat(fromSnapshot.status()).as(fromSnapshot.body()).isEqualTo(202);
        awaitCaughtUp(tools, "billing");
        awaitConverged(tools, ids);
        List<Map<String, Object>> rebuilt = rows("billing_account", ids);

        tools.post("/api/admin/processors/billing/reset", "{\"from\":\"start\"}");
        awaitCaughtUp(tools, "billing");
        awaitConverged(tools, ids);

        assertThat(rebuilt).isEqualTo(rows("billing_account", ids)).hasSize(10);
    }

    @Smoke
    @Test
    void reconciliationFindsAndRepairsEveryKindOfDriftThroughTheNormalPath() {
        List<String> ids = registerMany(6);
        delete(ids.get(5));
        awaitConverged(tools, ids);
        reconcile("mailing");
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        toolsDb.update("DELETE FROM mailing_contact WHERE user_id = ?", UUID.fromString(ids.get(0)));
        toolsDb.update(
                "UPDATE mailing_contact SET email = 'tampered@example.com' WHERE user_id = ?",
                UUID.fromString(ids.get(1)));
        users.patch("/api/users/" + ids.get(2), "{\"displayName\":\"Newer at the source\"}");
        awaitConverged(tools, List.of(ids.get(2)));
        toolsDb.update("UPDATE mailing_contact SET version = 0 WHERE user_id = ?", UUID.fromString(ids.get(2)));
        toolsDb.update(
                "INSERT INTO mailing_contact (user_id, version, event_time, email, display_name, locale, row_hash)"
                        + " VALUES (?, 0, CURRENT_TIMESTAMP, 'resurrected@example.com', 'Resurrected', 'en', 'x')",
                UUID.fromString(ids.get(5)));

        JsonNode report = reconcile("mailing");

        assertThat(report.get("missing").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("stale").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("corrupt").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("extra").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("failed").asLong()).isZero();
        // Every drift is repaired; the erased user's resurrected row may be removed by the erasure sweeper
        // (its job, within a second) between the reconciler finding it and deleting it, so one fewer.
        long drifts = report.get("missing").asLong()
                + report.get("stale").asLong()
                + report.get("corrupt").asLong()
                + report.get("extra").asLong();
        assertThat(report.get("repaired").asLong()).isBetween(drifts - 1, drifts);
        awaitConverged(tools, ids);
        JsonNode again = reconcile("mailing");
        assertThat(again.get("missing").asLong()
                        + again.get("stale").asLong()
                        + again.get("corrupt").asLong()
                        + again.get("extra").asLong())
                .isZero();
        assertThat(tools.get("/api/admin/reconciliations")
                        .json()
                        .get(0)
                        .get("tool")
                        .asText())
                .isEqualTo("mailing");
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

    /** Erasure is out of band: the old in-band marker typed as a name is just a name, and reaches every tool. */
    @Test
    void aUserWhoRegistersOrRenamesToTheOldErasureMarkerIsAnOrdinaryUserInEveryTool() {
        Http.Response created = users.post("/api/users", """
                {"email":"%s@example.com","displayName":"[erased]","locale":"en","plan":"TEAM","tools":%s}""".formatted(UUID.randomUUID(), toolsJson(TOOLS)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String registered = created.json().get("id").asText();
        Http.Response other = users.post("/api/users", """
                {"email":"%s@example.com","displayName":"Not Yet","locale":"en","plan":"TEAM","tools":%s}""".formatted(UUID.randomUUID(), toolsJson(TOOLS)));
        String renamed = other.json().get("id").asText();
        assertThat(users.patch("/api/users/" + renamed, "{\"displayName\":\"[erased]\"}")
                        .status())
                .isEqualTo(200);

        awaitConverged(tools, List.of(registered, renamed));

        for (String id : List.of(registered, renamed)) {
            assertThat(users.get("/api/users/" + id).json().get("displayName").asText())
                    .isEqualTo("[erased]");
            for (String tool : TOOLS) {
                assertThat(tools.get("/api/tools/" + tool + "/users/" + id).status())
                        .as("%s holds %s", tool, id)
                        .isEqualTo(200);
            }
            assertThat(tools.get("/api/tools/mailing/users/" + id)
                            .json()
                            .get("displayName")
                            .asText())
                    .isEqualTo("[erased]");
            JsonNode latest = users.get("/api/users/" + id + "/events").json();
            JsonNode last = latest.get(latest.size() - 1);
            assertThat(last.get("payload").get("profile").get("displayName").asText())
                    .isEqualTo("[erased]");
            assertThat(last.get("personalDataErased").asBoolean()).isFalse();
        }
        assertThat(rows("mailing_contact", List.of(registered, renamed)))
                .extracting(row -> row.get("display_name"))
                .containsOnly("[erased]");
    }

    @Test
    void aReceiptTheUserServiceRefusesForGoodIsParkedAndListedNotRetriedAndGoesThroughOnceRequeued() {
        system.stop(projection);
        // Mailing's receipts go out as billing's account: the user service refuses them as forged (403).
        projection = system.startProjection(Map.of(
                "user-sync.user-service.tools.mailing.username", "tool-billing",
                "user-sync.user-service.tools.mailing.password", "dev-tool-billing"));
        tools = SyncSystem.http(projection);
        String id = register("Parked Receipt");
        awaitConverged(tools, List.of(id));
        int eventsBefore = users.get("/api/users/" + id + "/events").json().size();

        delete(id);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(users.get("/api/erasures/" + id).json().get("confirmations"))
                                .extracting(c -> c.get("tool").asText())
                                .containsExactlyElementsOf(toolsBut("mailing")));
        JsonNode parked = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> tools.get("/api/admin/receipts?state=parked&size=500")
                                .json(),
                        page -> page.get("items").findValuesAsText("userId").contains(id));
        JsonNode receipt = parked.get("items").findParents("userId").stream()
                .filter(r -> r.get("userId").asText().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(receipt.get("tool").asText()).isEqualTo("mailing");
        assertThat(receipt.get("state").asText()).isEqualTo("parked");
        assertThat(receipt.get("lastStatus").asInt()).isEqualTo(403);
        assertThat(receipt.get("lastProblem").asText()).isEqualTo("urn:user-sync:problem:not-this-tool");
        assertThat(parked.get("total").asLong()).isGreaterThanOrEqualTo(1);
        // Not retried: the delivery loop runs every 250 ms, the attempt count stays where it was.
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        String attempts = "SELECT attempts FROM erasure_receipt WHERE tool = 'mailing' AND user_id = ?";
        int parkedAttempts = toolsDb.queryForObject(attempts, Integer.class, UUID.fromString(id));
        await().pollDelay(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(toolsDb.queryForObject(attempts, Integer.class, UUID.fromString(id)))
                        .isEqualTo(parkedAttempts));
        assertThat(users.get("/api/users/" + id + "/events").json())
                .as("the forged receipt appended nothing")
                .hasSize(eventsBefore + 1 + toolsBut("mailing").size());

        system.stop(projection);
        projection = system.startProjection(Map.of());
        tools = SyncSystem.http(projection);
        Http.Response requeued = tools.post("/api/admin/receipts/mailing/" + id + "/retry", null);

        assertThat(requeued.status()).as(requeued.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(users.get("/api/erasures/" + id)
                                .json()
                                .get("complete")
                                .asBoolean())
                        .isTrue());
        assertThat(tools.get("/api/admin/receipts?state=parked&size=500")
                        .json()
                        .get("items")
                        .findValuesAsText("userId"))
                .doesNotContain(id);
        assertThat(tools.post("/api/admin/receipts/mailing/" + id + "/retry", null)
                        .status())
                .isEqualTo(404);
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

    @Test
    void aUserEntitledOnlyToAnalyticsIsInBillingAndAnalyticsButNeverInMailing() {
        String id = registerEntitledTo("Analytics Only", "analytics");
        awaitConverged(tools, List.of(id));
        awaitCaughtUp(tools, "mailing");

        assertThat(tools.get("/api/tools/billing/users/" + id).status()).isEqualTo(200);
        assertThat(tools.get("/api/tools/analytics/users/" + id).status()).isEqualTo(200);
        assertThat(tools.get("/api/tools/mailing/users/" + id).status()).isEqualTo(404);
        assertThat(rows("mailing_contact", List.of(id))).isEmpty();
    }

    @Test
    void removingMailingFromAUsersToolsRemovesTheMailingRowAndAddingItBackRestoresIt() {
        String id = register("Unsubscribed");
        awaitConverged(tools, List.of(id));
        assertThat(tools.get("/api/tools/mailing/users/" + id).status()).isEqualTo(200);

        changeTools(id, "analytics", "billing");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tools.get("/api/tools/mailing/users/" + id).status() == 404);
        awaitConverged(tools, List.of(id));
        assertThat(tools.get("/api/tools/billing/users/" + id)
                        .json()
                        .get("version")
                        .asLong())
                .isOne();
        assertThat(SyncSystem.toolsDb(projection)
                        .queryForObject(
                                "SELECT COUNT(*) FROM erasure_receipt WHERE user_id = ?",
                                Integer.class,
                                UUID.fromString(id)))
                .as("losing an entitlement is not an erasure")
                .isZero();

        changeTools(id, "analytics", "billing", "mailing");
        awaitConverged(tools, List.of(id));
        assertThat(tools.get("/api/tools/mailing/users/" + id)
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void aReplayFromTheStartYieldsTheSameToolRowsWhenEntitlementsCameAndWent() {
        List<String> ids = registerMany(6);
        ids.add(registerEntitledTo("Never Mailed", "analytics"));
        changeTools(ids.get(0), "billing");
        changeTools(ids.get(1), "billing");
        changeTools(ids.get(1), "billing", "mailing");
        changeTools(ids.get(2), "analytics");
        changeTools(ids.get(2), "analytics", "mailing");
        changeTools(ids.get(2), "analytics");
        awaitConverged(tools, ids);
        awaitCaughtUp(tools, "mailing");
        List<Map<String, Object>> before = rows("mailing_contact", ids);
        assertThat(before).hasSize(4);

        Http.Response reset = tools.post("/api/admin/processors/mailing/reset", "{\"from\":\"start\"}");

        assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        awaitCaughtUp(tools, "mailing");
        awaitConverged(tools, ids);
        assertThat(rows("mailing_contact", ids)).isEqualTo(before);
    }

    @Test
    void reconciliationRunningWhileUsersRegisterNeverDeletesALiveUsersRow() throws Exception {
        system.stop(projection);
        // Small pages: every run compares many rounds of rows-then-source while users keep coming.
        projection = system.startProjection(Map.of("user-sync.reconciliation.page-size", "7"));
        tools = SyncSystem.http(projection);
        // Earlier tests of this class may leave drift behind (a re-aligned restore keeps rows of
        // users the restore removed): repair it first, so that every row below belongs to a live user.
        reconcileRun(null);
        java.util.concurrent.CompletableFuture<List<String>> registering =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> registerMany(40));
        List<JsonNode> reports = new ArrayList<>();
        while (!registering.isDone()) {
            reconcileRun(null).forEach(reports::add);
        }
        List<String> ids = registering.get();

        awaitConverged(tools, ids);
        assertThat(reports).isNotEmpty().allSatisfy(report -> {
            assertThat(report.get("extra").asLong())
                    .as("rows judged extra: every user here is live")
                    .isZero();
            assertThat(report.get("failed").asLong()).isZero();
        });
    }

    @Test
    void reconciliationErasesAnErasedUsersLeftoverRowAndTheToolConfirmsTheErasure() {
        String id = register("Left Behind");
        awaitConverged(tools, List.of(id));
        assertThat(tools.post("/api/admin/processors/mailing/stop", null).status())
                .isEqualTo(200);
        delete(id);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(users.get("/api/erasures/" + id).json().get("confirmations"))
                                .extracting(c -> c.get("tool").asText())
                                .containsExactlyElementsOf(toolsBut("mailing")));
        assertThat(tools.get("/api/tools/mailing/users/" + id).status())
                .as("mailing has not applied the deletion")
                .isEqualTo(200);

        JsonNode report = reconcile("mailing");

        assertThat(report.get("extra").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("failed").asLong()).isZero();
        assertThat(tools.get("/api/tools/mailing/users/" + id).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode erasure = users.get("/api/erasures/" + id).json();
            assertThat(erasure.get("complete").asBoolean()).isTrue();
            assertThat(erasure.get("confirmations"))
                    .extracting(c -> c.get("tool").asText())
                    .containsExactlyElementsOf(TOOLS);
        });
        assertThat(tools.post("/api/admin/processors/mailing/start", null).status())
                .isEqualTo(200);
        awaitCaughtUp(tools, "mailing");
        assertThat(users.get("/api/users/" + id + "/events").json())
                .filteredOn(e -> e.get("type").asText().equals("UserErasureConfirmed"))
                .hasSize(TOOLS.size());
    }

    @Test
    void reconciliationRemovesARowOfAUserNotEntitledToTheTool() {
        String id = registerEntitledTo("Not A Subscriber", "analytics");
        awaitConverged(tools, List.of(id));
        SyncSystem.toolsDb(projection)
                .update(
                        "INSERT INTO mailing_contact (user_id, version, event_time, email, display_name, locale, row_hash)"
                                + " VALUES (?, 0, CURRENT_TIMESTAMP, 'copied@example.com', 'Copied', 'en', 'x')",
                        UUID.fromString(id));

        JsonNode report = reconcile("mailing");

        assertThat(report.get("extra").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("repaired").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(tools.get("/api/tools/mailing/users/" + id).status()).isEqualTo(404);
        JsonNode again = reconcile("mailing");
        assertThat(again.get("extra").asLong()).isZero();
    }

    @Test
    void aStaleRowWhoseRewriteIsSuppressedIsReportedAsSuppressedNotRepaired() {
        String id = register("Tombstoned");
        users.patch("/api/users/" + id, "{\"displayName\":\"Tombstoned Later\"}");
        awaitConverged(tools, List.of(id));
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        UUID userId = UUID.fromString(id);
        // The tool's erasure receipt is its tombstone: the version guard refuses any write for this user.
        // Erased outside the sweep window, so the erasure sweeper leaves the row alone while the run works.
        toolsDb.update(
                "INSERT INTO erasure_receipt (tool, user_id, deletion_event_id, erased_at, attempts, next_attempt_at, delivered_at)"
                        + " VALUES ('mailing', ?, ?, ?, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                userId,
                UUID.randomUUID().toString(),
                java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        toolsDb.update("UPDATE mailing_contact SET version = 0 WHERE user_id = ?", userId);
        try {
            JsonNode report = reconcile("mailing");

            assertThat(report.get("stale").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(report.get("suppressed").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(report.get("repaired").asLong()
                            + report.get("suppressed").asLong())
                    .isEqualTo(report.get("missing").asLong()
                            + report.get("stale").asLong()
                            + report.get("corrupt").asLong()
                            + report.get("extra").asLong()
                            + report.get("unconfirmed").asLong());
            assertThat(tools.get("/api/tools/mailing/users/" + id)
                            .json()
                            .get("version")
                            .asLong())
                    .isZero();
        } finally {
            toolsDb.update("DELETE FROM erasure_receipt WHERE tool = 'mailing' AND user_id = ?", userId);
            reconcile("mailing");
        }
        awaitConverged(tools, List.of(id));
    }

    /**
     * Sets up the restore of case 1: users converge, the event store is copied, more events are
     * appended and processed, then the copy is restored. The tools' tokens are now ahead of the
     * store's head, and the store hands out global indexes they have already passed.
     *
     * @return the users registered before the copy, still in the restored store, and those
     *         registered after it, whose events the restore removed
     */
    Restored restoreAnOlderCopyOfTheEventStore(boolean projectionStoppedDuringTheRestore) {
        List<String> kept = registerMany(3);
        awaitConverged(tools, kept);
        for (String tool : TOOLS) {
            awaitCaughtUp(tools, tool);
        }
        EventStoreBackup backup = EventStoreBackup.take(databases());
        List<String> lost = registerMany(6);
        awaitConverged(tools, lost);
        for (String tool : TOOLS) {
            awaitCaughtUp(tools, tool);
        }
        if (projectionStoppedDuringTheRestore) {
            system.stop(projection);
            backup.restore();
            projection = system.startProjection(Map.of());
            tools = SyncSystem.http(projection);
        } else {
            backup.restore();
        }
        return new Restored(kept, lost);
    }

    record Restored(List<String> kept, List<String> lost) {}

    void awaitPositionAlarm(String tool) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonNode status = tools.get("/api/admin/processors/" + tool).json();
                    assertThat(status.get("alarm").isNull())
                            .as("%s alarm", tool)
                            .isFalse();
                    assertThat(status.get("alarm").get("detectedAt").isNull())
                            .as("%s alarm recorded", tool)
                            .isFalse();
                    assertThat(status.get("alarm").get("message").asText()).contains("ahead of the event store");
                    assertThat(status.get("caughtUp").asBoolean()).isFalse();
                    assertThat(status.get("lag").isNull()).as("%s lag", tool).isTrue();
                    assertThat(status.get("runningHere").asBoolean()).isFalse();
                });
    }

    @Test
    void toolsAheadOfARestoredEventStoreRaiseAnAlarmAndAReplayFromTheStartSkipsNoNewEvent() {
        Restored restored = restoreAnOlderCopyOfTheEventStore(false);
        List<String> kept = restored.kept();
        String registered = register("Registered After The Restore");
        delete(kept.get(0));

        for (String tool : TOOLS) {
            awaitPositionAlarm(tool);
        }
        assertThat(tools.get("/api/tools/mailing/users/" + registered).status()).isEqualTo(404);
        assertThat(tools.get("/api/tools/mailing/users/" + kept.get(0)).status())
                .isEqualTo(200);
        Http.Response start = tools.post("/api/admin/processors/mailing/start", null);
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.json().get("type").asText()).endsWith("position-alarm");

        for (String tool : TOOLS) {
            Http.Response reset = tools.post("/api/admin/processors/" + tool + "/reset", "{\"from\":\"start\"}");
            assertThat(reset.status()).as(reset.body()).isEqualTo(202);
            assertThat(reset.json().get("alarm").isNull()).isTrue();
        }

        List<String> all = new ArrayList<>(kept);
        all.add(registered);
        awaitConverged(tools, all);
        for (String tool : TOOLS) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(tools.get("/api/admin/processors/" + tool)
                                    .json()
                                    .get("caughtUp")
                                    .asBoolean())
                            .isTrue());
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(users.get("/api/erasures/" + kept.get(0))
                                .json()
                                .get("complete")
                                .asBoolean())
                        .isTrue());
        // The replay holds exactly the restored store: nothing from the events the restore removed.
        for (String id : restored.lost()) {
            for (String tool : TOOLS) {
                assertThat(tools.get("/api/tools/" + tool + "/users/" + id).status())
                        .as("%s holds %s", tool, id)
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void reAligningAToolAheadOfARestoredEventStoreProcessesEveryEventAppendedAfterTheAlarm() {
        // Restored while the projection was down: the alarm is raised as it starts, before any stream opens.
        List<String> kept = restoreAnOlderCopyOfTheEventStore(true).kept();
        for (String tool : TOOLS) {
            awaitPositionAlarm(tool);
        }
        String registered = register("Registered After The Alarm");
        delete(kept.get(0));
        users.patch("/api/users/" + kept.get(1), "{\"displayName\":\"Renamed After The Alarm\"}");

        assertThat(tools.get("/api/admin/processors/billing")
                        .json()
                        .get("alarm")
                        .isNull())
                .isFalse();
        for (String tool : TOOLS) {
            Http.Response realigned = tools.post("/api/admin/processors/" + tool + "/realign", null);
            assertThat(realigned.status()).as(realigned.body()).isEqualTo(200);
            assertThat(realigned.json().get("alarm").isNull()).isTrue();
        }

        List<String> all = new ArrayList<>(kept);
        all.add(registered);
        awaitConverged(tools, all);
        for (String tool : TOOLS) {
            awaitCaughtUp(tools, tool);
        }
        assertThat(tools.get("/api/tools/mailing/users/" + kept.get(1))
                        .json()
                        .get("displayName")
                        .asText())
                .isEqualTo("Renamed After The Alarm");
        assertThat(tools.post("/api/admin/processors/mailing/realign", null).status())
                .isEqualTo(409);
        assertThat(tools.post("/api/admin/processors/nope/realign", null).status())
                .isEqualTo(404);
    }

    /** Case 7: a deletion dead-letters under its own sequence, found by the user's id. */
    @Test
    void aFailedDeletionIsListedRetriedAndEvictedByUserIdAndNoTwoDeletionsShareASequence() {
        String retried = register("Deletion Retried");
        String evicted = register("Deletion Evicted");
        awaitConverged(tools, List.of(retried, evicted));
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        toolsDb.execute("ALTER TABLE erasure_receipt ADD CONSTRAINT poison CHECK (tool <> 'mailing'"
                + " OR CAST(user_id AS VARCHAR(36)) NOT IN ('" + retried + "', '" + evicted + "'))");
        try {
            delete(retried);
            delete(evicted);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode letters =
                        tools.get("/api/admin/processors/mailing/dead-letters").json();
                assertThat(letters)
                        .extracting(l -> l.get("userId").asText())
                        .containsExactlyInAnyOrder(retried, evicted);
                assertThat(letters).allSatisfy(l -> {
                    assertThat(l.get("sequence").asText())
                            .isEqualTo("erasure:" + l.get("userId").asText());
                    assertThat(l.get("letters"))
                            .extracting(e -> e.get("type").asText())
                            .containsExactly("UserDeleted");
                });
            });
            assertThat(tools.get("/api/admin/processors/mailing")
                            .json()
                            .get("deadLetteredUsers")
                            .asInt())
                    .isEqualTo(2);
            assertThat(tools.get("/api/tools/mailing/users/" + retried).status())
                    .isEqualTo(200);
            // Billing applies the deletion in its own processor, which may come a moment after mailing's failure.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(tools.get("/api/tools/billing/users/" + retried)
                                    .status())
                            .isEqualTo(404));

            Http.Response stillFailing =
                    tools.post("/api/admin/processors/mailing/dead-letters/" + retried + "/retry", null);
            assertThat(stillFailing.status()).as(stillFailing.body()).isEqualTo(200);
            assertThat(stillFailing.json().get("succeeded").asBoolean()).isFalse();
            toolsDb.execute("ALTER TABLE erasure_receipt DROP CONSTRAINT poison");

            Http.Response fixed = tools.post("/api/admin/processors/mailing/dead-letters/" + retried + "/retry", null);
            assertThat(fixed.json().get("succeeded").asBoolean()).isTrue();
            assertThat(tools.get("/api/tools/mailing/users/" + retried).status())
                    .isEqualTo(404);
            Http.Response eviction = tools.delete("/api/admin/processors/mailing/dead-letters/" + evicted, null);
            assertThat(eviction.status()).as(eviction.body()).isEqualTo(200);
            assertThat(eviction.json().get("evicted").asInt()).isEqualTo(1);
            assertThat(tools.get("/api/admin/processors/mailing/dead-letters").json())
                    .isEmpty();
            assertThat(tools.post("/api/admin/processors/mailing/dead-letters/" + evicted + "/retry", null)
                            .status())
                    .isEqualTo(404);
            assertThat(tools.delete("/api/admin/processors/mailing/dead-letters/" + evicted, null)
                            .status())
                    .isEqualTo(404);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(users.get("/api/erasures/" + retried)
                                    .json()
                                    .get("complete")
                                    .asBoolean())
                            .isTrue());

            assertThat(tools.post("/api/admin/processors/mailing/dead-letters/not-a-user/retry", null)
                            .status())
                    .isEqualTo(400);
            assertThat(tools.delete("/api/admin/processors/mailing/dead-letters/not-a-user", null)
                            .status())
                    .isEqualTo(400);
            assertThat(tools.get("/api/admin/processors/nope/dead-letters").status())
                    .isEqualTo(404);
            assertThat(tools.post("/api/admin/processors/nope/dead-letters/" + retried + "/retry", null)
                            .status())
                    .isEqualTo(404);
            assertThat(tools.delete("/api/admin/processors/nope/dead-letters/" + retried, null)
                            .status())
                    .isEqualTo(404);
        } finally {
            toolsDb.execute("ALTER TABLE erasure_receipt DROP CONSTRAINT IF EXISTS poison");
        }
    }

    @Test
    void applyingAnErasureEvictsThatUsersEarlierDeadLettersInTheTool() {
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        toolsDb.execute("ALTER TABLE mailing_contact ADD CONSTRAINT poison CHECK (display_name NOT LIKE 'Parked %')");
        try {
            String erased = register("Parked Then Erased");
            String kept = register("Parked And Kept");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(tools.get("/api/admin/processors/mailing/dead-letters")
                                    .json())
                            .extracting(l -> l.get("userId").asText())
                            .contains(erased, kept));

            delete(erased);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(users.get("/api/erasures/" + erased)
                                    .json()
                                    .get("complete")
                                    .asBoolean())
                            .isTrue());
            JsonNode letters =
                    tools.get("/api/admin/processors/mailing/dead-letters").json();
            assertThat(letters)
                    .extracting(l -> l.get("userId").asText())
                    .doesNotContain(erased)
                    .contains(kept);
            assertThat(toolsDb.queryForObject(
                            "SELECT COUNT(*) FROM dead_letter_entry WHERE aggregate_identifier = ?",
                            Integer.class,
                            erased))
                    .isZero();
            assertThat(tools.get("/api/tools/mailing/users/" + erased).status()).isEqualTo(404);
            toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT poison");
            assertThat(tools.post("/api/admin/processors/mailing/dead-letters/" + kept + "/retry", null)
                            .json()
                            .get("succeeded")
                            .asBoolean())
                    .isTrue();
        } finally {
            toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT IF EXISTS poison");
        }
    }

    @Test
    void aRowWrittenForAUserTheToolHasAlreadyErasedIsSweptAway() {
        String id = register("Erased Before A Late Write");
        awaitConverged(tools, List.of(id));
        delete(id);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(users.get("/api/erasures/" + id)
                                .json()
                                .get("complete")
                                .asBoolean())
                        .isTrue());

        // What an update still in flight in another segment than the deletion could commit after it.
        SyncSystem.toolsDb(projection)
                .update(
                        "INSERT INTO mailing_contact (user_id, version, event_time, email, display_name, locale, row_hash)"
                                + " VALUES (?, 0, CURRENT_TIMESTAMP, 'late@example.com', 'Late Write', 'en', 'x')",
                        UUID.fromString(id));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                tools.get("/api/tools/mailing/users/" + id).status())
                        .isEqualTo(404));
    }
    /**
     * Case 1 end to end: a restore of the event store loses an erasure; the user service re-applies
     * it from its journal, the tools (ahead of the restored store) are replayed, and every tool
     * erases the user again and confirms the new deletion, so the ledger completes once more.
     */
    @Test
    void anErasureARestoreOfTheEventStoreLostIsAppliedAgainAndEveryToolConfirmsItAgain() {
        String id = register("Erased Before The Restore");
        awaitConverged(tools, List.of(id));
        for (String tool : TOOLS) {
            awaitCaughtUp(tools, tool);
        }
        EventStoreBackup backup = EventStoreBackup.take(databases());
        delete(id);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(users.get("/api/erasures/" + id)
                                .json()
                                .get("complete")
                                .asBoolean())
                        .isTrue());
        String firstDeletion =
                users.get("/api/erasures/" + id).json().get("deletionEventId").asText();

        backup.restore();
        Http.Response reapplied = users.post("/api/admin/erasures/reapply", null);
        assertThat(reapplied.status()).as(reapplied.body()).isEqualTo(200);
        assertThat(reapplied.json().get("reapplied").asInt()).isPositive();
        assertThat(users.get("/api/users/" + id).status()).isEqualTo(410);
        // The restore runbook: replay the tools (their guard stops them with an alarm as well when
        // their positions are ahead of the restored store; a reset works either way).
        for (String tool : TOOLS) {
            Http.Response reset = tools.post("/api/admin/processors/" + tool + "/reset", "{\"from\":\"start\"}");
            assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode erasure = users.get("/api/erasures/" + id).json();
            assertThat(erasure.get("deletionEventId").asText()).isEqualTo(firstDeletion);
            assertThat(erasure.get("reappliedDeletionEventId").asText()).isNotEqualTo(firstDeletion);
            assertThat(erasure.get("confirmations"))
                    .extracting(c -> c.get("tool").asText())
                    .containsExactlyElementsOf(TOOLS);
            assertThat(erasure.get("complete").asBoolean()).isTrue();
        });
        JsonNode events = users.get("/api/users/" + id + "/events").json();
        JsonNode redeletion = events.get(1);
        assertThat(redeletion.get("type").asText()).isEqualTo("UserDeleted");
        assertThat(redeletion.get("metadata").get("causationId").asText()).isEqualTo(firstDeletion);
        for (int i = 2; i < events.size(); i++) {
            assertThat(events.get(i).get("type").asText()).isEqualTo("UserErasureConfirmed");
            assertThat(events.get(i).get("metadata").get("causationId").asText())
                    .isEqualTo(redeletion.get("eventId").asText());
        }
        for (String tool : TOOLS) {
            assertThat(tools.get("/api/tools/" + tool + "/users/" + id).status())
                    .as("%s holds %s", tool, id)
                    .isEqualTo(404);
        }
    }
    /**
     * A restore the store has grown back from by the time the projection looks: no token is ahead
     * of the head any more, but the events at the tools' positions are other ones. The guard's
     * checkpoints of the store give it away, before any stream opens.
     */
    @Test
    void aRestoredEventStoreThatGrewBackPastTheToolsPositionsStillRaisesTheAlarm() {
        List<String> kept = registerMany(2);
        awaitConverged(tools, kept);
        EventStoreBackup backup = EventStoreBackup.take(databases());
        List<String> lost = registerMany(3);
        awaitConverged(tools, lost);
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        Long head =
                system.eventStoreDb().queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                toolsDb.queryForObject("SELECT MAX(position) FROM event_store_checkpoint", Long.class))
                        .isEqualTo(head));
        system.stop(projection);

        backup.restore();
        List<String> registeredAfter = registerMany(6);
        assertThat(system.eventStoreDb().queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class))
                .as("the store grew back past the tools' positions")
                .isGreaterThan(head);
        projection = system.startProjection(Map.of());
        tools = SyncSystem.http(projection);

        for (String tool : TOOLS) {
            awaitPositionAlarm(tool);
            Http.Response reset = tools.post("/api/admin/processors/" + tool + "/reset", "{\"from\":\"start\"}");
            assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        }
        List<String> all = new ArrayList<>(kept);
        all.addAll(registeredAfter);
        awaitConverged(tools, all);
        for (String id : lost) {
            for (String tool : TOOLS) {
                assertThat(tools.get("/api/tools/" + tool + "/users/" + id).status())
                        .as("%s holds %s", tool, id)
                        .isEqualTo(404);
            }
        }
    }
}
