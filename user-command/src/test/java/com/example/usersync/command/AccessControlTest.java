package com.example.usersync.command;

import com.example.usersync.testing.Http;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the user service, called by every role, by nobody, and with a wrong password. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-access;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-access-journal;DB_CLOSE_DELAY=-1",
            // No projection service runs here: exports report the tools as unavailable, quickly.
            "user-sync.projection-service.url=http://localhost:9",
            // Every endpoint is tried with a wrong password: more failures than the login throttle allows.
            "user-sync.security.login-throttle.account-failures=1000"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

    /** @param path built per call from a fresh user, so the allowed role's call can succeed */
    record Endpoint(String method, Function<Fixture, String> path, Function<Fixture, String> body, String allowedRole) {
        @Override
        public String toString() {
            return method + " " + path.apply(new Fixture("{id}", "{deleted}", "{deletionEventId}"));
        }
    }

    record Fixture(String userId, String deletedUserId, String deletionEventId) {}

    /** By role; TOOL_BILLING is billing's own account (role TOOL_SERVICE, tool billing). */
    static final Map<String, String> ACCOUNTS = Map.of(
            "USER_ADMIN", "admin:dev-admin",
            "AUDITOR", "auditor:dev-auditor",
            "OPERATOR", "operator:dev-operator",
            "TOOL_SERVICE", "tool-service:dev-tool-service",
            "TOOL_BILLING", "tool-billing:dev-tool-billing");

    static final String REGISTRATION = "{\"email\":\"%s@example.com\",\"displayName\":\"Access\",\"locale\":\"en\"}";

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", f -> "/api/users", f -> REGISTRATION.formatted(UUID.randomUUID()), "USER_ADMIN"),
                new Endpoint("GET", f -> "/api/users/" + f.userId(), f -> null, "USER_ADMIN"),
                new Endpoint(
                        "PATCH", f -> "/api/users/" + f.userId(), f -> "{\"displayName\":\"Changed\"}", "USER_ADMIN"),
                new Endpoint(
                        "PUT",
                        f -> "/api/users/" + f.userId() + "/access",
                        f -> "{\"plan\":\"TEAM\",\"tools\":[]}",
                        "USER_ADMIN"),
                new Endpoint(
                        "DELETE",
                        f -> "/api/users/" + f.userId(),
                        f -> "{\"reason\":\"ACCOUNT_CLOSED\",\"requestedBy\":\"CUSTOMER_SUPPORT\"}",
                        "USER_ADMIN"),
                new Endpoint("GET", f -> "/api/users/" + f.userId() + "/events", f -> null, "AUDITOR"),
                new Endpoint("GET", f -> "/api/users/" + f.userId() + "/export", f -> null, "AUDITOR"),
                new Endpoint("POST", f -> "/api/users/" + f.userId() + "/exports", f -> null, "AUDITOR"),
                new Endpoint("GET", f -> "/api/erasures", f -> null, "AUDITOR"),
                new Endpoint("GET", f -> "/api/erasures/" + f.deletedUserId(), f -> null, "AUDITOR"),
                new Endpoint("GET", f -> "/api/access-log", f -> null, "AUDITOR"),
                new Endpoint(
                        "POST",
                        f -> "/api/erasures/" + f.deletedUserId() + "/confirmations",
                        f -> "{\"tool\":\"billing\",\"deletionEventId\":\"" + f.deletionEventId() + "\"}",
                        "TOOL_BILLING"),
                new Endpoint("GET", f -> "/actuator/prometheus", f -> null, "OPERATOR"),
                new Endpoint("POST", f -> "/api/admin/snapshot-runs", f -> null, "OPERATOR"),
                new Endpoint("GET", f -> "/api/admin/snapshot-runs", f -> null, "OPERATOR|TOOL_SERVICE|TOOL_BILLING"),
                new Endpoint("POST", f -> "/api/admin/erasures/reapply", f -> null, "OPERATOR"));
    }

    static Stream<Arguments> endpointsAndCallers() {
        return endpoints().stream()
                .flatMap(endpoint -> Stream.concat(
                        ACCOUNTS.keySet().stream().sorted().map(role -> Arguments.of(endpoint, role)),
                        Stream.of(Arguments.of(endpoint, "anonymous"), Arguments.of(endpoint, "wrong-password"))));
    }

    @LocalServerPort
    int port;

    Http as(String caller) {
        Http anonymous = new Http("http://localhost:" + port);
        return switch (caller) {
            case "anonymous" -> anonymous;
            case "wrong-password" -> anonymous.as("admin", "not-the-password");
            default ->
                anonymous.as(
                        ACCOUNTS.get(caller).split(":")[0], ACCOUNTS.get(caller).split(":")[1]);
        };
    }

    Fixture fixture() {
        Http admin = as("USER_ADMIN");
        String user = admin.post("/api/users", REGISTRATION.formatted(UUID.randomUUID()))
                .json()
                .get("id")
                .asText();
        String deleted = admin.post("/api/users", REGISTRATION.formatted(UUID.randomUUID()))
                .json()
                .get("id")
                .asText();
        admin.delete("/api/users/" + deleted, "{\"reason\":\"ACCOUNT_CLOSED\",\"requestedBy\":\"CUSTOMER_SUPPORT\"}");
        String deletionEventId = as("AUDITOR")
                .get("/api/users/" + deleted + "/events")
                .json()
                .get(1)
                .get("eventId")
                .asText();
        return new Fixture(user, deleted, deletionEventId);
    }

    Fixture shared;

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsAndCallers")
    void onlyTheRightRoleGetsThrough(Endpoint endpoint, String caller) {
        if (shared == null) {
            shared = fixture();
        }
        // A successful delete uses its user up; everything else can share one.
        Fixture fixture = endpoint.method().equals("DELETE") ? fixture() : shared;

        Http.Response response = as(caller)
                .send(
                        endpoint.method(),
                        endpoint.path().apply(fixture),
                        endpoint.body().apply(fixture),
                        "application/json");

        if (Set.of("anonymous", "wrong-password").contains(caller)) {
            assertThat(response.status()).isEqualTo(401);
        } else if (Set.of(endpoint.allowedRole().split("\\|")).contains(caller)) {
            assertThat(response.status()).as(response.body()).isBetween(200, 299);
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
        return Stream.of("anonymous", "USER_ADMIN", "AUDITOR", "OPERATOR", "TOOL_SERVICE", "TOOL_BILLING");
    }

    /** Clients and gateways fetch it to generate code and route: it names roles, not data. */
    @ParameterizedTest(name = "API description as {0}")
    @MethodSource("callers")
    void theApiDescriptionIsOpenToEveryone(String caller) {
        assertThat(as(caller).get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(as(caller).get("/v3/api-docs.yaml").status()).isEqualTo(200);
    }
}
