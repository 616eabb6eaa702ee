package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An external tool is one of the tools every erasure waits for: declared only at the tool-sync service,
 * the user service learns it from the single tool list, the erasure stays pending (and overdue past its
 * deadline) until the tool's own account confirms, another tool's account cannot confirm for it, and an
 * export names it as holding its copy outside. Its messages go to the local RabbitMQ when one runs; the
 * erasure bookkeeping does not depend on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalToolErasureH2Test {

    private static final String TOOL = "helpdesk";

    private SyncSystem system;
    private Http users;
    private Http tools;

    @BeforeAll
    void start() {
        system = new SyncSystem(SyncSystem.Databases.inMemoryH2(), Map.of("user-sync.erasure.deadline", "P0D"));
        ConfigurableApplicationContext projection = system.startProjection(Map.of(
                "user-sync.external-tools." + TOOL + ".fields",
                "plan,tools",
                "user-sync.external-tools." + TOOL + ".exchange",
                "user-sync.test.erasure-" + UUID.randomUUID()));
        users = system.users();
        tools = SyncSystem.http(projection);
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anErasureWaitsForTheExternalToolsOwnReceiptAndShowsOverdueUntilThen() {
        assertThat(StreamSupport.stream(tools.get("/api/tools").json().spliterator(), false)
                        .map(JsonNode::asText))
                .as("one tool list: the in-process tools, then the external ones")
                .containsSubsequence("analytics", "billing", "mailing", TOOL)
                .endsWith(TOOL);
        Http.Response created = users.post("/api/users", """
                {"email":"%s@example.com","displayName":"Ext","locale":"en","plan":"TEAM","tools":["billing","%s"]}""".formatted(UUID.randomUUID(), TOOL));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        Http.Response copy = tools.get("/api/tools/" + TOOL + "/users/" + id);
        assertThat(copy.status()).isEqualTo(409);
        assertThat(copy.json().get("type").asText()).isEqualTo("urn:user-sync:problem:external-tool");

        assertThat(users.delete("/api/users/" + id, """
                        {"reason":"DATA_SUBJECT_REQUEST","requestedBy":"DATA_SUBJECT"}""").status()).isEqualTo(202);
        JsonNode pending = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> users.get("/api/erasures/" + id).json(),
                        erasure -> erasure.get("pendingTools").toString().equals("[\"" + TOOL + "\"]"));
        assertThat(pending.get("requiredTools").toString()).contains("\"" + TOOL + "\"");
        assertThat(pending.get("complete").asBoolean()).isFalse();
        assertThat(pending.get("overdue").asBoolean())
                .as("past its deadline (P0D here)")
                .isTrue();
        assertThat(StreamSupport.stream(
                                users.get("/api/erasures?status=pending").json().spliterator(), false)
                        .map(erasure -> erasure.get("userId").asText()))
                .contains(id);

        JsonNode history = users.get("/api/users/" + id + "/events").json();
        JsonNode items = history.has("items") ? history.get("items") : history;
        String deletion = StreamSupport.stream(items.spliterator(), false)
                .filter(event -> event.get("type").asText().equals("UserDeleted"))
                .findFirst()
                .orElseThrow()
                .get("eventId")
                .asText();
        String receipt = "{\"tool\":\"%s\",\"deletionEventId\":\"%s\"}".formatted(TOOL, deletion);
        Http.Response byAnotherTool = new Http(system.usersUrl())
                .as("tool-billing", "dev-tool-billing")
                .unchecked()
                .post("/api/erasures/" + id + "/confirmations", receipt);
        assertThat(byAnotherTool.status()).isEqualTo(403);
        assertThat(byAnotherTool.json().get("type").asText()).isEqualTo("urn:user-sync:problem:not-this-tool");

        Http.Response confirmed = new Http(system.usersUrl())
                .as("tool-helpdesk", "dev-tool-helpdesk")
                .post("/api/erasures/" + id + "/confirmations", receipt);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        JsonNode complete = users.get("/api/erasures/" + id).json();
        assertThat(complete.get("complete").asBoolean()).isTrue();
        assertThat(complete.get("overdue").asBoolean()).isFalse();
        assertThat(StreamSupport.stream(complete.get("confirmations").spliterator(), false)
                        .map(c -> c.get("tool").asText()))
                .contains(TOOL, "billing");

        JsonNode export = users.get("/api/users/" + id + "/export").json();
        assertThat(export.get("externalTools").toString()).isEqualTo("[\"" + TOOL + "\"]");
        assertThat(export.get("tools").get(TOOL).isNull()).isTrue();
        assertThat(export.get("toolsComplete").asBoolean())
                .as("an external tool's copy is outside by design, not a failed read")
                .isTrue();
    }
}
