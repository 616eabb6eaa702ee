package com.example.usersync.command;

import com.example.usersync.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-snapshots;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-snapshots-journal;DB_CLOSE_DELAY=-1",
            "user-sync.aggregate-snapshots.threshold=3"
        })
class AggregateSnapshotTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLongHistoryIsSnapshottedEncryptedAndTheUserStillLoadsCorrectly() {
        Http http = Http.withDevAccounts("http://localhost:" + port);
        String email = UUID.randomUUID() + "@example.com";
        String id = http.post(
                        "/api/users", "{\"email\":\"" + email + "\",\"displayName\":\"Snap Shot\",\"locale\":\"en\"}")
                .json()
                .get("id")
                .asText();
        for (int i = 1; i <= 7; i++) {
            assertThat(http.patch(
                                    "/api/users/" + id,
                                    "{\"displayName\":\"Snap Shot " + i + "\"}",
                                    "If-Match",
                                    "\"" + (i - 1) + "\"")
                            .status())
                    .isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                                Integer.class,
                                id)
                        > 0);
        List<byte[]> snapshots = jdbc.queryForList(
                "SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ?", byte[].class, id);
        assertThat(snapshots)
                .allSatisfy(payload ->
                        assertThat(new String(payload)).contains("pd:v1:").doesNotContain(email, "Snap Shot"));
        assertThat(http.patch("/api/users/" + id, "{\"locale\":\"fr\"}", "If-Match", "\"7\"")
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/users/" + id).json().get("displayName").asText())
                .isEqualTo("Snap Shot 7");
        assertThat(http.get("/api/users/" + id + "/events").json()).hasSize(9);

        http.delete("/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");

        assertThat(jdbc.queryForList(
                        "SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ?", byte[].class, id))
                .allSatisfy(payload -> assertThat(new String(payload)).doesNotContain("pd:v1:"));
        assertThat(http.patch("/api/users/" + id, "{\"locale\":\"de\"}").status())
                .isEqualTo(410);
    }
}
