package com.example.usersync.command.audit;

import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exports run in the background: 202 and a job to poll, one job per user at a time across
 * instances, the document stored encrypted with the user's key and gone with the user's erasure,
 * jobs of a dead instance failed (on start and once their heartbeat stops), finished exports
 * deleted after the retention, and the synchronous export still answering the document when the
 * job is quick. The tool-sync service is a stand-in whose answers the test can hold back.
 * Subclasses choose the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "user-sync.export.node-id=" + ExportJobsTest.NODE,
            "user-sync.export.wait=1s",
            "user-sync.export.retention=1h",
            "user-sync.export.heartbeat-interval=200ms",
            "user-sync.export.stale-after=2s",
            "user-sync.export.cleanup-interval=200ms"
        })
abstract class ExportJobsTest {

    static final String NODE = "this-node";
    /** Left RUNNING by another instance that died an hour ago. */
    static final UUID CRASHED_ELSEWHERE = UUID.fromString("00000000-0000-0000-0000-0000000e0001");
    /** Left RUNNING by this instance's previous process (same node id), heartbeat fresh. */
    static final UUID CRASHED_HERE = UUID.fromString("00000000-0000-0000-0000-0000000e0002");

    static final ToolSyncStandIn PROJECTION = ToolSyncStandIn.start();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalDataCipher cipher;

    Http http;

    @DynamicPropertySource
    static void projection(DynamicPropertyRegistry registry) {
        registry.add("user-sync.projection-service.url", () -> "http://127.0.0.1:" + PROJECTION.port());
    }

