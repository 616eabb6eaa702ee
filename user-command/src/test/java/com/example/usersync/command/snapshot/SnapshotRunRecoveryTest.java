package com.example.usersync.command.snapshot;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.command.config.UserCommandSettings.SnapshotRunSettings;
import com.example.usersync.command.eventstore.StoredEvents;
import com.example.usersync.command.user.CommandSender;
import com.example.usersync.command.user.UserDirectory;
import com.example.usersync.platform.security.CurrentActor;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Snapshot runs survive crashes: a run left RUNNING by a dead instance is failed on start or once
 * its heartbeat is older than the timeout, and then a new run starts and completes (so a tool's
 * reset from the latest completed run works again); the guard is the database's, so two instances
 * never run at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "user-sync.snapshot-runs.node-id=" + SnapshotRunRecoveryTest.NODE,
            "user-sync.snapshot-runs.settle=300ms",
            "user-sync.snapshot-runs.heartbeat-interval=200ms",
            "user-sync.snapshot-runs.stale-after=2s",
            "user-sync.projection-service.url=http://localhost:9"
        })
abstract class SnapshotRunRecoveryTest {

    static final String NODE = "this-node";
    /** Left RUNNING by another instance that died an hour ago. */
    static final UUID CRASHED_ELSEWHERE = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    /** Left RUNNING by this instance's previous process (same node id), heartbeat fresh. */
    static final UUID CRASHED_HERE = UUID.fromString("00000000-0000-0000-0000-00000000c002");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CommandSender commands;

    @Autowired
    StoredEvents events;

    @Autowired
    UserDirectory directory;

    @Autowired
    CurrentActor actor;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    UserCommandSettings settings;

    /** Migrates the database and leaves the runs a crash leaves behind, before the service starts. */
    static void crashLeftovers(String url, String username, String password) {
        Flyway.configure()
                .dataSource(url, username, password)
                .locations("classpath:db/event-store", "classpath:db/user-command", "classpath:db/access-log")
                .load()
                .migrate();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            insertRunning(connection, CRASHED_ELSEWHERE, "dead-node", now.minusHours(1));
            insertRunning(connection, CRASHED_HERE, NODE, now);
            try (PreparedStatement lock = connection.prepareStatement(
                    "UPDATE snapshot_run_lock SET run_id = ?, owner = 'dead-node', heartbeat_at = ? WHERE id = 1")) {
                lock.setObject(1, CRASHED_ELSEWHERE);
                lock.setObject(2, now.minusHours(1));
                lock.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insertRunning(Connection connection, UUID runId, String owner, OffsetDateTime heartbeat)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO snapshot_run (run_id, started_at, start_position, users, status, started_by, owner, heartbeat_at)
                VALUES (?, ?, 0, 3, 'RUNNING', 'operator', ?, ?)""")) {
            insert.setObject(1, runId);
            insert.setObject(2, heartbeat.minusMinutes(1));
            insert.setString(3, owner);
            insert.setObject(4, heartbeat);
            insert.executeUpdate();
        }
    }

    Http http() {
        return Http.withDevAccounts("http://localhost:" + port);
    }

    @Smoke
    @Test
    void runsLeftRunningByACrashAreFailedOnStartAndANewRunCompletes() {
        assertThat(status(CRASHED_ELSEWHERE)).isEqualTo("FAILED");
        assertThat(status(CRASHED_HERE)).isEqualTo("FAILED");
        http().post(
                        "/api/users",
                        "{\"email\":\"snap-%s@example.com\",\"displayName\":\"Snap\",\"locale\":\"en\"}"
                                .formatted(UUID.randomUUID()));

        Http.Response started = http().post("/api/admin/snapshot-runs", null);
        assertThat(started.status()).isEqualTo(202);
        String runId = started.json().get("runId").asText();
        assertThat(started.json().get("owner").asText()).isEqualTo(NODE);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> status(UUID.fromString(runId)).equals("COMPLETED"));

        // What a tool's reset {"from":"snapshot"} reads.
        assertThat(http().get("/api/admin/snapshot-runs/latest-completed")
                        .json()
                        .get("runId")
                        .asText())
                .isEqualTo(runId);
    }

    @Test
    void aRunWhoseOwnerStopsBeatingIsFailedAfterTheTimeoutAndANewOneStarts() {
        awaitNoRunningRun();
        UUID hung = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO snapshot_run (run_id, started_at, start_position, users, status, started_by, owner, heartbeat_at)
                        VALUES (?, ?, 0, 0, 'RUNNING', 'operator', 'other-node', ?)""").params(hung, now, now).update();
        jdbc.sql("UPDATE snapshot_run_lock SET run_id = ?, owner = 'other-node', heartbeat_at = ? WHERE id = 1")
                .params(hung, now)
                .update();

        // While the other instance is alive, a start answers its run.
        assertThat(runs.startScheduled().runId()).isEqualTo(hung);

        // Its heartbeat stops: after stale-after the sweep fails it, without anyone asking.
        await().atMost(Duration.ofSeconds(10)).until(() -> status(hung).equals("FAILED"));
        String next = http().post("/api/admin/snapshot-runs", null)
                .json()
                .get("runId")
                .asText();
        assertThat(next).isNotEqualTo(hung.toString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> status(UUID.fromString(next)).equals("COMPLETED"));
    }

    @Test
    void twoInstancesNeverRunAtOnce() throws Exception {
        awaitNoRunningRun();
        OffsetDateTime testStart = OffsetDateTime.now(ZoneOffset.UTC);
        SnapshotRuns otherInstance = new SnapshotRuns(
                jdbc,
                transactions,
                events,
                directory,
                commands,
                actor,
                new UserCommandSettings(
                        settings.aggregateSnapshots(),
                        settings.eventStore(),
                        settings.projectionService(),
                        settings.erasure(),
                        settings.tools(),
                        settings.erasureJournal(),
                        settings.export(),
                        new SnapshotRunSettings(
                                "-",
                                Duration.ofMillis(300),
                                Duration.ofMillis(200),
                                Duration.ofSeconds(2),
                                "other-node"),
                        settings.console()),
                Clock.systemUTC());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<SnapshotRun>> starts = IntStream.range(0, 8)
                    .<Callable<SnapshotRun>>mapToObj(i -> () -> (i % 2 == 0 ? runs : otherInstance).startScheduled())
                    .toList();
            Set<UUID> started = callers.invokeAll(starts).stream()
                    .map(SnapshotRunRecoveryTest::get)
                    .map(SnapshotRun::runId)
                    .collect(Collectors.toSet());
            assertThat(started).hasSize(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM snapshot_run WHERE started_at >= ?")
                            .param(testStart)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            UUID runId = started.iterator().next();
            await().atMost(Duration.ofSeconds(20)).until(() -> status(runId).equals("COMPLETED"));
        } finally {
            callers.shutdownNow();
            otherInstance.stop();
        }
    }

    private void awaitNoRunningRun() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM snapshot_run WHERE status = 'RUNNING'")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private String status(UUID runId) {
        return runs.run(runId).orElseThrow().status();
    }

    private static SnapshotRun get(Future<SnapshotRun> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
