package com.example.usersync.command.audit;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The export's client of the tool-sync service gives up on a peer that accepts the connection and
 * never answers (the export then reports the tools as incomplete instead of hanging).
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
            RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + silent.getLocalPort())
                    .requestFactory(new ProjectionServiceTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)).requestFactory())
                    .build();

            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> client.get().uri("/api/tools/billing/users/x").retrieve().toBodilessEntity())
                            .isInstanceOf(ResourceAccessException.class));
            acceptor.interrupt();
        }
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> new ProjectionServiceTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .hasMessageContaining("user-sync.projection-service.connect-timeout and read-timeout");
    }
}
