package com.example.usersync.command;

import com.example.usersync.testing.Http;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.TestPropertySource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With a JWT issuer configured, bearer tokens authenticate and their roles claim authorizes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-jwt;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-jwt-journal;DB_CLOSE_DELAY=-1"
        })
class JwtAuthenticationTest {

    static final KeyPair KEYS = rsaKeys();

    /** Stands in for the issuer's JWK set, which production configures by issuer URI. */
    @TestConfiguration
    static class Issuer {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                    .build();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void aBearerTokenWithTheRightRoleIsAcceptedAndAnOpaquePseudonymOfItsSubjectBecomesTheActor() {
        String subject = "jane.doe-" + UUID.randomUUID() + "@corp.example";
        Http.Response created = send(
                "POST",
                "/api/users",
                token(subject, List.of("USER_ADMIN")),
                "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"displayName\":\"Jay\",\"locale\":\"en\"}");
        Http.Response other = send(
                "POST",
                "/api/users",
                token("svc-" + UUID.randomUUID(), List.of("USER_ADMIN")),
                "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"displayName\":\"Kay\",\"locale\":\"en\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String actor = actorOfFirstEvent(id);
        Http.Response changed =
                send("PATCH", "/api/users/" + id, token(subject, List.of("USER_ADMIN")), "{\"displayName\":\"Jo\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        Http.Response history =
                send("GET", "/api/users/" + id + "/events", token("auditor-1", List.of("AUDITOR")), null);

        // The subject (here an email) is never recorded; the same caller always gets the same pseudonym.
        assertThat(actor)
                .matches("jwt:[A-Za-z0-9_-]{22}")
                .doesNotContain(subject)
                .doesNotContain("jane.doe");
        assertThat(history.body()).doesNotContain(subject);
        assertThat(history.json().get(1).get("metadata").get("actor").asText()).isEqualTo(actor);
        assertThat(actorOfFirstEvent(other.json().get("id").asText()))
                .startsWith("jwt:")
                .isNotEqualTo(actor);
    }

    private String actorOfFirstEvent(String userId) {
        Http.Response history =
                send("GET", "/api/users/" + userId + "/events", token("auditor-1", List.of("AUDITOR")), null);
        return history.json().get(0).get("metadata").get("actor").asText();
    }

    @Test
    void aBearerTokenWithoutTheRoleIsForbiddenAndAForgedOneIsRejected() {
        assertThat(send("POST", "/api/users", token("reader", List.of("AUDITOR")), "{}")
                        .status())
                .isEqualTo(403);
        assertThat(send("GET", "/api/erasures", "not-a-jwt", null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/erasures", token(rsaKeys(), "auditor", List.of("AUDITOR")), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aBearerTokenConfirmsOnlyTheErasuresOfTheToolItsToolClaimNames() {
        String admin = token("svc-admin", List.of("USER_ADMIN"));
        String id = send(
                        "POST",
                        "/api/users",
                        admin,
                        "{\"email\":\"" + UUID.randomUUID()
                                + "@example.com\",\"displayName\":\"Jay\",\"locale\":\"en\"}")
                .json()
                .get("id")
                .asText();
        send(
                "DELETE",
                "/api/users/" + id,
                admin,
                "{\"reason\":\"ACCOUNT_CLOSED\",\"requestedBy\":\"CUSTOMER_SUPPORT\"}");
        String deletionEventId = send(
                        "GET", "/api/users/" + id + "/events", token("auditor-1", List.of("AUDITOR")), null)
                .json()
                .get(1)
                .get("eventId")
                .asText();
        String mailing = token("svc-mailing", List.of("TOOL_SERVICE"), "mailing");

        Http.Response forged = send(
                "POST",
                "/api/erasures/" + id + "/confirmations",
                mailing,
                "{\"tool\":\"billing\",\"deletionEventId\":\"" + deletionEventId + "\"}");
        Http.Response noTool = send(
                "POST",
                "/api/erasures/" + id + "/confirmations",
                token("svc-tools", List.of("TOOL_SERVICE")),
                "{\"tool\":\"mailing\",\"deletionEventId\":\"" + deletionEventId + "\"}");
        Http.Response own = send(
                "POST",
                "/api/erasures/" + id + "/confirmations",
                mailing,
                "{\"tool\":\"mailing\",\"deletionEventId\":\"" + deletionEventId + "\"}");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(noTool.status()).isEqualTo(403);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
    }

    private Http.Response send(String method, String path, String bearer, String body) {
        return new Http("http://localhost:" + port)
                .send(method, path, body, "application/json", "Authorization", "Bearer " + bearer);
    }

    private static String token(String subject, List<String> roles) {
        return token(KEYS, subject, roles, null);
    }

    private static String token(String subject, List<String> roles, String tool) {
        return token(KEYS, subject, roles, tool);
    }

    private static String token(KeyPair keys, String subject, List<String> roles) {
        return token(keys, subject, roles, null);
    }

    private static String token(KeyPair keys, String subject, List<String> roles, String tool) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.RS256),
                    new JWTClaimsSet.Builder()
                            .subject(subject)
                            .claim("https://user-sync/roles", roles)
                            .claim("tool", tool)
                            .issueTime(new Date())
                            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                            .build());
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
