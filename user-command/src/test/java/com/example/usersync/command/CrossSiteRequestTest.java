package com.example.usersync.command;

import com.example.usersync.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser holding basic credentials could be made to send from another site is refused:
 * state changes need a JSON body or the X-Requested-By header, and a foreign Origin or a
 * cross-site Sec-Fetch-Site is refused outright, with a 403 problem detail, changing nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:user-command-request-security;DB_CLOSE_DELAY=-1",
        "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-request-security-journal;DB_CLOSE_DELAY=-1",
        "server.forward-headers-strategy=native"})
class CrossSiteRequestTest {

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aBodylessAdminPostNeedsTheRequestedByHeader() throws Exception {
        HttpResponse<String> bare = send(post("/api/admin/erasures/reapply", "operator:dev-operator"));
        HttpResponse<String> withHeader = send(post("/api/admin/erasures/reapply", "operator:dev-operator")
                .header("X-Requested-By", "ops-cli"));

        assertProblem(bare, "missing-request-header");
        assertThat(withHeader.statusCode()).as(withHeader.body()).isBetween(200, 299);
    }

    @Test
    void aFormOrPlainTextPostIsRefusedAndRegistersNobody() throws Exception {
        String email = UUID.randomUUID() + "@example.com";
        String registration = "{\"email\":\"" + email + "\",\"displayName\":\"Csrf\",\"locale\":\"en\"}";

        assertProblem(send(post("/api/users", "admin:dev-admin").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(registration))), "missing-request-header");
        assertProblem(send(post("/api/users", "admin:dev-admin").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + email))), "missing-request-header");

        assertThat(http().post("/api/users", registration).status()).isEqualTo(201);
    }

    @Test
    void aForeignOriginIsRefusedEvenWithAJsonBodyAndTheHeader() throws Exception {
        String email = UUID.randomUUID() + "@example.com";
        String registration = "{\"email\":\"" + email + "\",\"displayName\":\"Csrf\",\"locale\":\"en\"}";

        assertProblem(send(json("/api/users", registration).header("Origin", "https://evil.example")), "cross-site-request");
        assertProblem(send(json("/api/users", registration).header("Origin", "null")), "cross-site-request");
        assertProblem(send(json("/api/users", registration).header("Sec-Fetch-Site", "cross-site")), "cross-site-request");
        assertProblem(send(post("/api/admin/snapshot-runs", "operator:dev-operator").header("X-Requested-By", "x")
                .header("Sec-Fetch-Site", "cross-site")), "cross-site-request");

        HttpResponse<String> sameOrigin = send(json("/api/users", registration)
                .header("Origin", "http://localhost:" + port).header("Sec-Fetch-Site", "same-origin"));
        assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(201);
    }

    @Test
    void readsAreNotAffected() throws Exception {
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/users"))
                .header("Authorization", basic("admin:dev-admin")).header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site"));
        assertThat(read.statusCode()).isEqualTo(200);
    }

    @Test
    void theApiDescriptionNamesTheHeaderOnBodylessStateChanges() {
        String api = Http.withDevAccounts("http://localhost:" + port).get("/v3/api-docs").body();
        assertThat(api).contains("X-Requested-By");
    }

    private void assertProblem(HttpResponse<String> response, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("urn:user-sync:problem:" + type);
    }

    private HttpRequest.Builder post(String path, String account) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(account))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder json(String path, String body) {
        return post(path, "admin:dev-admin").header("Content-Type", "application/json")
                .header("X-Requested-By", "x").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String account) {
        return "Basic " + Base64.getEncoder().encodeToString(account.getBytes(StandardCharsets.UTF_8));
    }

    private Http http() {
        return Http.withDevAccounts("http://localhost:" + port);
    }
}
