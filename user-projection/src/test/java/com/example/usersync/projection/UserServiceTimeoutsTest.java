package com.example.usersync.projection;

import com.example.usersync.testing.SilentPeer;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The client of the user service gives up on a peer that accepts the connection and never answers. */
class UserServiceTimeoutsTest {

    @Test
    void aSilentUserServiceTimesOutInsteadOfHangingTheCaller() throws Exception {
        try (SilentPeer silent = new SilentPeer()) {
            UserServiceClient client = new UserServiceClient(RestClient.builder(),
                    new UserServiceSettings(URI.create(silent.url()), "tool-service", "secret", Map.of()), new UserServiceTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));

            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> client.checksums(null)).isInstanceOf(ResourceAccessException.class));
        }
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> new UserServiceTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("user-sync.user-service.connect-timeout");
    }
}
