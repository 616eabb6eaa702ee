package com.example.usersync.system;

import com.example.usersync.testing.ApiDocument;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every tool in sync end to end: registrations, changes, deletions, replays, dead letters, exports,
 * snapshot rebuilds and reconciliation. Subclasses pick the databases.
 */
abstract class ToolSyncEndToEndTest extends SyncSystemTest {

    @Smoke
    @Test
    void servesTheCommittedApiDocument() {
        ApiDocument.assertMatchesCommitted(SyncSystem.baseUrl(projection), "user-projection");
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

    /**
     * A tool writes a batch of events at once; a failing event in it fails the batch, which is then
     * processed event by event: that event alone is dead-lettered, the rest of its batch commits.
     */
    @Test
    void aPoisonInTheMiddleOfABatchIsDeadLetteredAloneAndTheRestOfTheBatchCommits() throws Exception {
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        toolsDb.execute("ALTER TABLE mailing_contact ADD CONSTRAINT poison CHECK (display_name <> 'Batch Poison')");
        try {
            assertThat(tools.post("/api/admin/processors/mailing/stop", null).status())
                    .isEqualTo(200);
            // While mailing is stopped its events pile up.
            List<String> healthy = new ArrayList<>(registerMany(30));
            String poisoned = register("Batch Poison");
            healthy.addAll(registerMany(30));
            // Writes wait for this lock meanwhile: the first batch of each segment waits, the rest queue up
            // behind it and come as full batches.
            try (Connection lock = toolsDb.getDataSource().getConnection()) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("LOCK TABLE mailing_contact IN EXCLUSIVE MODE");
                assertThat(tools.post("/api/admin/processors/mailing/start", null)
                                .status())
                        .isEqualTo(200);
                Thread.sleep(2000);
                lock.rollback();
            }

            awaitConverged(tools, healthy);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode letters =
                        tools.get("/api/admin/processors/mailing/dead-letters").json();
                assertThat(letters).hasSize(1);
                assertThat(letters.get(0).get("userId").asText()).isEqualTo(poisoned);
                assertThat(letters.get(0).get("letters")).hasSize(1);
            });
            assertThat(tools.get("/api/tools/mailing/users/" + poisoned).status())
                    .isEqualTo(404);
            Http.Response evicted = tools.delete("/api/admin/processors/mailing/dead-letters/" + poisoned, null);
            assertThat(evicted.status()).as(evicted.body()).isEqualTo(200);
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
        // A row of a user the source never had: extra whatever the erasure sweeper does meanwhile (it may
        // remove the resurrected row above before the reconciler sees it).
        toolsDb.update(
                "INSERT INTO mailing_contact (user_id, version, event_time, email, display_name, locale, row_hash)"
                        + " VALUES (?, 0, CURRENT_TIMESTAMP, 'ghost@example.com', 'Ghost', 'en', 'x')",
                UUID.randomUUID());

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
}