    /** Migrates the database and leaves the jobs a crash leaves behind, before the service starts. */
    static void crashLeftovers(String url, String username, String password) {
        Flyway.configure()
                .dataSource(url, username, password)
                .locations("classpath:db/event-store", "classpath:db/user-command", "classpath:db/access-log")
                .load()
                .migrate();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            insertRunning(connection, CRASHED_ELSEWHERE, UUID.randomUUID(), "dead-node", now.minusHours(1));
            insertRunning(connection, CRASHED_HERE, UUID.randomUUID(), NODE, now);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void insertRunning(Connection connection, UUID jobId, UUID userId, String owner, OffsetDateTime heartbeat)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO export_job (job_id, user_id, running_user_id, requested_by, status, owner, heartbeat_at, requested_at)
                VALUES (?, ?, ?, 'auditor', 'RUNNING', ?, ?, ?)""")) {
            insert.setObject(1, jobId);
            insert.setObject(2, userId);
            insert.setObject(3, userId);
            insert.setString(4, owner);
            insert.setObject(5, heartbeat);
            insert.setObject(6, heartbeat.minusMinutes(1));
            insert.executeUpdate();
        }
    }

    @BeforeEach
    void client() {
        http = Http.withDevAccounts("http://localhost:" + port);
        PROJECTION.answer();
    }

    String register(String displayName) {
        Http.Response created = http.post("/api/users", """
                {"email":"export-%s@example.com","displayName":"%s","locale":"en","plan":"TEAM","tools":["billing"]}""".formatted(UUID.randomUUID(), displayName));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    Http.Response start(String userId) {
        return http.post("/api/users/" + userId + "/exports", null);
    }

    String path(Http.Response accepted) {
        String location = accepted.header("Location");
        return location.substring(location.indexOf("/api/exports/"));
    }

    /** Watches the table, so that only the final GET reads the document. */
    JsonNode awaitStatus(String job, String status) {
        UUID jobId = UUID.fromString(job.substring(job.lastIndexOf('/') + 1));
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> jdbc.sql("SELECT status FROM export_job WHERE job_id = ?")
                                .param(jobId)
                                .query(String.class)
                                .optional()
                                .orElse("NONE"),
                        status::equals);
        return http.get(job).json();
    }

    long exportReads(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM personal_data_access WHERE subject_id = ? AND resource = 'export'")
                .param(UUID.fromString(userId))
                .query(Long.class)
                .single();
    }

    long jobsOf(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM export_job WHERE user_id = ?")
                .param(UUID.fromString(userId))
                .query(Long.class)
                .single();
    }

    @Test
    void jobsLeftRunningByACrashAreFailedOnStart() {
        for (UUID crashed : List.of(CRASHED_ELSEWHERE, CRASHED_HERE)) {
            JsonNode job = http.get("/api/exports/" + crashed).json();
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("FAILED");
            assertThat(job.get("error").asText()).isEqualTo("OWNER_STOPPED");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM export_job WHERE running_user_id IS NOT NULL AND job_id IN (?, ?)")
                        .params(CRASHED_ELSEWHERE, CRASHED_HERE)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Smoke
    @Test
    void anExportIsAcceptedAndPolledUntilItHoldsTheDocumentWhoseReadIsLogged() {
        String id = register("Grace Export");

        Http.Response accepted = start(id);
        assertThat(exportReads(id)).isZero();

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String exportId = accepted.json().get("id").asText();
        assertThat(accepted.header("Location")).endsWith("/api/exports/" + exportId);
        assertThat(accepted.json().get("userId").asText()).isEqualTo(id);
        assertThat(accepted.json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(accepted.json().get("requestedAt").isNull()).isFalse();
        JsonNode done = awaitStatus(path(accepted), "COMPLETED");
        JsonNode document = done.get("document");
        assertThat(document.get("userId").asText()).isEqualTo(id);
        assertThat(document.get("current").get("displayName").asText()).isEqualTo("Grace Export");
        assertThat(document.get("history")).hasSize(1);
        assertThat(document.get("toolsComplete").asBoolean()).isTrue();
        assertThat(document.get("tools").has("billing")).isTrue();
        // The tools were read on behalf of the auditor who asked, from the export's own thread.
        assertThat(PROJECTION.onBehalfOf()).contains("auditor");
        // Stored encrypted with the user's key, never in plaintext.
        String stored = jdbc.sql("SELECT document FROM export_job WHERE job_id = ?")
                .param(UUID.fromString(exportId))
                .query(String.class)
                .single();
        assertThat(stored).startsWith("pd:v1:" + id + ":").doesNotContain("Grace Export");
        // Each read of the document is the reader's access; building it was none.
        assertThat(exportReads(id)).isOne();
        http.get(path(accepted));
        assertThat(exportReads(id)).isEqualTo(2);
    }

    @Test
    void aSecondRequestWhileAnExportRunsJoinsItAndTheSynchronousExportAnswersTheJobUntilItIsDone() throws Exception {
        String id = register("Single Flight");
        PROJECTION.holdAnswers();
        ExportExecutor callers = new ExportExecutor();
        Set<String> locations;
        try {
            List<Future<Http.Response>> starts = IntStream.range(0, 6)
                    .mapToObj(i -> callers.submit(() -> start(id)))
                    .toList();
            locations = starts.stream()
                    .map(ExportExecutor::get)
                    .peek(r -> assertThat(r.status()).as(r.body()).isEqualTo(202))
                    .map(r -> r.header("Location"))
                    .collect(Collectors.toSet());
        } finally {
            callers.close();
        }
        assertThat(locations).hasSize(1);
        assertThat(jobsOf(id)).isOne();

        Http.Response notYet = http.get("/api/users/" + id + "/export");
        assertThat(notYet.status()).as(notYet.body()).isEqualTo(202);
        assertThat(notYet.header("Location")).isEqualTo(locations.iterator().next());
        assertThat(exportReads(id)).isZero();

        PROJECTION.answer();
        awaitStatus(path(notYet), "COMPLETED");
        Http.Response quick = http.get("/api/users/" + id + "/export");
        assertThat(quick.status()).as(quick.body()).isEqualTo(200);
        assertThat(quick.json().get("userId").asText()).isEqualTo(id);
        assertThat(quick.json().get("current").get("displayName").asText()).isEqualTo("Single Flight");
        assertThat(quick.json().get("history")).hasSize(1);
        assertThat(quick.json().has("generatedAt")).isTrue();
        assertThat(quick.json().get("toolsComplete").asBoolean()).isTrue();
    }

    @Test
    void aJobOfAnInstanceThatStopsBeatingIsJoinedUntilItIsFailedThenANewOneRuns() {
        String id = register("Other Instance");
        UUID theirs = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO export_job (job_id, user_id, running_user_id, requested_by, status, owner, heartbeat_at, requested_at)
                        VALUES (?, ?, ?, 'auditor', 'RUNNING', 'other-node', ?, ?)""")
                .params(
                        theirs,
                        UUID.fromString(id),
                        UUID.fromString(id),
                        OffsetDateTime.now(ZoneOffset.UTC),
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();

        assertThat(start(id).json().get("id").asText()).isEqualTo(theirs.toString());

        JsonNode failed = awaitStatus("/api/exports/" + theirs, "FAILED");
        assertThat(failed.get("error").asText()).isEqualTo("OWNER_STOPPED");
        Http.Response next = start(id);
        assertThat(next.json().get("id").asText()).isNotEqualTo(theirs.toString());
        awaitStatus(path(next), "COMPLETED");
    }

