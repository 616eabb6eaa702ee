package com.example.usersync.command;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.TestIssuer;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With an issuer configured, the user service believes only tokens of that issuer, for its own
 * audience, that expire, and takes roles only from the namespaced roles claim; basic auth is left
 * to the named service accounts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrictJwtTest {

    static final TestIssuer ISSUER = new TestIssuer();
    static final String AUDIENCE = "user-sync-test";
    static final String ROLES = "https://user-sync/roles";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:user-command-strict-jwt;DB_CLOSE_DELAY=-1");
        registry.add(
                "user-sync.erasure-journal.datasource.url",
                () -> "jdbc:h2:mem:user-command-strict-jwt-journal;DB_CLOSE_DELAY=-1");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::uri);
        registry.add("user-sync.security.jwt.audience", () -> AUDIENCE);
        registry.add("user-sync.security.basic.allowed-accounts", () -> "tool-service");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aTokenOfTheIssuerForThisAudienceWithTheNamespacedRoleIsAccepted() {
        assertThat(erasures(ISSUER.sign(auditor().build())).status()).isEqualTo(200);
    }

    @Test
    void aForgedSignatureIsRejected() {
        assertThat(erasures(ISSUER.forge(auditor().build())).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRejected() {
        Http.Response response = erasures(ISSUER.sign(auditor()
                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .build()));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutExpiryIsRejected() {
        assertThat(erasures(ISSUER.sign(auditor().expirationTime(null).build())).status())
                .isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        assertThat(erasures(ISSUER.sign(auditor().audience("another-service").build()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aTokenWithoutAudienceIsRejected() {
        assertThat(erasures(ISSUER.sign(auditor().audience((String) null).build()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherIssuerIsRejected() {
        assertThat(erasures(ISSUER.sign(
                                auditor().issuer("https://elsewhere.example").build()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void rolesInTheGenericRolesClaimGrantNothing() {
        JWTClaimsSet generic = ISSUER.claims()
                .audience(AUDIENCE)
                .claim("roles", List.of("AUDITOR"))
                .build();
        assertThat(erasures(ISSUER.sign(generic)).status()).isEqualTo(403);
    }

    @Test
    void basicAuthIsRefusedExceptForTheNamedServiceAccounts() {
        Http http = new Http("http://localhost:" + port);
        assertThat(http.as("auditor", "dev-auditor").get("/api/erasures").status())
                .isEqualTo(401);
        assertThat(http.as("admin", "dev-admin").get("/api/users").status()).isEqualTo(401);
        assertThat(http.as("tool-service", "dev-tool-service").get("/api/users").status())
                .isEqualTo(200);
    }

    @Test
    void anIssuerWithoutAnAudienceStopsTheStart() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://issuer.example");
        assertThatThrownBy(() -> new com.example.usersync.platform.security.JwtPolicy(null, "tool")
                        .requireAudienceWithIssuer(environment))
                .hasMessageContaining("USER_SYNC_SECURITY_JWT_AUDIENCE");
    }

    private JWTClaimsSet.Builder auditor() {
        return ISSUER.claims(AUDIENCE, ROLES, List.of("AUDITOR"));
    }

    private Http.Response erasures(String token) {
        return new Http("http://localhost:" + port).get("/api/erasures", "Authorization", "Bearer " + token);
    }
}
