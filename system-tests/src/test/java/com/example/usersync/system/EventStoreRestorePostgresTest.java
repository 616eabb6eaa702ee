package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event store restored from an older copy on PostgreSQL: tools ahead of the store raise an alarm
 * and stop on every instance, a replay or re-alignment skips no new event, and an erasure the
 * restore lost is applied again.
 */
class EventStoreRestorePostgresTest extends PostgresSyncSystemTest {

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
}
