package com.example.usersync.command;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list of the user service is bounded: cursor paging (the next page in a {@code Link rel="next"}
 * header), a bounded default page, 400 problem details for bad paging parameters, and the queries
 * behind them use indexes and a fixed number of statements per page. Subclasses choose the database.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BoundedReadsTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    Http http;

    @BeforeEach
    void client() {
        http = Http.withDevAccounts("http://localhost:" + port);
    }

    String register() {
        Http.Response created =
                http.post("/api/users", UserServiceEndToEndTest.registration(UserServiceEndToEndTest.uniqueEmail()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    String delete(String id) {
        assertThat(http.delete(
                                "/api/users/" + id,
                                "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}")
                        .status())
                .isEqualTo(202);
        return id;
    }

    /** Follows the Link rel="next" headers from the first page to the last; each page at most {@code limit} items. */
    List<JsonNode> allPages(String firstPage, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String path = firstPage;
        for (int pages = 0; path != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(1000);
            Http.Response page = http.get(path);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().size()).isLessThanOrEqualTo(limit);
            page.json().forEach(items::add);
            path = next(page);
        }
        return items;
    }

    static String next(Http.Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.find()).as(link).isTrue();
        return matcher.group(1);
    }

    @Smoke
    @Test
    void theEventHistoryIsCursorPagedOldestFirst() {
        String id = register();
        for (int i = 0; i < 4; i++) {
            assertThat(http.patch("/api/users/" + id, "{\"displayName\":\"Version " + (i + 1) + "\"}")
                            .status())
                    .isEqualTo(200);
        }

        Http.Response first = http.get("/api/users/" + id + "/events?limit=2");

        assertThat(first.json()).extracting(e -> e.get("version").asLong()).containsExactly(0L, 1L);
        assertThat(next(first)).contains("limit=2").contains("cursor=");
        assertThat(allPages("/api/users/" + id + "/events?limit=2", 2))
                .extracting(e -> e.get("version").asLong())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        Http.Response whole = http.get("/api/users/" + id + "/events");
        assertThat(whole.json()).hasSize(5);
        assertThat(whole.header("Link"))
                .as("a history shorter than the default page")
                .isNull();
        assertThat(http.get("/api/users/" + UUID.randomUUID() + "/events").status())
                .isEqualTo(404);
    }

    @Test
    void theAccessLogIsCursorPagedNewestFirst() {
        String id = register();
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/api/users/" + id).status()).isEqualTo(200);
        }

        List<JsonNode> entries = allPages("/api/access-log?userId=" + id + "&limit=2", 2);

        assertThat(entries).hasSize(5).allSatisfy(entry -> {
            assertThat(entry.get("subjectId").asText()).isEqualTo(id);
            assertThat(entry.get("resource").asText()).isEqualTo("user");
        });
        List<Long> ids = entries.stream().map(entry -> entry.get("id").asLong()).toList();
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(allPages("/api/access-log?limit=3", 3))
                .extracting(entry -> entry.get("id").asLong())
                .containsAll(ids);
    }

    @Test
    void erasuresArePagedWithAFixedNumberOfQueriesPerPage() {
        List<String> erased = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            erased.add(delete(register()));
        }
        String complete = erased.get(2);
        String deletionEventId = http.get("/api/users/" + complete + "/events")
                .json()
                .get(1)
                .get("eventId")
                .asText();
        for (String tool : List.of("analytics", "billing", "mailing")) {
            assertThat(new Http("http://localhost:" + port)
                            .as("tool-" + tool, "dev-tool-" + tool)
                            .post(
                                    "/api/erasures/" + complete + "/confirmations",
                                    "{\"tool\":\"" + tool + "\",\"deletionEventId\":\"" + deletionEventId + "\"}")
                            .status())
                    .isEqualTo(200);
        }

        List<String> all = allPages("/api/erasures?status=all&limit=2", 2).stream()
                .map(e -> e.get("userId").asText())
                .toList();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.stream().filter(erased::contains).toList())
                .as("oldest request first")
                .isEqualTo(erased);
        List<String> pending = allPages("/api/erasures?limit=2", 2).stream()
                .map(e -> e.get("userId").asText())
                .toList();
        assertThat(pending).contains(erased.get(0), erased.get(4)).doesNotContain(complete);
        assertThat(allPages("/api/erasures?status=complete&limit=1", 1))
                .extracting(e -> e.get("userId").asText())
                .contains(complete);

        long onePerPage = statementsFor("/api/erasures?status=all&limit=1");
        long fivePerPage = statementsFor("/api/erasures?status=all&limit=5");
        assertThat(fivePerPage)
                .as("statements for a page of five vs. one (no N+1)")
                .isLessThanOrEqualTo(onePerPage + 2);
    }

    long statementsFor(String path) {
        Statistics statistics =
                entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            statistics.clear();
            assertThat(http.get(path).status()).isEqualTo(200);
            return statistics.getPrepareStatementCount();
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    @Test
    void badPagingParametersAreProblemDetails() {
        String id = register();
        for (String path : List.of(
                "/api/users/" + id + "/events?limit=0",
                "/api/users/" + id + "/events?limit=-1",
                "/api/users/" + id + "/events?limit=100000",
                "/api/users/" + id + "/events?limit=abc",
                "/api/users/" + id + "/events?cursor=%25%25%25",
                "/api/users/" + id + "/events?cursor=bm90LWEtbnVtYmVy",
                "/api/access-log?limit=0",
                "/api/access-log?limit=1001",
                "/api/access-log?cursor=not-base64!",
                "/api/access-log?cursor=MXwy",
                "/api/erasures?limit=0",
                "/api/erasures?limit=-5",
                "/api/erasures?limit=100000",
                "/api/erasures?cursor=garbage",
                "/api/erasures?cursor=eA",
                "/api/erasures?status=everything")) {
            Http.Response response = http.get(path);
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.body()).as(path).doesNotContain("Exception", "at com.", "at org.");
        }
    }

    @Test
    void theDirectoryHasAnIndexForUpdatedSince() {
        Set<String> columns = jdbc.execute((ConnectionCallback<Set<String>>) connection -> {
            Set<String> found = new HashSet<>();
            for (String table : List.of("user_directory", "USER_DIRECTORY")) {
                try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (indexes.next()) {
                        if ("ix_user_directory_updated".equalsIgnoreCase(indexes.getString("INDEX_NAME"))
                                && indexes.getShort("ORDINAL_POSITION") == 1) {
                            found.add(indexes.getString("COLUMN_NAME").toLowerCase());
                        }
                    }
                }
            }
            return found;
        });
        assertThat(columns).containsExactly("updated_at");
    }
}
