package com.example.usersync.projection.reconciliation;

import com.example.usersync.platform.jdbc.SqlTimes;
import com.example.usersync.projection.config.ProjectionSettings;
import com.example.usersync.projection.processing.NodeId;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs reconciliations in the background, one per scope (a tool, or every tool) at a time across
 * every instance: a request while one runs answers the running one. The guard is the database's
 * unique {@code running_scope}; a run whose owner died (no heartbeat for {@code stale-after}) is
 * failed when the next request for its scope comes, or when its owner starts again.
 */
@Service
class ReconciliationRuns {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationRuns.class);
    private static final String EVERY_TOOL = "*";

    /** Whether this request started the run or found it running. */
    record Started(ReconciliationRun run, boolean created) {}

    private final Reconciler reconciler;
    private final JdbcClient jdbc;
    private final String owner;
    private final ProjectionSettings.Reconciliation properties;
    private final Clock clock;
    /** Runs of this owner started before this are its previous process's. */
    private final OffsetDateTime processStart;
    /** One thread per run; single flight per scope bounds them to the number of tools plus one. */
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "reconciliation");
        thread.setDaemon(true);
        return thread;
    });

    ReconciliationRuns(
            Reconciler reconciler,
            JdbcClient jdbc,
            NodeId nodeId,
            ProjectionSettings.Reconciliation properties,
            Clock clock) {
        this.reconciler = reconciler;
        this.jdbc = jdbc;
        this.owner = nodeId.value();
        this.properties = properties;
        this.clock = clock;
        this.processStart = SqlTimes.now(clock);
    }

    /** The scheduled run only starts it: the scheduler's thread never waits for the user service. */
    @Scheduled(cron = "#{@reconciliationSettings.cron()}")
    void scheduled() {
        start(null, "reconciliation-schedule");
    }

    /** @param tool one tool, or null for every tool; unknown tools are refused before anything starts */
    Started start(String tool, String requestedBy) {
        reconciler.requireKnown(tool);
        String scope = tool == null ? EVERY_TOOL : tool;
        for (int attempt = 1; ; attempt++) {
            failStale(scope);
            UUID id = UUID.randomUUID();
            OffsetDateTime now = SqlTimes.now(clock);
            try {
                jdbc.sql("""
                                INSERT INTO reconciliation_run (id, tool, status, requested_by, owner, started_at, heartbeat_at, running_scope)
                                VALUES (?, ?, 'RUNNING', ?, ?, ?, ?, ?)""")
                        .params(id, tool, requestedBy, owner, now, now, scope)
                        .update();
            } catch (DuplicateKeyException running) {
                Optional<ReconciliationRun> current = running(scope);
                if (current.isPresent() || attempt == 3) {
                    return new Started(current.orElseThrow(() -> running), false);
                }
                continue;
            }
            workers.submit(() -> execute(id, tool));
            return new Started(run(id).orElseThrow(), true);
        }
    }

    private void execute(UUID id, String tool) {
        try {
            reconciler.reconcile(tool, id, () -> heartbeat(id));
            finish(id, "COMPLETED");
        } catch (Exception failure) {
            log.error("Reconciliation run {} failed: {}", id, failure.getClass().getName());
            finish(id, "FAILED");
        }
    }

    private void heartbeat(UUID id) {
        jdbc.sql("UPDATE reconciliation_run SET heartbeat_at = ? WHERE id = ? AND status = 'RUNNING'")
                .params(SqlTimes.now(clock), id)
                .update();
    }

    private void finish(UUID id, String status) {
        jdbc.sql("""
                        UPDATE reconciliation_run SET status = ?, completed_at = ?, heartbeat_at = ?, running_scope = NULL
                        WHERE id = ? AND status = 'RUNNING'""")
                .params(status, SqlTimes.now(clock), SqlTimes.now(clock), id)
                .update();
    }

    /** This instance's runs died with its previous process. */
    @EventListener(ApplicationReadyEvent.class)
    void recoverOnStart() {
        int failed =
                jdbc.sql("""
                        UPDATE reconciliation_run SET status = 'FAILED', completed_at = ?, running_scope = NULL
                        WHERE status = 'RUNNING' AND owner = ? AND started_at < ?""").params(SqlTimes.now(clock), owner, processStart).update();
        if (failed > 0) {
            log.warn(
                    "{} reconciliation run(s) left RUNNING by this instance's previous process were marked FAILED",
                    failed);
        }
    }

    private void failStale(String scope) {
        int failed = jdbc.sql("""
                        UPDATE reconciliation_run SET status = 'FAILED', completed_at = ?, running_scope = NULL
                        WHERE running_scope = ? AND heartbeat_at < ?""")
                .params(SqlTimes.now(clock), scope, SqlTimes.now(clock).minus(properties.staleAfter()))
                .update();
        if (failed > 0) {
            log.warn(
                    "A reconciliation run of {} without progress for {} was marked FAILED",
                    scope,
                    properties.staleAfter());
        }
    }

    private Optional<ReconciliationRun> running(String scope) {
        return jdbc.sql("SELECT * FROM reconciliation_run WHERE running_scope = ?")
                .param(scope)
                .query(this::map)
                .optional();
    }

    Optional<ReconciliationRun> run(UUID id) {
        return jdbc.sql("SELECT * FROM reconciliation_run WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    private ReconciliationRun map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String status = rs.getString("status");
        return new ReconciliationRun(
                id,
                rs.getString("tool"),
                status,
                rs.getString("requested_by"),
                rs.getString("owner"),
                SqlTimes.instant(rs, "started_at"),
                SqlTimes.instant(rs, "heartbeat_at"),
                SqlTimes.instant(rs, "completed_at"),
                status.equals("RUNNING") ? List.of() : reconciler.reportsOf(id));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
