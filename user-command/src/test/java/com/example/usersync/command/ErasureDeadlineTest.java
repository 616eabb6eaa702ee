package com.example.usersync.command;

import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-deadline;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-deadline-journal;DB_CLOSE_DELAY=-1",
            "user-sync.erasure.deadline=P0D"
        })
class ErasureDeadlineTest {

    @LocalServerPort
    int port;

    @Test
    void anErasureNotConfirmedByItsDeadlineIsFlaggedOverdue() {
        Http http = Http.withDevAccounts("http://localhost:" + port);
        String id = http.post(
                        "/api/users",
                        "{\"email\":\"" + UUID.randomUUID()
                                + "@example.com\",\"displayName\":\"Late\",\"locale\":\"en\"}")
                .json()
                .get("id")
                .asText();
        http.delete("/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");

        JsonNode pending = http.get("/api/erasures?status=pending").json();

        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("overdue").asBoolean()).isTrue();
        assertThat(pending.get(0).get("deadline").asText())
                .isEqualTo(pending.get(0).get("requestedAt").asText());
    }
}
