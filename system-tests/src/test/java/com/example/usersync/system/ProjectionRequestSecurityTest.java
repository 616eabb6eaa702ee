package com.example.usersync.system;

import com.example.usersync.events.privacy.ActorPseudonyms;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.TestIssuer;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool-sync service with an issuer configured: strict JWTs, basic auth only for the named
 * service account, failed logins throttled, and state changes a browser could forge refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionRequestSecurityTest {

    static final String AUDIENCE = "user-sync-tools-test";
    static final String ROLES = "https://user-sync/roles";

    TestIssuer issuer;
    SyncSystem system;
    ConfigurableApplicationContext projection;

    @BeforeAll
    void start() {
        issuer = new TestIssuer();
        String name = UUID.randomUUID().toString().substring(0, 8);
        system = new SyncSystem(new SyncSystem.Databases(
                "jdbc:h2:mem:security-events-" + name + ";DB_CLOSE_DELAY=-1",
                "jdbc:h2:mem:security-tools-" + name + ";DB_CLOSE_DELAY=-1",
                "sa",
                ""));
        projection = system.startProjection(Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                issuer.uri(),
                "user-sync.security.jwt.audience",
                AUDIENCE,
                "user-sync.security.basic.allowed-accounts",
                "operator",
                "server.forward-headers-strategy",
                "native"));
    }

    @AfterAll
    void stopSystem() {
        system.close();
        issuer.close();
    }

    @Test
    void onlyUnexpiredTokensOfTheIssuerForThisAudienceAreBelieved() {
        assertThat(tools(issuer.sign(auditor().build())).status()).isEqualTo(200);

        assertThat(tools(issuer.forge(auditor().build())).status()).as("forged").isEqualTo(401);
        assertThat(tools(issuer.sign(auditor()
                                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                                .build()))
                        .status())
                .as("expired")
                .isEqualTo(401);
        assertThat(tools(issuer.sign(auditor().expirationTime(null).build())).status())
                .as("no exp")
                .isEqualTo(401);
        assertThat(tools(issuer.sign(auditor().audience("another-service").build()))
                        .status())
                .as("wrong aud")
                .isEqualTo(401);
        assertThat(tools(issuer.sign(auditor().audience((String) null).build())).status())
                .as("no aud")
                .isEqualTo(401);
    }

    @Test
    void theAccessLogRecordsAJwtCallerAsThePseudonymTheUserServiceRecords() {
        UUID subject = UUID.randomUUID();
        String token = issuer.sign(auditor().subject("jane.doe@corp.example").build());
        Http http = new Http(SyncSystem.baseUrl(projection));
        assertThat(http.get("/api/tools/billing/users/" + subject, "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(404);

        String log = http.get("/api/access-log?userId=" + subject, "Authorization", "Bearer " + token)
                .body();

        String pseudonym = new ActorPseudonyms(projection.getEnvironment().getProperty("user-sync.master-key"))
                .ofJwt(issuer.uri(), "jane.doe@corp.example");
        assertThat(pseudonym).matches("jwt:[A-Za-z0-9_-]{22}");
        assertThat(log)
                .contains("\"actor\":\"" + pseudonym + "\"")
                .doesNotContain("jane")
                .doesNotContain("corp.example");
    }

    @Test
    void rolesInTheGenericRolesClaimGrantNothing() {
        JWTClaimsSet generic = issuer.claims()
                .audience(AUDIENCE)
                .claim("roles", List.of("AUDITOR"))
                .build();
        assertThat(tools(issuer.sign(generic)).status()).isEqualTo(403);
    }

    @Test
    void basicAuthIsRefusedExceptForTheNamedServiceAccount() {
        Http http = new Http(SyncSystem.baseUrl(projection));
        assertThat(http.as("auditor", "dev-auditor")
                        .get("/api/tools", "X-Forwarded-For", "198.51.100.1")
                        .status())
                .isEqualTo(401);
        assertThat(http.as("operator", "dev-operator")
                        .get("/api/tools", "X-Forwarded-For", "198.51.100.1")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void failedLoginsAreThrottledWithRetryAfter() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(new Http(SyncSystem.baseUrl(projection))
                    .as("intruder", "guess-" + i)
                    .get("/api/tools", "X-Forwarded-For", "198.51.100.2")
                    .status());
        }
        Http.Response throttled = new Http(SyncSystem.baseUrl(projection))
                .as("intruder", "guess")
                .get("/api/tools", "X-Forwarded-For", "198.51.100.3");

        assertThat(statuses.stream().filter(s -> s == 401)).hasSize(10);
        assertThat(statuses.stream().filter(s -> s == 429)).hasSize(20);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(throttled.header("Retry-After")).matches("[1-9][0-9]*");
    }

    @Test
    void aBodylessAdminPostNeedsTheHeaderAndIsRefusedFromAnotherSite() {
        Http operator = new Http(SyncSystem.baseUrl(projection)).as("operator", "dev-operator");
        String stop = "/api/admin/processors/analytics/stop";
        String[] from = {"X-Forwarded-For", "198.51.100.4"};

        Http.Response bare = operator.asBrowser().post(stop, null, from);
        Http.Response crossSite =
                operator.post(stop, null, "X-Forwarded-For", "198.51.100.4", "Origin", "https://evil.example");
        Http.Response secFetch =
                operator.post(stop, null, "X-Forwarded-For", "198.51.100.4", "Sec-Fetch-Site", "cross-site");
        String state = SyncSystem.http(projection)
                .get("/api/admin/processors/analytics")
                .body();

        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.body()).contains("urn:user-sync:problem:missing-request-header");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.body()).contains("urn:user-sync:problem:cross-site-request");
        assertThat(secFetch.status()).isEqualTo(403);
        assertThat(crossSite.header("Content-Type")).startsWith("application/problem+json");
        assertThat(state).contains("\"runningHere\":true");

        Http.Response withHeader = operator.post(stop, null, from);
        assertThat(withHeader.status()).as(withHeader.body()).isBetween(200, 299);
        assertThat(operator.post("/api/admin/processors/analytics/start", null).status())
                .isBetween(200, 299);
    }

    private JWTClaimsSet.Builder auditor() {
        return issuer.claims(AUDIENCE, ROLES, List.of("AUDITOR"));
    }

    private Http.Response tools(String token) {
        return new Http(SyncSystem.baseUrl(projection)).get("/api/tools", "Authorization", "Bearer " + token);
    }
}
