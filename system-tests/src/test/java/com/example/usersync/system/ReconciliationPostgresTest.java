package com.example.usersync.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconciliation on PostgreSQL: it never deletes a live user's row while users register, erases an
 * erased user's leftover row (and the tool confirms), removes rows of users not entitled to the tool,
 * and reports a suppressed rewrite as such.
 */
class ReconciliationPostgresTest extends PostgresSyncSystemTest {

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
}
