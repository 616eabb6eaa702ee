package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Erasure across the tools on PostgreSQL: receipts kept, parked and re-delivered, failed deletions,
 * dead letters of erased users, leftovers swept, no readable personal data anywhere.
 */
class ErasureSyncPostgresTest extends PostgresSyncSystemTest {

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
}
