package com.example.usersync.command;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A write the user service acknowledged survives {@code kill -9} on the embedded default. The
 * service runs as its own JVM with its own configuration, unchanged, in a fresh working directory,
 * so its H2 file databases ({@code ./data/...}) are the defaults a user gets; it is killed with
 * SIGKILL right after the last 2xx and restarted on the same files. The same on PostgreSQL, where
 * the server makes a commit durable before it answers: there it proves the service acknowledges
 * only after the commit (the journal included).
 */
class AcknowledgedWritesSurviveKillTest {

    static final String DELETION = "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}";

    @TempDir
    Path workingDirectory;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aRegistrationAndThreeDeletionsAcknowledgedJustBeforeASigkillAreThereAfterRestart() throws Exception {
        killedRightAfterTheLastAnswer(
                List.of(),
                "jdbc:h2:file:" + workingDirectory.resolve("data/event-store") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                "jdbc:h2:file:" + workingDirectory.resolve("data/erasure-journal") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                "sa",
                "");
    }

    @Test
    void onPostgresqlTooAcknowledgedWritesAndTheirJournalEntriesSurviveASigkill() throws Exception {
        try (PostgresTestDatabase events = PostgresTestDatabase.createOrSkip("kill_events");
                PostgresTestDatabase journal = PostgresTestDatabase.createOrSkip("kill_journal")) {
            killedRightAfterTheLastAnswer(
                    List.of(
                            "--spring.datasource.url=" + events.jdbcUrl(),
                            "--spring.datasource.username=" + events.username(),
                            "--spring.datasource.password=" + events.password(),
                            "--user-sync.erasure-journal.datasource.url=" + journal.jdbcUrl(),
                            "--user-sync.erasure-journal.datasource.username=" + journal.username(),
                            "--user-sync.erasure-journal.datasource.password=" + journal.password()),
                    events.jdbcUrl(),
                    journal.jdbcUrl(),
                    events.username(),
                    events.password());
        }
    }

    private void killedRightAfterTheLastAnswer(
            List<String> databases, String eventStoreUrl, String journalUrl, String username, String password)
            throws Exception {
        int port = freePort();
        Http http = Http.withDevAccounts("http://localhost:" + port);
        Process first = start(port, "first", databases);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deleted.add(register(http));
        }

        for (String id : deleted) {
            Http.Response accepted = http.delete("/api/users/" + id, DELETION);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        }
        String registered = register(http);
        first.destroyForcibly();

        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL, not shut down").isEqualTo(137);
        start(port, "second", databases);
        Http.Response user = http.get("/api/users/" + registered);
        assertThat(user.status())
                .as("the acknowledged registration: %s", user.body())
                .isEqualTo(200);
        for (String id : deleted) {
            assertThat(http.get("/api/users/" + id).status())
                    .as("the acknowledged deletion of %s", id)
                    .isEqualTo(410);
            assertThat(http.get("/api/users/" + id + "/events").json())
                    .extracting(e -> e.get("type").asText())
                    .containsExactly("UserRegistered", "UserDeleted");
        }
        // A second process opens the same database with the same URL, as user-projection does by default.
        assertThat(count(eventStoreUrl, username, password, "domain_event_entry"))
                .isEqualTo(7);
        assertThat(count(journalUrl, username, password, "erasure_journal"))
                .as("journaled deletions")
                .isEqualTo(3);
    }

    private static long count(String url, String username, String password, String table) throws java.sql.SQLException {
        try (Connection reader = DriverManager.getConnection(url, username, password);
                ResultSet count = reader.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String register(Http http) {
        Http.Response created = http.post(
                "/api/users",
                "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"displayName\":\"Durable\",\"locale\":\"en\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** The service's own main class and configuration, in the temporary working directory; ready when healthy. */
    private Process start(int port, String name, List<String> databases) throws IOException {
        File log = workingDirectory.resolve(name + ".log").toFile();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                UserCommandApplication.class.getName(),
                "--server.port=" + port,
                // No projection service in this test: exports would report the tools as unavailable.
                "--user-sync.projection-service.url=http://localhost:9"));
        command.addAll(databases);
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        processes.add(process);
        Http anonymous = new Http("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .failFast(() -> assertThat(process.isAlive())
                        .as(() -> name + " exited; log:\n" + tail(log))
                        .isTrue())
                .untilAsserted(() ->
                        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200));
        return process;
    }

    private static String tail(File log) {
        try {
            List<String> lines = Files.readAllLines(log.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
