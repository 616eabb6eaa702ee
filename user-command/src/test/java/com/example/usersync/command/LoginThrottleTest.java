package com.example.usersync.command;

import com.example.usersync.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed basic-auth logins are throttled per account and per client address with the default limits:
 * after them a login is answered 429 with Retry-After without its password being checked, while
 * successful logins take nothing. Each test calls from its own address (X-Forwarded-For, believed
 * from the loopback proxy as in a deployment behind a reverse proxy).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-request-security;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-request-security-journal;DB_CLOSE_DELAY=-1",
            "server.forward-headers-strategy=native"
        })
class LoginThrottleTest {

    @LocalServerPort
    int port;

    @Test
    void aHundredWrongPasswordsAreNotAllCheckedAndTheRestAreToldWhenToRetry() {
        String address = address();
        List<Http.Response> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            responses.add(http().as("auditor", "guess-" + i).get("/api/erasures", "X-Forwarded-For", address));
        }

        // 10 failures, and one more if the bucket refilled a token while they ran (one per minute).
        assertThat(responses.stream().filter(r -> r.status() == 401).count()).isBetween(10L, 11L);
        List<Http.Response> throttled =
                responses.stream().filter(r -> r.status() == 429).toList();
        assertThat(throttled).hasSizeGreaterThanOrEqualTo(89);
        assertThat(throttled.get(0).header("Content-Type")).startsWith("application/problem+json");
        assertThat(throttled.get(0).json().get("type").asText())
                .isEqualTo("urn:user-sync:problem:too-many-failed-logins");
        assertThat(Long.parseLong(throttled.get(0).header("Retry-After"))).isBetween(1L, 600L);
        // The throttled account waits, even with the right password; another account from the same address does not.
        assertThat(http().as("auditor", "dev-auditor")
                        .get("/api/erasures", "X-Forwarded-For", address())
                        .status())
                .isEqualTo(429);
        assertThat(http().as("operator", "dev-operator")
                        .get("/api/admin/snapshot-runs", "X-Forwarded-For", address)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAddressTryingManyAccountsIsThrottledForAllOfThem() {
        String address = address();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100 && !statuses.contains(429); i++) {
            statuses.add(http().as("nobody-" + i, "guess")
                    .get("/api/users", "X-Forwarded-For", address)
                    .status());
        }

        // 50 failures, and the odd one more if the bucket refilled a token while they ran (one per 12 s).
        assertThat(statuses.stream().filter(s -> s == 401).count()).isBetween(50L, 52L);
        assertThat(statuses).endsWith(429);
        assertThat(http().as("admin", "dev-admin")
                        .get("/api/users", "X-Forwarded-For", address)
                        .status())
                .isEqualTo(429);
        assertThat(http().as("admin", "dev-admin")
                        .get("/api/users", "X-Forwarded-For", address())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void successfulLoginsAreNeverThrottled() {
        String address = address();
        for (int i = 0; i < 60; i++) {
            assertThat(http().as("tool-service", "dev-tool-service")
                            .get("/api/users", "X-Forwarded-For", address)
                            .status())
                    .isEqualTo(200);
        }
    }

    private Http http() {
        return new Http("http://localhost:" + port);
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** A documentation address (RFC 5737) not used before in this run. */
    private static String address() {
        return "198.51.100." + ADDRESSES.incrementAndGet();
    }
}
