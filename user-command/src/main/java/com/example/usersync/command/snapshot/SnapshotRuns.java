package com.example.usersync.command.snapshot;

import com.example.usersync.command.user.SnapshotUserState;
import com.example.usersync.command.web.CommandSender;
import com.example.usersync.command.web.CurrentActor;
import jakarta.annotation.PreDestroy;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Emits a {@code UserStateSnapshotted} for every live user, on the user's own stream so ordering
 * per user holds, and records where the run started and when it completed. One run at a time, in
 * the background.
 */
@Service
class SnapshotRuns {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRuns.class);
    private static final int PAGE = 500;

    private final JdbcClient jdbc;
    private final CommandSender commands;
    private final CurrentActor actor;
    private final Duration settle;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "snapshot-run"));

    SnapshotRuns(JdbcClient jdbc, CommandSender commands, CurrentActor actor,
                 @Value("${user-sync.snapshot-runs.settle:1s}") Duration settle) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.actor = actor;
        this.settle = settle;
    }

    SnapshotRun start() {
        return start(actor.id());
    }

    @Scheduled(cron = "${user-sync.snapshot-runs.cron:-}")
    void scheduled() {
        start("snapshot-schedule");
    }

    private synchronized SnapshotRun start(String startedBy) {
        Optional<SnapshotRun> running = runs().stream().filter(r -> r.status().equals("RUNNING")).findFirst();
        if (running.isPresent()) {
            return running.get();
        }
        UUID runId = UUID.randomUUID();
        long startPosition = jdbc.sql("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry").query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO snapshot_run (run_id, started_at, start_position, users, status, started_by)
                        VALUES (?, ?, ?, 0, 'RUNNING', ?)""")
                .params(runId, now(), startPosition, startedBy).update();
        worker.submit(() -> run(runId, startedBy));
        return run(runId).orElseThrow();
    }

    private void run(UUID runId, String startedBy) {
        try {
            // Let transactions that took an index below the start position commit first.
            Thread.sleep(settle.toMillis());
            long users = 0;
            UUID after = new UUID(0, 0);
            List<UUID> page;
            do {
                page = jdbc.sql("SELECT user_id FROM user_directory WHERE status = 'ACTIVE' AND user_id > ? ORDER BY user_id LIMIT " + PAGE)
                        .param(after).query(UUID.class).list();
                for (UUID userId : page) {
                    snapshot(userId, runId, startedBy);
                    users++;
                }
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1);
                    jdbc.sql("UPDATE snapshot_run SET users = ? WHERE run_id = ?").params(users, runId).update();
                }
            } while (page.size() == PAGE);
            jdbc.sql("UPDATE snapshot_run SET users = ?, status = 'COMPLETED', completed_at = ? WHERE run_id = ?")
                    .params(users, now(), runId).update();
            log.info("Snapshot run {} completed: {} users", runId, users);
        } catch (Exception failure) {
            log.error("Snapshot run {} failed", runId, failure);
            jdbc.sql("UPDATE snapshot_run SET status = 'FAILED', completed_at = ? WHERE run_id = ?").params(now(), runId).update();
        }
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

    List<SnapshotRun> runs() {
        return jdbc.sql("SELECT * FROM snapshot_run ORDER BY started_at DESC").query(this::map).list();
    }

    Optional<SnapshotRun> run(UUID runId) {
        return jdbc.sql("SELECT * FROM snapshot_run WHERE run_id = ?").param(runId).query(this::map).optional();
    }

    Optional<SnapshotRun> latestCompleted() {
        return jdbc.sql("SELECT * FROM snapshot_run WHERE status = 'COMPLETED' ORDER BY completed_at DESC LIMIT 1")
                .query(this::map).optional();
    }

    private SnapshotRun map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime completed = rs.getObject("completed_at", OffsetDateTime.class);
        return new SnapshotRun(rs.getObject("run_id", UUID.class), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getLong("start_position"), completed == null ? null : completed.toInstant(), rs.getLong("users"),
                rs.getString("status"), rs.getString("started_by"));
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
