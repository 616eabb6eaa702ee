package com.example.usersync.command.audit;

import com.example.usersync.platform.web.PeerService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The export's client of the tool-sync service ({@code user-sync.projection-service}, a {@link PeerService}) gives
 * up on a peer that accepts the connection and never answers (the export then reports the tools as incomplete
 * instead of hanging).
 */
class ProjectionServiceTimeoutsTest {

    @Test
    void aSilentProjectionTimesOutInsteadOfHangingTheExport() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(60_000);
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RestClient client = new PeerService(
                            URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                            "auditor",
                            "secret",
                            Duration.ofSeconds(1),
                            Duration.ofMillis(300))
                    .client(RestClient.builder())
                    .build();

            assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> assertThatThrownBy(() -> client.get()
                                    .uri("/api/tools/billing/users/x")
                                    .retrieve()
                                    .toBodilessEntity())
                            .isInstanceOf(ResourceAccessException.class));
            acceptor.interrupt();
        }
    }

    @Test
    void timeoutsMustBePositive() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "user-sync.projection-service.url", "http://localhost:8081",
                "user-sync.projection-service.read-timeout", "-1s")));
        assertThatThrownBy(() -> binder.bind("user-sync.projection-service", PeerService.class))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("user-sync.projection-service")
                .rootCause()
                .hasMessageContaining("connect-timeout and read-timeout");
    }
}
