package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tool-sync service's lists are bounded and its access log complete: dead letters and the
 * access log are cursor-paged (Link rel="next"), the dead-letter status is counted by the
 * database, a tool list records each user it returns, and a read the user service makes for an
 * auditor's export is that auditor's. Subclasses choose the databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProjectionBoundedReadsTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

    SyncSystem system;
    ConfigurableApplicationContext projection;
    Http users;
    Http tools;
    Http auditor;

    abstract SyncSystem.Databases databases();

    @BeforeAll
    void start() {
        system = new SyncSystem(databases());
        users = system.users();
        // The dev (and test) settings have export-service, the account user-command exports with, as a delegate.
        projection = system.startProjection(Map.of());
        tools = SyncSystem.http(projection);
        auditor = new Http(SyncSystem.baseUrl(projection)).as("auditor", "dev-auditor");
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    String register(String displayName) {
        Http.Response created = users.post("/api/users", """
                {"email":"%s@example.com","displayName":"%s","locale":"en","plan":"TEAM","tools":["mailing"]}""".formatted(UUID.randomUUID(), displayName));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    List<JsonNode> allPages(Http http, String firstPage, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String path = firstPage;
        for (int pages = 0; path != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(1000);
            Http.Response page = http.get(path);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().size()).isLessThanOrEqualTo(limit);
            page.json().forEach(items::add);
            String link = page.header("Link");
            if (link == null) {
                path = null;
            } else {
                Matcher matcher = NEXT.matcher(link);
                assertThat(matcher.find()).as(link).isTrue();
                path = matcher.group(1);
            }
        }
        return items;
    }

    @Smoke
    @Test
    void aToolListRecordsEachUserItReturnsAndTheAccessLogIsCursorPaged() {
        List<String> ids = List.of(register("Listed One"), register("Listed Two"), register("Listed Three"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ids.stream()
                        .allMatch(id ->
                                tools.get("/api/tools/mailing/users/" + id).status() == 200));
        for (int i = 0; i < 3; i++) {
            assertThat(tools.get("/api/tools/mailing/users?size=500").status()).isEqualTo(200);
        }

        for (String id : ids) {
            List<JsonNode> entries = allPages(auditor, "/api/access-log?userId=" + id + "&limit=2", 2);
            assertThat(entries)
                    .filteredOn(e -> e.get("resource").asText().equals("tool:mailing:list"))
                    .hasSize(3)
                    .allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("operator"));
            assertThat(entries)
                    .extracting(e -> e.get("id").asLong())
                    .doesNotHaveDuplicates()
                    .isSortedAccordingTo((a, b) -> Long.compare(b, a));
        }
        for (String path : List.of(
                "/api/access-log?limit=0",
                "/api/access-log?limit=1001",
                "/api/access-log?cursor=!!",
                "/api/access-log?cursor=eA")) {
            assertProblem(auditor.get(path), path);
        }
    }

    @Test
    void aReadForAnExportIsTheAuditorsOnlyWhenADelegateSaysSo() {
        String id = register("Exported Person");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tools.get("/api/tools/mailing/users/" + id).status() == 200);
        Http delegate = new Http(SyncSystem.baseUrl(projection)).as("export-service", "dev-export-service");

        assertThat(delegate.get("/api/tools/mailing/users/" + id, "X-On-Behalf-Of", "jane-auditor")
                        .status())
                .isEqualTo(200);
        assertThat(auditor.get("/api/tools/mailing/users/" + id, "X-On-Behalf-Of", "someone-else")
                        .status())
                .isEqualTo(200);
        assertProblem(
                delegate.get("/api/tools/mailing/users/" + id, "X-On-Behalf-Of", "x".repeat(101)), "over-long actor");

        List<JsonNode> entries = new ArrayList<>();
        auditor.get("/api/access-log?userId=" + id).json().forEach(entries::add);
        entries.removeIf(entry -> entry.get("actor").asText().equals("operator")); // the test's own polling
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("actor").asText())
                .as("a non-delegate's header is ignored")
                .isEqualTo("auditor");
        assertThat(entries.get(0).get("via").isNull()).isTrue();
        assertThat(entries.get(1).get("actor").asText()).isEqualTo("jane-auditor");
        assertThat(entries.get(1).get("via").asText()).isEqualTo("export-service");
    }

    @Test
    void deadLettersArePagedBySequenceAndCountedByTheDatabase() {
        JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
        toolsDb.execute("ALTER TABLE mailing_contact ADD CONSTRAINT poison CHECK (display_name NOT LIKE 'Poison%')");
        List<String> poisoned = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                poisoned.add(register("Poison " + i));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> tools.get("/api/admin/processors/mailing")
                                    .json()
                                    .get("deadLetteredUsers")
                                    .asInt()
                            == 3);

            JsonNode status = tools.get("/api/admin/processors/mailing").json();
            assertThat(status.get("deadLetters").asLong()).isEqualTo(3);
            assertThat(status.get("lastError").asText()).contains("SQLSTATE").doesNotContain("Poison");
            Http.Response first = tools.get("/api/admin/processors/mailing/dead-letters?limit=2");
            assertThat(first.json()).hasSize(2);
            assertThat(first.header("Link")).contains("rel=\"next\"");
            List<JsonNode> all = allPages(tools, "/api/admin/processors/mailing/dead-letters?limit=2", 2);
            assertThat(all)
                    .extracting(letter -> letter.get("userId").asText())
                    .containsExactlyInAnyOrderElementsOf(poisoned);
            assertThat(all)
                    .allSatisfy(
                            letter -> assertThat(letter.get("size").asLong()).isOne());
            assertThat(all)
                    .extracting(letter -> letter.get("sequence").asText())
                    .isSorted();
            assertThat(tools.get("/api/admin/processors/mailing/dead-letters").header("Link"))
                    .isNull();

            for (String path :
                    List.of("?limit=0", "?limit=-1", "?limit=100000", "?limit=x", "?cursor=%25", "?cursor=eHx5")) {
                assertProblem(tools.get("/api/admin/processors/mailing/dead-letters" + path), path);
            }
            assertThat(tools.get("/api/admin/processors/nope/dead-letters?limit=2")
                            .status())
                    .isEqualTo(404);
        } finally {
            poisoned.forEach(id -> tools.delete("/api/admin/processors/mailing/dead-letters/" + id, null));
            toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT IF EXISTS poison");
        }
    }

    static void assertProblem(Http.Response response, String what) {
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(response.body()).as(what).doesNotContain("Exception", "at com.", "at org.");
    }
}
