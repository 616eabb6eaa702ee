package com.example.usersync.command;

import com.example.usersync.testing.ApiContract;
import com.example.usersync.testing.ContractFuzzer;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every endpoint of the user service, fed what a careless or hostile client sends: malformed and
 * unknown ids, bad paging, control characters, malformed JSON, wrong types and media types,
 * oversized bodies and headers. Each answer is a 4xx problem detail without a stack trace, and
 * nothing changes. Subclasses choose the database: some inputs only break on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadInputBatteryTest {

    /** A request and the status it must get, sent as the dev account the path needs (receipts as tool-billing). */
    record Case(String method, String path, String body, String contentType, int status, String... headers) {
        @Override
        public String toString() {
            String shown = path.length() > 80 ? path.substring(0, 80) + "…" : path;
            String content = body == null
                    ? ""
                    : " " + (body.length() > 60 ? body.substring(0, 60) + "…(" + body.length() + ")" : body);
            return method + " " + shown + content.replace("\u0000", "\\0").replace("\u0007", "\\a") + " → " + status;
        }
    }

    static final String USER = UUID.randomUUID().toString();
    static final String UNKNOWN = UUID.randomUUID().toString();
    static final String JSON = "application/json";
    static final String LONG_ID = "a".repeat(4000);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    String user;
    /** The fuzzer's own user: a request the document allows may change it. */
    String fuzzed;

    @BeforeAll
    void registerOneUser() {
        user = register("battery-" + UUID.randomUUID() + "@example.com");
        fuzzed = register("fuzzed-" + UUID.randomUUID() + "@example.com");
    }

    String register(String email) {
        Http.Response created = http().post("/api/users", registration(email, "Ada Lovelace"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    Http http() {
        return Http.withDevAccounts("http://localhost:" + port);
    }

    static String registration(String email, String displayName) {
        return """
                {"email":"%s","displayName":"%s","locale":"en","timeZone":"UTC","plan":"TEAM","tools":["billing"]}""".formatted(email, displayName);
    }

    static List<Case> cases() {
        String users = "/api/users";
        String me = users + "/" + USER;
        List<Case> cases = new ArrayList<>(List.of(
                // Path ids
                get("/api/users/not-a-uuid", 400),
                get("/api/users/" + UNKNOWN, 404),
                get("/api/users/" + LONG_ID, 400),
                get("/api/users/%00", 400),
                get("/api/users/not-a-uuid/events", 400),
                get("/api/users/not-a-uuid/export", 400),
                send("POST", "/api/users/not-a-uuid/exports", null, null, 400),
                send("POST", "/api/users/" + UNKNOWN + "/exports", null, null, 404),
                get("/api/exports/not-a-uuid", 400),
                get("/api/exports/" + UNKNOWN, 404),
                get("/api/erasures/not-a-uuid", 400),
                get("/api/erasures/" + UNKNOWN, 404),
                get("/api/admin/snapshot-runs/not-a-uuid", 400),
                get("/api/admin/snapshot-runs/" + UNKNOWN, 404),
                // Query parameters and paging bounds that exist today
                get(users + "?limit=0", 400),
                get(users + "?limit=-1", 400),
                get(users + "?limit=100000", 400),
                get(users + "?limit=abc", 400),
                get(users + "?limit=99999999999999999999", 400),
                get(users + "?cursor=not-a-cursor", 400),
                get(users + "?cursor=%00", 400),
                get(users + "?updatedSince=yesterday", 400),
                get(users + "?ids=not-a-uuid", 400),
                get(
                        users + "?ids="
                                + IntStream.range(0, 201)
                                        .mapToObj(i -> UUID.randomUUID().toString())
                                        .collect(Collectors.joining(",")),
                        400),
                get(users + "/checksums?after=not-a-uuid", 400),
                get(users + "/checksums?limit=0", 400),
                get(users + "/checksums?limit=100000", 400),
                get("/api/access-log?limit=0", 400),
                get("/api/access-log?limit=100000", 400),
                get("/api/access-log?userId=not-a-uuid", 400),
                get("/api/erasures?status=bogus", 400),
                get("/api/erasures?status=%00", 400),
                get("/api/users?cursor=%01", 400),
                // Bodies: malformed, wrong types, wrong media type, control characters, too long, too big
                send("POST", users, "{", JSON, 400),
                send("POST", users, "[]", JSON, 400),
                send("POST", users, "", JSON, 400),
                send("POST", users, "{\"email\":1,\"displayName\":[],\"locale\":{}}", JSON, 400),
                send("POST", users, registration("x@example.com", "Ada") + " trailing", JSON, 400),
                send("POST", users, registration("x@example.com", "Ada").replace("TEAM", "PLATINUM"), JSON, 400),
                send(
                        "POST",
                        users,
                        registration("x@example.com", "Ada").replace("\"en\"", "\"en\",\"admin\":true"),
                        JSON,
                        400),
                send("POST", users, registration("x@example.com", "Ada"), "text/plain", 415),
                send("POST", users, "<user/>", "application/xml", 415),
                send("POST", users, registration("nul@example.com", "Ada\\u0000Lovelace"), JSON, 400),
                send("POST", users, registration("bell@example.com", "Ada\\u0007"), JSON, 400),
                send("POST", users, registration("nul\\u0000@example.com", "Ada"), JSON, 400),
                send("POST", users, registration("x@example.com", "Ada").replace("\"en\"", "\"en\\u0000\""), JSON, 400),
                send(
                        "POST",
                        users,
                        registration("x@example.com", "Ada").replace("\"UTC\"", "\"UTC\\u0000\""),
                        JSON,
                        400),
                send(
                        "POST",
                        users,
                        registration("x@example.com", "Ada").replace("\"billing\"", "\"bill\\u0000ing\""),
                        JSON,
                        400),
                send("POST", users, registration("x@example.com", "A".repeat(10_000)), JSON, 400),
                send("POST", users, registration("x@example.com", "A".repeat(100_000)), JSON, 413),
                send("POST", users, "{\"email\":\"" + "a".repeat(19 * 1024 * 1024) + "\"}", JSON, 413),
                send("PATCH", me, "{\"displayName\":\"Ada\\u0000\"}", JSON, 400),
                send("PATCH", me, "{\"displayName\":\"Ada\\u001b[31m\"}", JSON, 400),
                send("PATCH", me, "{\"email\":\"a\\u0000@example.com\"}", JSON, 400),
                send("PATCH", me, "{\"displayName\":5}", JSON, 400),
                send("PATCH", me, "{}", JSON, 400),
                send("PATCH", me, "{\"displayName\":\"Ada\"}", "text/plain", 415),
                send("PATCH", me, "{\"displayName\":\"Ada\"}", JSON, 400, "If-Match", "not-a-version"),
                send("PATCH", me, "{\"displayName\":\"Ada\"}", JSON, 412, "If-Match", "\"99\""),
                send("PATCH", "/api/users/not-a-uuid", "{\"displayName\":\"Ada\"}", JSON, 400),
                send("PATCH", "/api/users/" + UNKNOWN, "{\"displayName\":\"Ada\"}", JSON, 404),
                send("PUT", me + "/access", "{\"plan\":\"TEAM\",\"tools\":\"billing\"}", JSON, 400),
                send("PUT", me + "/access", "{\"plan\":\"TEAM\",\"tools\":[\"bill\\u0000ing\"]}", JSON, 400),
                send("PUT", me + "/access", "{\"plan\":\"TEAM\"}", JSON, 400),
                send("PUT", me + "/access", null, null, 415),
                send("DELETE", me, "{\"reason\":\"BORED\",\"requestedBy\":\"DATA_SUBJECT\"}", JSON, 400),
                send("DELETE", me, "{\"reason\":null}", JSON, 400),
                send("DELETE", me, null, null, 415),
                send(
                        "DELETE",
                        "/api/users/" + LONG_ID,
                        "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}",
                        JSON,
                        400),
                send(
                        "POST",
                        "/api/erasures/" + USER + "/confirmations",
                        "{\"tool\":\"bill\\u0000ing\",\"deletionEventId\":\"" + UNKNOWN + "\"}",
                        JSON,
                        400),
                send(
                        "POST",
                        "/api/erasures/" + USER + "/confirmations",
                        "{\"tool\":\"billing\",\"deletionEventId\":7}",
                        JSON,
                        400),
                send(
                        "POST",
                        "/api/erasures/not-a-uuid/confirmations",
                        "{\"tool\":\"billing\",\"deletionEventId\":\"" + UNKNOWN + "\"}",
                        JSON,
                        400),
                // Unknown paths and methods, the error page itself, bad headers
                get("/api/nothing-here", 404),
                get("/nothing-here", 404),
                get("/error", 404),
                send("DELETE", users, null, null, 405),
                send("PUT", "/api/erasures", "{}", JSON, 405),
                get(users, 400, "X-Correlation-Id", "bad id with spaces"),
                get(users, 400, "X-Padding", "x".repeat(64 * 1024))));
        return cases;
    }

    static Case get(String path, int status, String... headers) {
        return new Case("GET", path, null, null, status, headers);
    }

    static Case send(String method, String path, String body, String contentType, int status, String... headers) {
        return new Case(method, path, body, contentType, status, headers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputIsA4xxProblemDetailAndChangesNothing(Case bad) {
        String path = bad.path().replace(USER, user);
        long eventsBefore = eventCount();

        Http.Response response = request(bad, path);

        assertThat(response.status()).as(bad + ": " + response.body()).isEqualTo(bad.status());
        assertProblemDetail(response, bad.status());
        assertThat(eventCount()).as("events after " + bad).isEqualTo(eventsBefore);
    }

    @TestFactory
    Stream<DynamicContainer> everyOperationAnswersWhatAFuzzerDerivesFromItsDocumentWithoutA5xx() {
        ContractFuzzer fuzzer = fuzzer();
        return fuzzer.hostileRequests().entrySet().stream()
                .map(operation -> dynamicContainer(
                        operation.getKey(),
                        operation.getValue().stream()
                                .map(probe -> dynamicTest(probe.toString(), () -> {
                                    long eventsBefore = eventCount();

                                    fuzzer.sendAndCheck(probe);

                                    if (probe.expect() == ContractFuzzer.Expect.REFUSED) {
                                        assertThat(eventCount())
                                                .as("events after " + probe)
                                                .isEqualTo(eventsBefore);
                                    }
                                }))));
    }

    @Smoke
    @TestFactory
    Stream<DynamicTest> everyOperationAsEveryDevAccountIsRefusedUnlessTheAccountHasItsRole() {
        ContractFuzzer fuzzer = fuzzer();
        return fuzzer.roleMatrix().stream()
                .map(probe -> dynamicTest(probe.toString(), () -> fuzzer.sendAndCheck(probe)));
    }

    ContractFuzzer fuzzer() {
        return new ContractFuzzer(
                "http://localhost:" + port, "dev-defaults/user-command.yml", Map.of("id", fuzzed, "userId", fuzzed));
    }

    @Smoke
    @Test
    void aDisplayNameWithANulCharacterIsRefusedAndNothingIsStored() {
        long events = eventCount();

        Http.Response refused =
                http().post("/api/users", registration("nul-" + UUID.randomUUID() + "@example.com", "Ada\\u0000"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("displayName");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theNfcAndNfdFormsOfAnAddressAreOneAddress() {
        String local = "jos\u00e9-" + UUID.randomUUID();
        String nfc = local + "@example.com";
        String nfd = java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFD) + "@example.com";
        assertThat(nfd).isNotEqualTo(nfc);
        String id = register(nfc);

        Http.Response second = http().post("/api/users", registration(nfd, "Jos\u00e9"));

        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertProblemDetail(second, 409);
        String other = register("other-" + UUID.randomUUID() + "@example.com");
        Http.Response change = http().patch("/api/users/" + other, "{\"email\":\"" + nfd + "\"}");
        assertThat(change.status()).as(change.body()).isEqualTo(409);
        assertThat(http().get("/api/users/" + id).json().get("email").asText()).isEqualTo(nfc);
    }

    @Test
    void anAddressSentInNfdIsStoredInNfc() {
        String local = "zo\u00eb-" + UUID.randomUUID();
        String nfd = java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFD) + "@example.com";

        String id = register(nfd);

        assertThat(http().get("/api/users/" + id).json().get("email").asText()).isEqualTo(local + "@example.com");
    }

    Http.Response request(Case bad, String path) {
        if (bad.path().startsWith("/api/erasures/") && bad.method().equals("POST")) {
            return new Http("http://localhost:" + port)
                    .as("tool-billing", "dev-tool-billing")
                    .send(bad.method(), path, bad.body(), bad.contentType(), bad.headers());
        }
        if (bad.body() != null && bad.body().length() > 1_000_000) {
            return raw(bad, path);
        }
        return http().send(bad.method(), path, bad.body(), bad.contentType(), bad.headers());
    }

    /** A huge body, as the admin who may post it, on a connection of its own (the service closes it after refusing). */
    Http.Response raw(Case bad, String path) {
        try {
            String credentials = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:dev-admin".getBytes());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", credentials)
                    .method(
                            bad.method(),
                            bad.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(bad.body()));
            if (bad.contentType() != null) {
                request.header("Content-Type", bad.contentType());
            }
            HttpResponse<String> answer =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            Http.Response response =
                    new Http.Response(answer.statusCode(), answer.headers().map(), answer.body());
            ApiContract.check(
                    "http://localhost:" + port,
                    bad.method(),
                    path,
                    bad.contentType(),
                    bad.body(),
                    Map.of("Authorization", List.of(credentials)),
                    response);
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void assertProblemDetail(Http.Response response, int status) {
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title")).isNotNull();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.springframework", "java.", "<html");
    }

    long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }
}
