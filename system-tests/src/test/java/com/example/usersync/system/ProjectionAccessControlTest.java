package com.example.usersync.system;

import com.example.usersync.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the tool-sync service, called by every role, by nobody, and with a wrong password. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionAccessControlTest {

    record Endpoint(String method, String path, String body, Set<String> allowedRoles) {
        @Override
        public String toString() {
            return method + " " + path.replace(USER, "{id}");
        }
    }

    static final String USER = UUID.randomUUID().toString();
    static final Map<String, String> ACCOUNTS = Map.of(
            "OPERATOR", "operator:dev-operator",
            "AUDITOR", "auditor:dev-auditor");

    static List<Endpoint> endpoints() {
        Set<String> readers = Set.of("OPERATOR", "AUDITOR");
        Set<String> operator = Set.of("OPERATOR");
        return List.of(
                new Endpoint("GET", "/api/tools", null, readers),
                new Endpoint("GET", "/api/tools/mailing/users", null, readers),
                new Endpoint("GET", "/api/tools/mailing/users/" + USER, null, readers),
                new Endpoint("GET", "/api/access-log", null, Set.of("AUDITOR")),
                new Endpoint("GET", "/api/admin/processors", null, operator),
                new Endpoint("GET", "/api/admin/processors/analytics", null, operator),
                new Endpoint("POST", "/api/admin/processors/analytics/start", null, operator),
                new Endpoint("POST", "/api/admin/processors/analytics/reset", "{\"from\":\"start\"}", operator),
                new Endpoint("GET", "/api/admin/processors/analytics/dead-letters", null, operator),
                new Endpoint("POST", "/api/admin/processors/analytics/dead-letters/" + USER + "/retry", null, operator),
                new Endpoint("DELETE", "/api/admin/processors/analytics/dead-letters/" + USER, null, operator),
                new Endpoint("GET", "/actuator/prometheus", null, operator),
                new Endpoint("POST", "/api/admin/reconciliations", "{\"tool\":\"analytics\"}", operator),
                new Endpoint("GET", "/api/admin/reconciliations", null, operator),
                new Endpoint("GET", "/api/admin/receipts?state=parked", null, operator),
                new Endpoint("POST", "/api/admin/receipts/mailing/" + USER + "/retry", null, operator));
    }

    static Stream<Arguments> endpointsAndCallers() {
        return endpoints().stream()
                .flatMap(endpoint -> Stream.of("OPERATOR", "AUDITOR", "anonymous", "wrong-password")
                        .map(caller -> Arguments.of(endpoint, caller)));
    }

    SyncSystem system;
    ConfigurableApplicationContext projection;

    @BeforeAll
    void start() {
        String name = UUID.randomUUID().toString().substring(0, 8);
        system = new SyncSystem(new SyncSystem.Databases(
                "jdbc:h2:mem:access-events-" + name + ";DB_CLOSE_DELAY=-1",
                "jdbc:h2:mem:access-tools-" + name + ";DB_CLOSE_DELAY=-1",
                "sa",
                ""));
        projection = system.startProjection(Map.of(
                "management.prometheus.metrics.export.enabled",
                "true",
                // Every endpoint is tried with a wrong password: more failures than the login throttle allows.
                "user-sync.security.login-throttle.account-failures",
                "1000"));
    }

    @AfterAll
    void stop() {
        system.close();
    }

    Http as(String caller) {
        Http anonymous = new Http(SyncSystem.baseUrl(projection));
        return switch (caller) {
            case "anonymous" -> anonymous;
            case "wrong-password" -> anonymous.as("operator", "not-the-password");
            default ->
                anonymous.as(
                        ACCOUNTS.get(caller).split(":")[0], ACCOUNTS.get(caller).split(":")[1]);
        };
    }

    /** Allowed callers may still meet a 404 (no such user or dead letter), never 401 or 403. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsAndCallers")
    void onlyTheRightRoleGetsThrough(Endpoint endpoint, String caller) {
        Http.Response response =
                as(caller).send(endpoint.method(), endpoint.path(), endpoint.body(), "application/json");

        if (Set.of("anonymous", "wrong-password").contains(caller)) {
            assertThat(response.status()).isEqualTo(401);
        } else if (endpoint.allowedRoles().contains(caller)) {
            assertThat(response.status()).as(response.body()).isIn(200, 202, 404);
        } else {
            assertThat(response.status()).isEqualTo(403);
        }
    }

    @ParameterizedTest(name = "health as {0}")
    @MethodSource("callers")
    void healthIsOpenToEveryone(String caller) {
        assertThat(as(caller).get("/actuator/health").status()).isEqualTo(200);
    }

    static Stream<String> callers() {
        return Stream.of("anonymous", "OPERATOR", "AUDITOR");
    }
}
