package com.example.usersync.command;

import com.example.usersync.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser holding basic credentials could be made to send from another site is refused:
 * state changes need a JSON body or the X-Requested-By header, and a foreign Origin or a
 * cross-site Sec-Fetch-Site is refused outright, with a 403 problem detail, changing nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-request-security;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-request-security-journal;DB_CLOSE_DELAY=-1",
            "server.forward-headers-strategy=native"
        })
class CrossSiteRequestTest {

    @LocalServerPort
    int port;

    @Test
    void aBodylessAdminPostNeedsTheRequestedByHeader() {
        Http.Response bare = operator().asBrowser().post("/api/admin/erasures/reapply", null);
        Http.Response withHeader = operator().post("/api/admin/erasures/reapply", null);

        assertProblem(bare, "missing-request-header");
        assertThat(withHeader.status()).as(withHeader.body()).isBetween(200, 299);
    }

    @Test
    void aFormOrPlainTextPostIsRefusedAndRegistersNobody() {
        String email = UUID.randomUUID() + "@example.com";
        String registration = "{\"email\":\"" + email + "\",\"displayName\":\"Csrf\",\"locale\":\"en\"}";

        assertProblem(
                admin().asBrowser().send("POST", "/api/users", registration, "text/plain"), "missing-request-header");
        assertProblem(
                admin().asBrowser().send("POST", "/api/users", "email=" + email, "application/x-www-form-urlencoded"),
                "missing-request-header");

        assertThat(admin().post("/api/users", registration).status()).isEqualTo(201);
    }

    @Test
    void aForeignOriginIsRefusedEvenWithAJsonBodyAndTheHeader() {
        String email = UUID.randomUUID() + "@example.com";
        String registration = "{\"email\":\"" + email + "\",\"displayName\":\"Csrf\",\"locale\":\"en\"}";

        assertProblem(admin().post("/api/users", registration, "Origin", "https://evil.example"), "cross-site-request");
        assertProblem(admin().post("/api/users", registration, "Origin", "null"), "cross-site-request");
        assertProblem(admin().post("/api/users", registration, "Sec-Fetch-Site", "cross-site"), "cross-site-request");
        assertProblem(
                operator().post("/api/admin/snapshot-runs", null, "Sec-Fetch-Site", "cross-site"),
                "cross-site-request");

        Http.Response sameOrigin = admin().post(
                        "/api/users",
                        registration,
                        "Origin",
                        "http://localhost:" + port,
                        "Sec-Fetch-Site",
                        "same-origin");
        assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(201);
    }

    @Test
    void readsAreNotAffected() {
        Http.Response read =
                admin().get("/api/users", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void theApiDescriptionNamesTheHeaderOnBodylessStateChanges() {
        String api = new Http("http://localhost:" + port).get("/v3/api-docs").body();
        assertThat(api).contains("X-Requested-By");
    }

    private void assertProblem(Http.Response response, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("urn:user-sync:problem:" + type);
    }

    private Http admin() {
        return new Http("http://localhost:" + port).as("admin", "dev-admin");
    }

    private Http operator() {
        return new Http("http://localhost:" + port).as("operator", "dev-operator");
    }
}
