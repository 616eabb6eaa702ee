package com.example.usersync.projection.userservice;

import com.example.usersync.projection.config.ProjectionSettings;
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
            UserServiceClient client = new UserServiceClient(
                    RestClient.builder(),
                    new ProjectionSettings.UserService(
                            URI.create(silent.url()),
                            "tool-service",
                            "secret",
                            Duration.ofSeconds(1),
                            Duration.ofMillis(300),
                            Map.of()));

            assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> assertThatThrownBy(() -> client.checksums(null)).isInstanceOf(ResourceAccessException.class));
        }
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> new ProjectionSettings.UserService(
                        URI.create("http://localhost:8080"),
                        "tool-service",
                        "secret",
                        Duration.ZERO,
                        Duration.ofSeconds(1),
                        Map.of()))
                .hasMessageContaining("user-sync.user-service.connect-timeout");
    }
}
