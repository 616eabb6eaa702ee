package com.example.usersync.command.config;

import com.example.usersync.platform.web.PeerService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Period;
import java.util.List;

/**
 * The user service's own settings ({@code user-sync.*}), bound and checked at start: a value that
 * cannot work stops the start with a message that names the setting. The defaults are here and only
 * here; {@code application.yml} holds the environment-variable indirections and what is not a default.
 * What both services share (master key, accounts, JWTs, access log, API documentation, request limits)
 * is the platform's.
 *
 * @param aggregateSnapshots snapshots of the User aggregate
 * @param eventStore         the event store database as the projection reads it
 * @param projectionService  the tool-sync service, read for data exports (what each tool holds) as an AUDITOR
 *                           account; a projection that is down or hung makes an export partial within the timeouts
 * @param erasure            what an erasure must achieve
 * @param tools              how the tools are learned from the tool-sync service
 * @param erasureJournal     the erasure journal, kept outside the event store's backups (its database:
 *                           {@code user-sync.erasure-journal.datasource.*})
 * @param export             data exports (GDPR Art. 15), built in the background
 * @param snapshotRuns       snapshot runs for tools that rebuild
 * @param console            the web console ({@code /console}): the account it calls the tool-sync service's admin API with
 */
@Validated
@ConfigurationProperties("user-sync")
public record UserCommandSettings(
        @Valid @DefaultValue AggregateSnapshotSettings aggregateSnapshots,
        @Valid @DefaultValue EventStoreSettings eventStore,
        @Valid @NotNull @NestedConfigurationProperty PeerService projectionService,
        @Valid @DefaultValue ErasureSettings erasure,
        @Valid @DefaultValue ToolsSettings tools,
        @Valid @DefaultValue ErasureJournalSettings erasureJournal,
        @Valid @DefaultValue ExportSettings export,
        @Valid @DefaultValue SnapshotRunSettings snapshotRuns,
        @Valid @DefaultValue ConsoleSettings console) {

    /**
     * Snapshots of the User aggregate ({@code user-sync.aggregate-snapshots}).
     *
     * @param threshold Snapshot a user's aggregate every this many events (off the request thread).
     */
    public record AggregateSnapshotSettings(
            @DefaultValue("100") @Min(1) int threshold) {}

    /**
     * The event store database as user-projection reads it ({@code user-sync.event-store}). On PostgreSQL, after
     * every migration the reader role may SELECT exactly the reader tables and nothing else; earlier grants and
     * default privileges are revoked.
     *
     * @param readerRole   PostgreSQL role user-projection reads this database as (PROJECTION_READER_ROLE). A role
     *                     that does not exist is left alone; "-" turns the grants off.
     * @param readerTables Tables the reader role may SELECT, and nothing else.
     */
    public record EventStoreSettings(
            @NotNull @Pattern(regexp = "-|[a-z_][a-z0-9_]{0,62}", message = "must be a lower-case SQL identifier or -")
            String readerRole,

            @DefaultValue({"domain_event_entry", "subject_key"})
            List<
                            @NotNull
                            @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}", message = "must be lower-case SQL identifiers")
                            String>
                    readerTables) {

        public EventStoreSettings {
            readerRole = readerRole == null ? null : readerRole.trim();
            readerTables = readerTables.stream()
                    .map(table -> table == null ? null : table.trim())
                    .toList();
        }
    }

    /**
     * What an erasure must achieve ({@code user-sync.erasure}). A deadline that cannot be added to an instant
     * (months or years have no fixed length) would otherwise break every erasure read.
     *
     * @param requiredTools Tools known before the tool-sync service is first reached (optional): every tool it lists
     *                      is learned and remembered anyway, so this is a seed, not a list to keep in step.
     * @param deadline      Time to complete an erasure (GDPR Art. 12(3): at the latest within one month), in days
     *                      such as P30D; months and years have no fixed length, so P1M is refused at start.
     */
    public record ErasureSettings(
            @DefaultValue
            List<
                            @NotNull
                            @Pattern(regexp = "[a-z][a-z0-9-]{0,39}", message = "must be a tool id like 'billing'")
                            String>
                    requiredTools,

            @DefaultValue("P30D") @NotNull Period deadline) {

        public ErasureSettings {
            if (deadline != null && (deadline.getMonths() != 0 || deadline.getYears() != 0 || deadline.isNegative())) {
                throw new IllegalArgumentException(
                        "user-sync.erasure.deadline must be a non-negative number of days such as P30D, not " + deadline
                                + " (months and years have no fixed length)");
            }
        }
    }

    /**
     * The tools ({@code user-sync.tools}): the tool-sync service defines them (one processor each); this service
     * learns them from its {@code GET /api/tools} and remembers them.
     *
     * @param refreshInterval How often the tool list is read again (at start, and after a failure sooner, with back-off).
     */
    public record ToolsSettings(@DefaultValue("1m") @NotNull Duration refreshInterval) {

        public ToolsSettings {
            if (refreshInterval != null && (refreshInterval.isNegative() || refreshInterval.isZero())) {
                throw new IllegalArgumentException("user-sync.tools.refresh-interval must be a positive duration");
            }
        }
    }

    /**
     * The erasure journal ({@code user-sync.erasure-journal}): every erasure and destroyed key, outside the event
     * store database and its backups, so a restore of the event store cannot bring an erased user back.
     *
     * @param reapplyInterval How often erasures the event store no longer reflects are re-applied (also on start
     *                        and on demand).
     */
    public record ErasureJournalSettings(
            @DefaultValue("PT5M") Duration reapplyInterval) {

        public ErasureJournalSettings {
            requirePositive("user-sync.erasure-journal.reapply-interval", reapplyInterval);
        }
    }

    /**
     * Data exports in the background ({@code user-sync.export}).
     *
     * @param syncWait          How long GET /api/users/{id}/export waits for its job before it answers 202 with the
     *                          job to poll, 0 to 1m (the setting is "wait").
     * @param retention         A finished export (its document encrypted with the user's key) is deleted after this.
     * @param heartbeatInterval How often an instance records that it still works on its exports.
     * @param staleAfter        A RUNNING export without a heartbeat for this long (its instance died) is marked
     *                          FAILED; at least twice the heartbeat interval.
     * @param cleanupInterval   How often expired exports are deleted.
     * @param threads           Exports built at once on this instance.
     * @param queueCapacity     Exports waiting for a thread; beyond it a new export is refused with 503.
     * @param nodeId            This instance as the owner of its exports (NODE_ID); pid@host when blank.
     */
    public record ExportSettings(
            @Name("wait") @DefaultValue("5s") Duration syncWait,
            @DefaultValue("24h") Duration retention,
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("1m") Duration staleAfter,
            @DefaultValue("1m") Duration cleanupInterval,
            @DefaultValue("2") @Min(1) @Max(64) int threads,
            @DefaultValue("100") @Min(0) @Max(10_000) int queueCapacity,
            String nodeId) {

        public ExportSettings {
            if (syncWait.isNegative() || syncWait.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("user-sync.export.wait must be between 0 and 1m, not " + syncWait);
            }
            requirePositive("user-sync.export.retention", retention);
            requirePositive("user-sync.export.heartbeat-interval", heartbeatInterval);
            requirePositive("user-sync.export.cleanup-interval", cleanupInterval);
            if (staleAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException(
                        "user-sync.export.stale-after must be at least twice the heartbeat-interval");
            }
            nodeId = orThisProcess(nodeId);
        }
    }

    /**
     * Snapshot runs ({@code user-sync.snapshot-runs}): one at a time across all instances (a lock row in the database).
     *
     * @param cron              When scheduled runs start, e.g. "0 0 3 * * SUN"; "-" disables the schedule.
     * @param settle            Wait before the first page, so transactions below the start position commit.
     * @param heartbeatInterval How often a running run records that its owner is alive.
     * @param staleAfter        A RUNNING run without a heartbeat for this long (its owner died) is marked FAILED and
     *                          its lock taken over; at least twice the heartbeat interval.
     * @param nodeId            This instance as the owner of a run (NODE_ID, unique per instance); pid@host when blank.
     */
    public record SnapshotRunSettings(
            @DefaultValue("-") @NotNull String cron,
            @DefaultValue("1s") Duration settle,
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("1m") Duration staleAfter,
            String nodeId) {

        public SnapshotRunSettings {
            if (cron != null && scheduled(cron) && !CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException(
                        "user-sync.snapshot-runs.cron must be a cron expression such as \"0 0 3 * * SUN\" or -, not "
                                + cron);
            }
            requirePositive("user-sync.snapshot-runs.heartbeat-interval", heartbeatInterval);
            if (staleAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException(
                        "user-sync.snapshot-runs.stale-after must be at least twice the heartbeat-interval");
            }
            nodeId = orThisProcess(nodeId);
        }

        /** False when {@code cron} is {@code -}. */
        public boolean scheduled() {
            return scheduled(cron);
        }

        private static boolean scheduled(String cron) {
            return !"-".equals(cron);
        }
    }

    /**
     * The web console ({@code user-sync.console}). Its operator pages call the tool-sync service's admin API (at
     * {@code user-sync.projection-service.url}, with its timeouts) as this service account, an OPERATOR account there
     * listed in its {@code user-sync.access-log.delegates}, naming the person at the console in X-On-Behalf-Of; the
     * console checks the person's own role before each call. Unset: the operator pages say so.
     *
     * @param projectionUsername the console's OPERATOR account at the tool-sync service (CONSOLE_PROJECTION_USERNAME)
     * @param projectionPassword its password (CONSOLE_PROJECTION_PASSWORD)
     */
    public record ConsoleSettings(String projectionUsername, String projectionPassword) {

        public boolean configured() {
            return projectionUsername != null && !projectionUsername.isBlank();
        }

        /** Without the password (frameworks log bound properties at DEBUG). */
        @Override
        public String toString() {
            return "ConsoleSettings[projectionUsername=" + projectionUsername + ", projectionPassword="
                    + (projectionPassword == null ? null : "[redacted]") + "]";
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
        }
    }

    private static String orThisProcess(String nodeId) {
        return nodeId == null || nodeId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName()
                : nodeId;
    }
}