    @Test
    void anErasedUsersExportIsDeletedAndItsStoredDocumentUnreadable() {
        String id = register("Erased Export");
        String job = path(start(id));
        awaitStatus(job, "COMPLETED");
        String stored = jdbc.sql("SELECT document FROM export_job WHERE user_id = ?")
                .param(UUID.fromString(id))
                .query(String.class)
                .single();
        assertThat(cipher.decrypt(stored)).contains("Erased Export");

        Http.Response deleted = http.delete(
                "/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(202);

        Http.Response gone = http.get(job);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(gone.json().get("type").asText()).isEqualTo("urn:user-sync:problem:unknown-export");
        assertThat(jobsOf(id)).isZero();
        assertThat(cipher.decrypt(stored)).isNull();
        // An erased user's export is answered at once, as before, and not stored.
        for (Http.Response now : List.of(start(id), http.get("/api/users/" + id + "/export"))) {
            assertThat(now.status()).as(now.body()).isEqualTo(200);
            assertThat(now.json().get("current").isNull()).isTrue();
        }
        assertThat(jobsOf(id)).isZero();
    }

    @Test
    void aFinishedExportExpiresAfterTheRetentionAndIsDeleted() {
        String id = register("Expiring Export");
        String job = path(start(id));
        JsonNode done = awaitStatus(job, "COMPLETED");
        assertThat(Duration.between(
                        Instant.parse(done.get("completedAt").asText()),
                        Instant.parse(done.get("expiresAt").asText())))
                .isEqualTo(Duration.ofHours(1));

        jdbc.sql("UPDATE export_job SET expires_at = ? WHERE user_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), UUID.fromString(id))
                .update();

        assertThat(http.get(job).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobsOf(id) == 0);
    }

    @Test
    void unknownUsersAndExportsAre404AndOnlyAuditorsSeeExports() {
        Http.Response unknownUser = start(UUID.randomUUID().toString());
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.json().get("type").asText()).isEqualTo("urn:user-sync:problem:unknown-user");
        Http.Response unknownExport = http.get("/api/exports/" + UUID.randomUUID());
        assertThat(unknownExport.status()).isEqualTo(404);
        assertThat(unknownExport.json().get("type").asText()).isEqualTo("urn:user-sync:problem:unknown-export");

        String id = register("Admin Is No Auditor");
        Http admin = new Http("http://localhost:" + port).as("admin", "dev-admin");
        assertThat(admin.post("/api/users/" + id + "/exports", null).status()).isEqualTo(403);
        assertThat(admin.get("/api/exports/" + CRASHED_HERE).status()).isEqualTo(403);
    }

    /** Callers in parallel. */
    static final class ExportExecutor {
        private final ExecutorService pool = Executors.newFixedThreadPool(6);

        Future<Http.Response> submit(java.util.concurrent.Callable<Http.Response> call) {
            return pool.submit(call);
        }

        static Http.Response get(Future<Http.Response> future) {
            try {
                return future.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void close() {
            pool.shutdownNow();
        }
    }

    /**
     * The tool-sync service as the export sees it: every tool holds nothing (404); the test can
     * hold the answers back to keep an export running. Records whom each read was on behalf of.
     */
    static final class ToolSyncStandIn {
        private final HttpServer server;
        private final Queue<String> onBehalfOf = new ConcurrentLinkedQueue<>();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        private ToolSyncStandIn(HttpServer server) {
            this.server = server;
        }

        static ToolSyncStandIn start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
                ToolSyncStandIn standIn = new ToolSyncStandIn(server);
                server.createContext("/", exchange -> {
                    String person = exchange.getRequestHeaders().getFirst("X-On-Behalf-Of");
                    if (person != null) {
                        standIn.onBehalfOf.add(person);
                    }
                    try {
                        standIn.gate.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                });
                server.setExecutor(Executors.newCachedThreadPool(r -> {
                    Thread thread = new Thread(r, "tool-sync-stand-in");
                    thread.setDaemon(true);
                    return thread;
                }));
                server.start();
                return standIn;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        void holdAnswers() {
            gate = new CountDownLatch(1);
        }

        void answer() {
            gate.countDown();
        }

        List<String> onBehalfOf() {
            return List.copyOf(onBehalfOf);
        }
    }
}
