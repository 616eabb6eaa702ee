package com.example.usersync.system;

import com.example.usersync.testing.ContractFuzzer;
import com.example.usersync.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every endpoint of the tool-sync service, fed what a careless or hostile client sends: unknown
 * tools and processors, malformed and unknown ids, bad paging, control characters, malformed JSON,
 * wrong types and media types, oversized bodies and headers. Each answer is a 4xx problem detail
 * without a stack trace, and nothing changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ProjectionBadInputBatteryTest {

    record Case(String method, String path, String body, String contentType, int status, String... headers) {
        @Override
        public String toString() {
            String content = body == null
                    ? ""
                    : " " + (body.length() > 60 ? body.substring(0, 60) + "…(" + body.length() + ")" : body);
            return method + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path)
                    + content.replace("\u0000", "\\0") + " → " + status;
        }
    }

    static final String UNKNOWN = UUID.randomUUID().toString();
    static final String JSON = "application/json";
    static final String PROCESSORS = "/api/admin/processors";

    SyncSystem system;
    ConfigurableApplicationContext projection;
    Http http;

    /** H2 here; {@link ProjectionBadInputBatteryPostgresTest} runs the same battery on PostgreSQL. */
    SyncSystem.Databases databases() {
        String name = UUID.randomUUID().toString().substring(0, 8);
        return new SyncSystem.Databases(
                "jdbc:h2:mem:battery-events-" + name + ";DB_CLOSE_DELAY=-1",
                "jdbc:h2:mem:battery-tools-" + name + ";DB_CLOSE_DELAY=-1",
                "sa",
                "");
    }

    @BeforeAll
    void start() {
        system = new SyncSystem(databases());
        // DispatcherServlet logs each request at DEBUG, on the request's thread: the log context must show its
        // correlation id.
        projection = system.startProjection(
                Map.of("logging.level.org.springframework.web.servlet.DispatcherServlet", "DEBUG"));
        http = SyncSystem.http(projection);
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    static List<Case> cases() {
        return List.of(
                // Unknown tools and processors, malformed and unknown ids
                get("/api/tools/nope/users", 404),
                get("/api/tools/nope/users/" + UNKNOWN, 404),
                get("/api/tools/mailing/users/not-a-uuid", 400),
                get("/api/tools/mailing/users/" + "a".repeat(4000), 400),
                get("/api/tools/mailing/users/" + UNKNOWN, 404),
                get("/api/tools/%00/users", 400),
                get(PROCESSORS + "/nope", 404),
                get(PROCESSORS + "/nope/dead-letters", 404),
                send("POST", PROCESSORS + "/nope/stop", null, null, 404),
                send("POST", PROCESSORS + "/nope/start", null, null, 404),
                send("POST", PROCESSORS + "/nope/realign", null, null, 404),
                send("POST", PROCESSORS + "/nope/reset", "{\"from\":\"start\"}", JSON, 404),
                send("POST", PROCESSORS + "/nope/dead-letters/" + UNKNOWN + "/retry", null, null, 404),
                send("DELETE", PROCESSORS + "/nope/dead-letters/" + UNKNOWN, null, null, 404),
                send("POST", PROCESSORS + "/analytics/dead-letters/not-a-uuid/retry", null, null, 400),
                send("DELETE", PROCESSORS + "/analytics/dead-letters/not-a-uuid", null, null, 400),
                send("POST", PROCESSORS + "/analytics/dead-letters/" + UNKNOWN + "/retry", null, null, 404),
                send("POST", "/api/admin/receipts/mailing/not-a-uuid/retry", null, null, 400),
                send("POST", "/api/admin/receipts/mailing/" + UNKNOWN + "/retry", null, null, 404),
                send("POST", "/api/admin/receipts/nope/" + UNKNOWN + "/retry", null, null, 404),
                send("POST", "/api/admin/receipts/" + "t".repeat(4000) + "/" + UNKNOWN + "/retry", null, null, 404),
                get("/api/admin/reconciliations/runs/not-a-uuid", 400),
                get("/api/admin/reconciliations/runs/" + UNKNOWN, 404),
                // Dead letters of unknown processors, long and malformed names and ids
                get(PROCESSORS + "/" + "p".repeat(4000), 404),
                get(PROCESSORS + "/" + "p".repeat(4000) + "/dead-letters", 404),
                get(PROCESSORS + "/nope/dead-letters?limit=0", 400),
                get(PROCESSORS + "/analytics/dead-letters?cursor=not-a-cursor", 400),
                get(PROCESSORS + "/analytics/dead-letters?limit=0", 400),
                get(PROCESSORS + "/analytics/dead-letters?limit=100000", 400),
                get(PROCESSORS + "/analytics/dead-letters?limit=abc", 400),
                send(
                        "POST",
                        PROCESSORS + "/" + "p".repeat(4000) + "/dead-letters/" + UNKNOWN + "/retry",
                        null,
                        null,
                        404),
                send("DELETE", PROCESSORS + "/" + "p".repeat(4000) + "/dead-letters/" + UNKNOWN, null, null, 404),
                send("POST", PROCESSORS + "/nope/dead-letters/" + "1".repeat(4000) + "/retry", null, null, 400),
                send("DELETE", PROCESSORS + "/nope/dead-letters/" + "1".repeat(4000), null, null, 400),
                send("POST", PROCESSORS + "/analytics/dead-letters/" + "1".repeat(4000) + "/retry", null, null, 400),
                send("DELETE", PROCESSORS + "/analytics/dead-letters/" + "1".repeat(4000), null, null, 400),
                send("POST", PROCESSORS + "/analytics/dead-letters/1-2-3-4-5/retry", null, null, 404),
                send("DELETE", PROCESSORS + "/analytics/dead-letters/" + UNKNOWN, null, null, 404),
                // Paging bounds and query parameters that exist today
                get("/api/tools/mailing/users?page=-1", 400),
                get("/api/tools/mailing/users?size=0", 400),
                get("/api/tools/mailing/users?size=100000", 400),
                get("/api/tools/mailing/users?page=abc", 400),
                get("/api/tools/mailing/users?page=99999999999", 400),
                get("/api/tools/nope/users?page=-1", 400),
                get("/api/tools/nope/users?size=0", 400),
                get("/api/tools/nope/users?size=100000", 400),
                get("/api/tools/nope/users?page=abc", 400),
                get("/api/access-log?cursor=not-a-cursor", 400),
                get("/api/access-log?limit=abc", 400),
                get("/api/admin/receipts?state=bogus", 400),
                get("/api/admin/receipts?state=%00", 400),
                get("/api/admin/receipts?page=-1", 400),
                get("/api/admin/receipts?size=0", 400),
                get("/api/admin/receipts?size=100000", 400),
                get("/api/access-log?limit=0", 400),
                get("/api/access-log?limit=100000", 400),
                get("/api/access-log?userId=not-a-uuid", 400),
                // Bodies
                send("POST", PROCESSORS + "/analytics/reset", "{", JSON, 400),
                send("POST", PROCESSORS + "/analytics/reset", "", JSON, 400),
                send("POST", PROCESSORS + "/analytics/reset", "{\"from\":\"yesterday\"}", JSON, 400),
                send("POST", PROCESSORS + "/analytics/reset", "{\"from\":\"\\u0000\"}", JSON, 400),
                send("POST", PROCESSORS + "/analytics/reset", "{\"from\":5}", JSON, 400),
                send("POST", PROCESSORS + "/analytics/reset", "{\"from\":\"2999-01-01T00:00:00Z\"}", JSON, 400),
                send("POST", PROCESSORS + "/analytics/reset", "{\"from\":\"start\",\"force\":true}", JSON, 400),
                send("POST", PROCESSORS + "/analytics/reset", "{\"from\":\"start\"}", "text/plain", 415),
                send("POST", PROCESSORS + "/analytics/reset", "{\"from\":\"" + "s".repeat(100_000) + "\"}", JSON, 413),
                send("POST", "/api/admin/reconciliations", "{\"tool\":\"nope\"}", JSON, 404),
                send("POST", "/api/admin/reconciliations", "{\"tool\":\"\\u0000\"}", JSON, 404),
                send("POST", "/api/admin/reconciliations", "{\"tool\":5}", JSON, 400),
                send("POST", "/api/admin/reconciliations", "{\"tool\":[\"mailing\"]}", JSON, 400),
                send("POST", "/api/admin/reconciliations", "{\"everything\":true}", JSON, 400),
                send("POST", "/api/admin/reconciliations", "{", JSON, 400),
                send("POST", "/api/admin/reconciliations", "<tool/>", "application/xml", 415),
                // Unknown paths and methods, the error page itself, bad headers
                get("/api/nothing-here", 404),
                get("/nothing-here", 404),
                get("/error", 404),
                send("DELETE", "/api/tools", null, null, 405),
                send("PUT", "/api/admin/reconciliations", "{}", JSON, 405),
                get("/api/tools", 400, "X-Correlation-Id", "bad id with spaces"),
                get("/api/tools", 400, "X-Padding", "x".repeat(64 * 1024)));
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
        Map<String, Object> before = state();

        // Every endpoint but the access log is the operator's; unknown paths too, so they are not merely 401.
        Http client = bad.path().startsWith("/api/access-log")
                ? http
                : new Http(SyncSystem.baseUrl(projection)).as("operator", "dev-operator");
        Http.Response response = client.send(bad.method(), bad.path(), bad.body(), bad.contentType(), bad.headers());

        assertThat(response.status()).as(bad + ": " + response.body()).isEqualTo(bad.status());
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(bad.status());
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.springframework", "java.", "<html");
        assertThat(state()).as("state after " + bad).isEqualTo(before);
    }

    /**
     * Requests the document allows may start work in the background (a reset, a reconciliation), so
     * the state is not compared here: the cases above show that refusals change nothing.
     */
    @TestFactory
    Stream<DynamicContainer> everyOperationAnswersWhatAFuzzerDerivesFromItsDocumentWithoutA5xx() {
        ContractFuzzer fuzzer = fuzzer();
        return fuzzer.hostileRequests().entrySet().stream()
                .map(operation -> dynamicContainer(
                        operation.getKey(),
                        operation.getValue().stream()
                                .map(probe -> dynamicTest(probe.toString(), () -> fuzzer.sendAndCheck(probe)))));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAsEveryDevAccountIsRefusedUnlessTheAccountHasItsRole() {
        ContractFuzzer fuzzer = fuzzer();
        return fuzzer.roleMatrix().stream()
                .map(probe -> dynamicTest(probe.toString(), () -> fuzzer.sendAndCheck(probe)));
    }

    /** Requests at fault elsewhere name a tool and a processor that exist. */
    ContractFuzzer fuzzer() {
        return new ContractFuzzer(
                SyncSystem.baseUrl(projection),
                "dev-defaults/user-projection.yml",
                Map.of("tool", "mailing", "name", "analytics"));
    }

    @Test
    void aPageFarBeyondTheLastIsEmpty() {
        Http operator = new Http(SyncSystem.baseUrl(projection)).as("operator", "dev-operator");

        Http.Response users = operator.get("/api/tools/mailing/users?page=2147483647&size=500");
        Http.Response receipts = operator.get("/api/admin/receipts?state=all&page=2147483647&size=500");

        assertThat(users.status()).as(users.body()).isEqualTo(200);
        assertThat(users.json().get("items")).isEmpty();
        assertThat(receipts.status()).as(receipts.body()).isEqualTo(200);
        assertThat(receipts.json().get("items")).isEmpty();
    }

    @Test
    void theCorrelationIdIsEchoedAndInTheLogContext(CapturedOutput output) {
        String correlationId = "battery-" + UUID.randomUUID();

        Http.Response refused = http.send(
                "POST", PROCESSORS + "/nope/reset", "{\"from\":\"start\"}", JSON, "X-Correlation-Id", correlationId);
        Http.Response generated = http.get("/api/tools");

        assertThat(refused.header("X-Correlation-Id")).isEqualTo(correlationId);
        assertThat(generated.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
        assertThat(output.getAll())
                .contains("[" + correlationId + "]")
                .contains("[" + generated.header("X-Correlation-Id") + "]");
    }

    /** What a bad request must not change: the tools' rows, tokens, receipts, dead letters and processors. */
    Map<String, Object> state() {
        JdbcTemplate tools = SyncSystem.toolsDb(projection);
        return Map.of(
                "rows",
                        tools.queryForList(
                                "SELECT (SELECT COUNT(*) FROM billing_account) + (SELECT COUNT(*) FROM mailing_contact)"
                                        + " + (SELECT COUNT(*) FROM analytics_user) + (SELECT COUNT(*) FROM erasure_receipt)"
                                        + " + (SELECT COUNT(*) FROM dead_letter_entry) + (SELECT COUNT(*) FROM reconciliation) AS n"),
                "tokens",
                        tools.query(
                                "SELECT processor_name, segment, token FROM token_entry ORDER BY processor_name, segment",
                                (rs, row) -> rs.getString(1) + "/" + rs.getInt(2) + "/"
                                        + java.util.Arrays.toString(rs.getBytes(3))),
                "processors",
                        http.get(PROCESSORS).json().findValues("runningHere").toString());
    }
}
