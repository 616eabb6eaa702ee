package com.example.usersync.command.audit;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.command.config.UserCommandSettings.ExportSettings;
import com.example.usersync.command.user.UserDirectory;
import com.example.usersync.command.user.UserRejected;
import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.privacy.SubjectErased;
import com.example.usersync.logging.Redacted;
import com.example.usersync.platform.jdbc.SqlTimes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Data exports as background jobs: a job per request, built on a bounded executor of its own, its
 * state in the {@code export_job} table so any instance answers a poll and a crash leaves no job
 * RUNNING for ever.
 * <ul>
 * <li>One export of a user runs at a time across every instance: the running job holds the user's
 * id in a unique column, and a second request joins it.</li>
 * <li>The owner records a heartbeat for the jobs it works on; a RUNNING job without one for
 * {@code stale-after} is failed (on start this instance's own jobs from its previous process at once).</li>
 * <li>The document is stored encrypted with the user's own key: an erasure makes it unreadable, and
 * the user's jobs are deleted with the erasure ({@link ExportErasure}) and by the cleanup. An erased
 * user's export is never stored (there is no key left to protect it).</li>
 * <li>Finished jobs are deleted after the retention.</li>
 * </ul>
 */
@Service
public class ExportJobs implements SchedulingConfigurer {

    public enum Status {
        RUNNING,
        COMPLETED,
        FAILED
    }

    /** Why a job failed: a reason, never personal data or an exception message. */
    public enum Failure {
        /** The instance that ran it stopped (crash, kill, lost node) before it finished. */
        OWNER_STOPPED,
        /** The user was erased while the export was built. */
        USER_ERASED,
        /** A database or service the export reads was unavailable. */
        DEPENDENCY_UNAVAILABLE,
        /** Every export thread and queue slot of the instance was taken. */
        QUEUE_FULL,
        INTERNAL_ERROR
    }

    /** A job as stored; {@code document} in its encrypted stored form, null unless COMPLETED. */
    public record Job(
            UUID id,
            UUID userId,
            Status status,
            Failure error,
            String requestedBy,
            String owner,
            Instant requestedAt,
            Instant completedAt,
            Instant expiresAt,
            String document) {
        @Override
        public String toString() {
            return Redacted.toString(this, "document");
        }
    }

    /** The instance cannot take another export now. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("Every export slot is taken; retry later.", null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final ExportDocuments documents;
    private final UserDirectory directory;
    private final PersonalDataCipher cipher;
    private final ObjectMapper json;
    private final ExportSettings settings;
    private final Clock clock;
    /** Jobs of this owner requested before this are its previous process's. */
    private final OffsetDateTime processStart;

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    /** The jobs this instance works on (queued or running), completed when they end. */
    private final Map<UUID, CompletableFuture<Void>> working = new ConcurrentHashMap<>();

    ExportJobs(
            JdbcClient jdbc,
            ExportDocuments documents,
            UserDirectory directory,
            PersonalDataCipher cipher,
            ObjectMapper json,
            UserCommandSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.directory = directory;
        this.cipher = cipher;
        this.json = json;
        this.settings = settings.export();
        this.clock = clock;
        this.processStart = SqlTimes.now(clock);
        executor.setCorePoolSize(this.settings.threads());
        executor.setMaxPoolSize(this.settings.threads());
        executor.setQueueCapacity(this.settings.queueCapacity());
        executor.setThreadNamePrefix("export-");
        executor.initialize();
    }

    /**
     * Starts an export of the user, or joins the one running (on any instance).
     *
     * @return empty for an erased user: nothing of them may be stored, the caller builds it at once
     * @throws UserRejected for an unknown user
     * @throws Busy         when this instance's export queue is full
     */
    public Optional<Job> startOrJoin(UUID userId, String requester) {
        switch (directory.presence(userId)) {
            case UNKNOWN -> throw UserRejected.unknown(userId);
            case ERASED -> {
                return Optional.empty();
            }
            case ACTIVE -> {}
        }
        for (int attempt = 1; ; attempt++) {
            Optional<Job> running = running(userId);
            if (running.isPresent()) {
                if (failStale(running.get().id()) == 0) {
                    return running;
                }
                continue;
            }
            UUID jobId = UUID.randomUUID();
            OffsetDateTime now = SqlTimes.now(clock);
            try {
                jdbc.sql("""
                                INSERT INTO export_job (job_id, user_id, running_user_id, requested_by, status, owner, heartbeat_at, requested_at)
                                VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?)""")
                        .params(jobId, userId, userId, requester, settings.nodeId(), now, now)
                        .update();
            } catch (DuplicateKeyException startedConcurrently) {
                if (attempt == 3) {
                    throw startedConcurrently;
                }
                continue;
            }
            Job started = new Job(
                    jobId,
                    userId,
                    Status.RUNNING,
                    null,
                    requester,
                    settings.nodeId(),
                    now.toInstant(),
                    null,
                    null,
                    null);
            submit(jobId, userId, requester);
            // As inserted: a quick job may already have ended, and the answer says it was started.
            return Optional.of(started);
        }
    }

    private void submit(UUID jobId, UUID userId, String requester) {
        working.put(jobId, new CompletableFuture<>());
        try {
            executor.execute(() -> run(jobId, userId, requester));
        } catch (TaskRejectedException full) {
            end(jobId);
            fail(jobId, Failure.QUEUE_FULL);
            throw new Busy();
        }
    }

    private void run(UUID jobId, UUID userId, String requester) {
        try {
            String stored =
                    cipher.encrypt(userId.toString(), json.writeValueAsString(documents.build(userId, requester)));
            OffsetDateTime now = SqlTimes.now(clock);
            int completed = jdbc.sql("""
                            UPDATE export_job SET status = 'COMPLETED', document = ?, completed_at = ?, expires_at = ?,
                                heartbeat_at = ?, running_user_id = NULL
                            WHERE job_id = ? AND status = 'RUNNING'""")
                    .params(stored, now, now.plus(settings.retention()), now, jobId)
                    .update();
            if (completed == 0) {
                log.warn(
                        "Export {} finished after it was failed as stale or its user erased; its document is dropped",
                        jobId);
            }
        } catch (SubjectErased erased) {
            fail(jobId, Failure.USER_ERASED);
        } catch (JsonProcessingException | RuntimeException failure) {
            // The class only: messages may quote SQL, URLs or data.
            log.warn("Export {} failed: {}", jobId, failure.getClass().getName());
            fail(jobId, unavailable(failure) ? Failure.DEPENDENCY_UNAVAILABLE : Failure.INTERNAL_ERROR);
        } finally {
            end(jobId);
        }
    }

    private void end(UUID jobId) {
        CompletableFuture<Void> done = working.remove(jobId);
        if (done != null) {
            done.complete(null);
        }
    }

    private void fail(UUID jobId, Failure failure) {
        try {
            OffsetDateTime now = SqlTimes.now(clock);
            jdbc.sql("""
                            UPDATE export_job SET status = 'FAILED', error = ?, completed_at = ?, expires_at = ?, running_user_id = NULL
                            WHERE job_id = ? AND status = 'RUNNING'""")
                    .params(failure.name(), now, now.plus(settings.retention()), jobId)
                    .update();
        } catch (RuntimeException down) {
            // The job stays RUNNING without heartbeats: the stale sweep fails it.
            log.warn(
                    "Export {} could not be marked failed: {}",
                    jobId,
                    down.getClass().getName());
        }
    }

    private static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof org.springframework.web.client.ResourceAccessException) {
                return true;
            }
        }
        return false;
    }

    /** The job, unless unknown or expired. */
    public Optional<Job> find(UUID jobId) {
        return jdbc.sql("SELECT * FROM export_job WHERE job_id = ? AND (expires_at IS NULL OR expires_at > ?)")
                .params(jobId, SqlTimes.now(clock))
                .query(this::map)
                .optional();
    }

    private Job job(UUID jobId) {
        return find(jobId).orElseThrow(UserRejected::noExport);
    }

    private Optional<Job> running(UUID userId) {
        return jdbc.sql("SELECT * FROM export_job WHERE running_user_id = ?")
                .param(userId)
                .query(this::map)
                .optional();
    }

    /**
     * Waits until the job ends or the time is up.
     *
     * @return the job as it is then
     */
    Job await(UUID jobId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<Void> local = working.get(jobId);
        try {
            if (local != null) {
                local.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                // Another instance runs it: its progress is only in the table.
                while (job(jobId).status() == Status.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(
                            Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                }
            }
        } catch (TimeoutException stillRunning) {
            // Answered as RUNNING.
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return job(jobId);
    }

    /**
     * The completed job's document.
     *
     * @throws UserRejected (unknown export) when it can no longer be read: its user was erased
     */
    public JsonNode document(Job job) {
        String plaintext = cipher.decrypt(job.document());
        if (plaintext == null) {
            forget(job.userId());
            throw UserRejected.noExport();
        }
        try {
            return json.readTree(plaintext);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored export " + job.id() + " is not JSON");
        }
    }

    /** Deletes every export of the user: part of their erasure. */
    void forget(UUID userId) {
        jdbc.sql("DELETE FROM export_job WHERE user_id = ?").param(userId).update();
    }

    /** On start: this instance's own jobs died with its previous process; other instances' once stale. */
    @EventListener(ApplicationReadyEvent.class)
    void recoverOnStart() {
        OffsetDateTime now = SqlTimes.now(clock);
        int failed = jdbc.sql("""
                        UPDATE export_job SET status = 'FAILED', error = 'OWNER_STOPPED', completed_at = ?, expires_at = ?, running_user_id = NULL
                        WHERE status = 'RUNNING' AND owner = ? AND requested_at < ?""")
                .params(now, now.plus(settings.retention()), settings.nodeId(), processStart)
                .update();
        failed += failStale();
        if (failed > 0) {
            log.warn("{} export(s) left RUNNING by a stopped instance were marked FAILED", failed);
        }
    }

    /** The heartbeat and the cleanup, each every its interval after the previous run ended. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::heartbeat, settings.heartbeatInterval());
        tasks.addFixedDelayTask(this::deleteExpired, settings.cleanupInterval());
    }

    /** Records that this instance still works on its jobs, then fails the jobs whose owner stopped. */
    void heartbeat() {
        List<UUID> mine = new ArrayList<>(working.keySet());
        for (int from = 0; from < mine.size(); from += CHUNK) {
            List<UUID> chunk = mine.subList(from, Math.min(mine.size(), from + CHUNK));
            List<Object> params = new ArrayList<>(List.of(SqlTimes.now(clock), settings.nodeId()));
            params.addAll(chunk);
            jdbc.sql("UPDATE export_job SET heartbeat_at = ? WHERE status = 'RUNNING' AND owner = ? AND job_id IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(params)
                    .update();
        }
        int failed = failStale();
        if (failed > 0) {
            log.warn("{} export(s) without a heartbeat for {} were marked FAILED", failed, settings.staleAfter());
        }
    }

    private int failStale() {
        return failStale(null);
    }

    /** @param jobId only this job, or every job when null */
    private int failStale(UUID jobId) {
        OffsetDateTime now = SqlTimes.now(clock);
        return jdbc.sql("""
                        UPDATE export_job SET status = 'FAILED', error = 'OWNER_STOPPED', completed_at = ?, expires_at = ?, running_user_id = NULL
                        WHERE status = 'RUNNING' AND heartbeat_at < ?""" + (jobId == null ? "" : " AND job_id = ?"))
                .params(
                        jobId == null
                                ? List.of(now, now.plus(settings.retention()), now.minus(settings.staleAfter()))
                                : List.of(now, now.plus(settings.retention()), now.minus(settings.staleAfter()), jobId))
                .update();
    }

    /** Deletes expired exports, and any export of an erased user that escaped the erasure's own delete. */
    int deleteExpired() {
        int expired = jdbc.sql("DELETE FROM export_job WHERE expires_at <= ?")
                .param(SqlTimes.now(clock))
                .update();
        Set<UUID> erasedUsers = directory.erasedAmong(jdbc.sql("SELECT DISTINCT user_id FROM export_job")
                .query(UUID.class)
                .list());
        int erased = erasedUsers.isEmpty()
                ? 0
                : jdbc.sql("DELETE FROM export_job WHERE user_id IN (:ids)")
                        .param("ids", erasedUsers)
                        .update();
        return expired + erased;
    }

    private Job map(ResultSet rs, int row) throws SQLException {
        String error = rs.getString("error");
        return new Job(
                rs.getObject("job_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                Status.valueOf(rs.getString("status")),
                error == null ? null : Failure.valueOf(error),
                rs.getString("requested_by"),
                rs.getString("owner"),
                SqlTimes.instant(rs, "requested_at"),
                SqlTimes.instant(rs, "completed_at"),
                SqlTimes.instant(rs, "expires_at"),
                rs.getString("document"));
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
