package com.example.usersync.command.snapshot;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.command.config.UserCommandSettings.SnapshotRunSettings;
import com.example.usersync.command.eventstore.StoredEvents;
import com.example.usersync.command.user.CommandSender;
import com.example.usersync.command.user.SnapshotUserState;
import com.example.usersync.command.user.UserDirectory;
import com.example.usersync.platform.jdbc.SqlTimes;
import com.example.usersync.platform.security.CurrentActor;
import jakarta.annotation.PreDestroy;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Emits a {@code UserStateSnapshotted} for every live user, on the user's own stream so ordering
 * per user holds, and records where the run started and when it completed. One run at a time
 * across every instance, in the background.
 * <p>
 * The guard is the database's: a single lock row taken with a conditional UPDATE (free, or held by
 * a run whose heartbeat is older than {@code stale-after}). The owner records a heartbeat on the
 * run and on the lock while it works; a run whose owner died (kill -9, lost node) is failed on this
 * instance's start (its own runs at once, other instances' once stale) and by a periodic sweep, so a
 * crash never leaves a RUNNING run that blocks every later one. An owner that lost its lock stops.
 */
@Service
public class SnapshotRuns implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRuns.class);
    private static final int PAGE = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StoredEvents events;
    private final UserDirectory directory;
    private final CommandSender commands;
    private final CurrentActor actor;
    private final SnapshotRunSettings properties;
    private final Clock clock;
    /** Runs of this owner started before this are its previous process's. */
    private final OffsetDateTime processStart;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "snapshot-run"));

    SnapshotRuns(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            StoredEvents events,
            UserDirectory directory,
            CommandSender commands,
            CurrentActor actor,
            UserCommandSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.directory = directory;
        this.commands = commands;
        this.actor = actor;
        this.properties = settings.snapshotRuns();
        this.clock = clock;
        this.processStart = SqlTimes.now(clock);
    }

    public SnapshotRun start() {
        return start(actor.id());
    }

    /** Scheduled runs (unless the cron is "-"), and the sweep for stale runs every heartbeat interval. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (properties.scheduled()) {
            tasks.addCronTask(this::startScheduled, properties.cron());
        }
        tasks.addFixedDelayTask(this::failStale, properties.heartbeatInterval());
    }

    SnapshotRun startScheduled() {
        return start("snapshot-schedule");
    }

    /** On start: this instance's own runs died with its previous process; other instances' once stale. */
    @EventListener(ApplicationReadyEvent.class)
    void recoverOnStart() {
        int failed = jdbc.sql(
                        "UPDATE snapshot_run SET status = 'FAILED', completed_at = ? WHERE status = 'RUNNING' AND owner = ? AND started_at < ?")
                .params(SqlTimes.now(clock), properties.nodeId(), processStart)
                .update();
        jdbc.sql("""
                        UPDATE snapshot_run_lock SET run_id = NULL, owner = NULL, heartbeat_at = NULL
                        WHERE id = 1 AND run_id IN (SELECT run_id FROM snapshot_run WHERE status = 'FAILED')""").update();
        failed += failStale();
        if (failed > 0) {
            log.warn("{} snapshot run(s) left RUNNING by a stopped instance were marked FAILED", failed);
        }
    }

    /** Fails runs whose owner stopped sending heartbeats (also those from before owners were recorded). */
    int failStale() {
        OffsetDateTime staleBefore = SqlTimes.now(clock).minus(properties.staleAfter());
        int failed = jdbc.sql("""
                        UPDATE snapshot_run SET status = 'FAILED', completed_at = ?
                        WHERE status = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < ?)""").params(SqlTimes.now(clock), staleBefore).update();
        if (failed > 0) {
            log.warn(
                    "{} snapshot run(s) without a heartbeat for {} were marked FAILED",
                    failed,
                    properties.staleAfter());
        }
        return failed;
    }

    private SnapshotRun start(String startedBy) {
        return start(startedBy, 1);
    }

    private SnapshotRun start(String startedBy, int attempt) {
        UUID runId = UUID.randomUUID();
        Boolean acquired = transactions.execute(tx -> {
            OffsetDateTime now = SqlTimes.now(clock);
            int taken = jdbc.sql("""
                            UPDATE snapshot_run_lock SET run_id = ?, owner = ?, heartbeat_at = ?
                            WHERE id = 1 AND (run_id IS NULL OR heartbeat_at IS NULL OR heartbeat_at < ?)""")
                    .params(runId, properties.nodeId(), now, now.minus(properties.staleAfter()))
                    .update();
            if (taken == 0) {
                return false;
            }
            // Whatever else is RUNNING lost the lock: its owner stopped sending heartbeats.
            jdbc.sql("UPDATE snapshot_run SET status = 'FAILED', completed_at = ? WHERE status = 'RUNNING'")
                    .param(now)
                    .update();
            long startPosition = events.headPosition();
            jdbc.sql("""
                            INSERT INTO snapshot_run (run_id, started_at, start_position, users, status, started_by, owner, heartbeat_at)
                            VALUES (?, ?, ?, 0, 'RUNNING', ?, ?, ?)""")
                    .params(runId, now, startPosition, startedBy, properties.nodeId(), now)
                    .update();
            return true;
        });
        if (!Boolean.TRUE.equals(acquired)) {
            // The run holding the lock may just have finished: try once more, then answer the holder as it is.
            return running()
                    .orElseGet(() -> attempt < 3
                            ? start(startedBy, attempt + 1)
                            : lockHolder().orElseThrow());
        }
        worker.submit(() -> run(runId, startedBy));
        return run(runId).orElseThrow();
    }

    private Optional<SnapshotRun> lockHolder() {
        return jdbc.sql("SELECT r.* FROM snapshot_run r JOIN snapshot_run_lock l ON l.run_id = r.run_id WHERE l.id = 1")
                .query(this::map)
                .optional();
    }

    /** The run holding the lock; empty if it just finished. */
    private Optional<SnapshotRun> running() {
        return jdbc.sql("""
                        SELECT r.* FROM snapshot_run r JOIN snapshot_run_lock l ON l.run_id = r.run_id
                        WHERE l.id = 1 AND r.status = 'RUNNING'""").query(this::map).optional();
    }

    private void run(UUID runId, String startedBy) {
        try {
            // Let transactions that took an index below the start position commit first.
            Thread.sleep(properties.settle().toMillis());
            Instant lastBeat = clock.instant();
            long users = 0;
            UUID after = new UUID(0, 0);
            List<UUID> page;
            do {
                page = directory.activeUserIds(after, PAGE);
                for (UUID userId : page) {
                    snapshot(userId, runId, startedBy);
                    users++;
                    if (clock.instant().isAfter(lastBeat.plus(properties.heartbeatInterval()))) {
                        heartbeat(runId, users);
                        lastBeat = clock.instant();
                    }
                }
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1);
                    heartbeat(runId, users);
                    lastBeat = clock.instant();
                }
            } while (page.size() == PAGE);
            finish(runId, users, "COMPLETED");
            log.info("Snapshot run {} completed: {} users", runId, users);
        } catch (LostLock lost) {
            log.warn("Snapshot run {} stopped: it was failed as stale and its lock taken over", runId);
        } catch (Exception failure) {
            log.error("Snapshot run {} failed", runId, failure);
            finish(runId, null, "FAILED");
        }
    }

    /** Records that the owner is alive; throws when the run no longer holds the lock. */
    private void heartbeat(UUID runId, long users) {
        int held = transactions.execute(tx -> {
            OffsetDateTime now = SqlTimes.now(clock);
            int lock = jdbc.sql("UPDATE snapshot_run_lock SET heartbeat_at = ? WHERE id = 1 AND run_id = ?")
                    .params(now, runId)
                    .update();
            int run = jdbc.sql(
                            "UPDATE snapshot_run SET users = ?, heartbeat_at = ? WHERE run_id = ? AND status = 'RUNNING'")
                    .params(users, now, runId)
                    .update();
            return Math.min(lock, run);
        });
        if (held == 0) {
            throw new LostLock();
        }
    }

    private void finish(UUID runId, Long users, String status) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql(
                            "UPDATE snapshot_run SET users = COALESCE(?, users), status = ?, completed_at = ?, heartbeat_at = ? "
                                    + "WHERE run_id = ? AND status = 'RUNNING'")
                    .params(users, status, SqlTimes.now(clock), SqlTimes.now(clock), runId)
                    .update();
            jdbc.sql(
                            "UPDATE snapshot_run_lock SET run_id = NULL, owner = NULL, heartbeat_at = NULL WHERE id = 1 AND run_id = ?")
                    .param(runId)
                    .update();
        });
    }

    private void snapshot(UUID userId, UUID runId, String startedBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAs(new SnapshotUserState(userId, runId), startedBy);
                return;
            } catch (ConcurrencyException concurrentChange) {
                if (attempt == 3) {
                    throw concurrentChange;
                }
            }
        }
    }

    public List<SnapshotRun> runs() {
        return jdbc.sql("SELECT * FROM snapshot_run ORDER BY started_at DESC")
                .query(this::map)
                .list();
    }

    Optional<SnapshotRun> run(UUID runId) {
        return jdbc.sql("SELECT * FROM snapshot_run WHERE run_id = ?")
                .param(runId)
                .query(this::map)
                .optional();
    }

    Optional<SnapshotRun> latestCompleted() {
        return jdbc.sql("SELECT * FROM snapshot_run WHERE status = 'COMPLETED' ORDER BY completed_at DESC LIMIT 1")
                .query(this::map)
                .optional();
    }

    private SnapshotRun map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime completed = rs.getObject("completed_at", OffsetDateTime.class);
        OffsetDateTime heartbeat = rs.getObject("heartbeat_at", OffsetDateTime.class);
        return new SnapshotRun(
                rs.getObject("run_id", UUID.class),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getLong("start_position"),
                completed == null ? null : completed.toInstant(),
                rs.getLong("users"),
                rs.getString("status"),
                rs.getString("started_by"),
                rs.getString("owner"),
                heartbeat == null ? null : heartbeat.toInstant());
    }

    /** The run was failed as stale by another instance, which may already run a new one. */
    private static final class LostLock extends RuntimeException {
        LostLock() {
            super(null, null, false, false);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
