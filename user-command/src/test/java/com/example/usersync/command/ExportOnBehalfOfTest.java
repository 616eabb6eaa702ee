package com.example.usersync.command;

import com.example.usersync.testing.Http;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export reads each tool's copy from the tool-sync service on behalf of the auditor who asked:
 * the call names that auditor in {@code X-On-Behalf-Of}, so the tool-sync service's access log
 * can attribute the read to the person, not to the service account (a stand-in service records
 * what it receives).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-export;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-export-journal;DB_CLOSE_DELAY=-1"
        })
class ExportOnBehalfOfTest {

    static final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    static final HttpServer projection = stubProjection();

    static HttpServer stubProjection() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Map<String, String> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                headers.put("path", exchange.getRequestURI().getPath());
                received.add(headers);
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void projectionUrl(DynamicPropertyRegistry registry) {
        registry.add(
                "user-sync.projection-service.url",
                () -> "http://127.0.0.1:" + projection.getAddress().getPort());
    }

    @AfterAll
    static void stopProjection() {
        projection.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void theToolSyncServiceIsToldWhichAuditorTheExportIsFor() {
        Http http = Http.withDevAccounts("http://localhost:" + port);
        String id = http.post("/api/users", UserServiceEndToEndTest.registration(UserServiceEndToEndTest.uniqueEmail()))
                .json()
                .get("id")
                .asText();

        Http.Response export = http.get("/api/users/" + id + "/export");

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        // The tool reads of the export (the user service also asks this stand-in which tools there are, on
        // its schedule too: a copy, so a refresh arriving meanwhile does not join the assertion).
        List<Map<String, String>> reads = List.copyOf(received).stream()
                .filter(headers -> headers.get("path").contains("/users/"))
                .toList();
        assertThat(reads)
                .extracting(headers -> headers.get("path"))
                .containsExactlyInAnyOrder(
                        "/api/tools/analytics/users/" + id,
                        "/api/tools/billing/users/" + id,
                        "/api/tools/mailing/users/" + id);
        assertThat(reads).allSatisfy(headers -> {
            assertThat(headers.get("x-on-behalf-of")).isEqualTo("auditor");
            assertThat(headers.get("authorization"))
                    .as("the service's own account still authenticates")
                    .startsWith("Basic ");
        });
    }
}
