package com.example.usersync.command;

import com.example.usersync.testing.Http;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Dependencies of the user service that hang or are down: a projection that accepts connections
 * and never answers makes an export partial within the read timeout; a database that cannot be
 * reached answers 503 with a problem detail and Retry-After, not 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:dependency-down;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:dependency-down-journal;DB_CLOSE_DELAY=-1",
            "user-sync.projection-service.read-timeout=500ms"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class DependencyDownTest {

    static final List<Socket> ACCEPTED = new CopyOnWriteArrayList<>();
    static final ServerSocket SILENT_PROJECTION = silentPeer();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void projection(DynamicPropertyRegistry registry) {
        registry.add("user-sync.projection-service.url", () -> "http://127.0.0.1:" + SILENT_PROJECTION.getLocalPort());
    }

    @AfterAll
    void closePeer() throws IOException {
        SILENT_PROJECTION.close();
        for (Socket socket : ACCEPTED) {
            socket.close();
        }
    }

    Http http() {
        return Http.withDevAccounts("http://localhost:" + port);
    }

    @Test
    @Order(1)
    void anExportWhileTheProjectionHangsIsPartialWithinTheReadTimeout() {
        String id = http().post(
                        "/api/users",
                        "{\"email\":\"down-%s@example.com\",\"displayName\":\"Down\",\"locale\":\"en\"}"
                                .formatted(UUID.randomUUID()))
                .json()
                .get("id")
                .asText();

        Http.Response export =
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> http().get("/api/users/" + id + "/export"));

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().get("toolsComplete").asBoolean()).isFalse();
        assertThat(ACCEPTED).isNotEmpty();
    }

    @Test
    @Order(2)
    void aDatabaseThatCannotBeReachedIs503() {
        ((HikariDataSource) dataSource).close();

        for (Http.Response response : List.of(
                http().get("/api/users/" + UUID.randomUUID()),
                http().get("/api/users?limit=10"),
                http().post("/api/users/" + UUID.randomUUID() + "/exports", null),
                http().get("/api/exports/" + UUID.randomUUID()),
                http().post(
                                "/api/users",
                                "{\"email\":\"down@example.com\",\"displayName\":\"Down\",\"locale\":\"en\"}"))) {
            assertThat(response.status()).as(response.body()).isEqualTo(503);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("Retry-After")).isNotBlank();
            assertThat(response.json().get("type").asText()).isEqualTo("urn:user-sync:problem:dependency-unavailable");
            assertThat(response.body()).doesNotContain("Exception", "jdbc:");
        }
    }

    private static ServerSocket silentPeer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                ACCEPTED.add(server.accept());
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "silent-projection");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
