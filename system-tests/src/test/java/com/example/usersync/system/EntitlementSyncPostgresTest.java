package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which tools hold which users on PostgreSQL: a tool holds only users entitled to it (billing every
 * user), follows entitlements that come and go, replays them identically, and a name that looks like
 * the old erasure marker is just a name.
 */
class EntitlementSyncPostgresTest extends PostgresSyncSystemTest {

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
}
