package com.example.usersync.command.erasure;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.command.eventstore.StoredEvents;
import com.example.usersync.command.user.CommandSender;
import com.example.usersync.command.user.ReapplyErasure;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.UserDeleted;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-applies every journaled erasure that the event store no longer reflects, e.g. after the event
 * store was restored from a backup taken before the erasure: the key is destroyed again and, where
 * the user's stream is back without its deletion, a new {@link UserDeleted} is appended, caused by
 * the journaled one; the directory, the email claim, the ledger and the tools follow as for any
 * deletion. Where the stream does not exist at all, the journal's key tombstone is enough.
 * Runs when the service is ready, on a schedule and on demand; idempotent, and safe on several
 * instances at once (the aggregate ignores a deletion it already holds).
 */
@Component
class ErasureReapplication implements SchedulingConfigurer {

    /** The actor of re-applied deletions: the service itself, on the journal's behalf. */
    static final String ACTOR = "system:erasure-journal";

    private static final Logger log = LoggerFactory.getLogger(ErasureReapplication.class);

    /**
     * @param checked   journal entries looked at
     * @param reapplied entries the event store did not reflect, now re-applied
     * @param failed    entries that could not be re-applied this time (the next run tries again)
     */
    @Schema(name = "ErasureReapplyReport", description = "One re-application run.")
    record Report(
            @Schema(description = "Journal entries looked at.", example = "120")
            int checked,

            @Schema(description = "Entries the event store did not reflect, now re-applied.", example = "1")
            int reapplied,

            @Schema(
                    description = "Entries that could not be re-applied this time (the next run tries again).",
                    example = "0")
            int failed) {}

    private record StreamState(long events, long deletions, long liveKeys) {
        static final StreamState NONE = new StreamState(0, 0, 0);
    }

    private static final int PAGE = 500;
    /**
     * Scheduled runs leave younger entries alone: a deletion is journaled just before its events
     * commit, so a very young entry may still be on its way into the event store.
     */
    static final Duration IN_FLIGHT = Duration.ofMinutes(1);

    private final ErasureJournal journal;
    private final JdbcClient eventStore;
    private final StoredEvents events;
    private final SubjectKeys keys;
    private final CommandSender commands;
    private final Clock clock;
    private final Duration interval;

    ErasureReapplication(
            ErasureJournal journal,
            JdbcClient eventStore,
            StoredEvents events,
            SubjectKeys keys,
            CommandSender commands,
            UserCommandSettings settings,
            Clock clock) {
        this.journal = journal;
        this.eventStore = eventStore;
        this.events = events;
        this.keys = keys;
        this.commands = commands;
        this.clock = clock;
        this.interval = settings.erasureJournal().reapplyInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        adoptEventStoreLedger();
        Report report = reapply();
        log.info(
                "Erasure journal checked on start: {} entries, {} re-applied, {} failed",
                report.checked(),
                report.reapplied(),
                report.failed());
    }

    /** Every interval after the previous run ended; the first one interval after the start (the start ran its own). */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::onSchedule, interval, interval));
    }

    void onSchedule() {
        Report report = reapply(clock.instant().minus(IN_FLIGHT));
        if (report.reapplied() > 0 || report.failed() > 0) {
            log.warn(
                    "Erasure journal: {} entries checked, {} re-applied, {} failed",
                    report.checked(),
                    report.reapplied(),
                    report.failed());
        }
    }

    /** Every entry, however young: on start and when an operator asks (e.g. right after a restore). */
    Report reapply() {
        return reapply(Instant.MAX);
    }

    /** @param requestedUpTo entries requested later than this are left for a later run */
    synchronized Report reapply(Instant requestedUpTo) {
        int checked = 0;
        int reapplied = 0;
        int failed = 0;
        List<ErasureJournal.Entry> page = journal.page(null, PAGE);
        while (!page.isEmpty()) {
            Map<String, StreamState> states = streamStates(page);
            for (ErasureJournal.Entry entry : page) {
                if (entry.requestedAt().isAfter(requestedUpTo)) {
                    continue;
                }
                checked++;
                try {
                    if (reapply(entry, states.getOrDefault(entry.userId().toString(), StreamState.NONE))) {
                        reapplied++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    // Ids only: exception messages may quote database rows.
                    log.error(
                            "Could not re-apply the journaled erasure of user {} ({})",
                            entry.userId(),
                            e.getClass().getSimpleName());
                }
            }
            page = page.size() < PAGE
                    ? List.of()
                    : journal.page(page.get(page.size() - 1).userId(), PAGE);
        }
        return new Report(checked, reapplied, failed);
    }

    private boolean reapply(ErasureJournal.Entry entry, StreamState state) {
        boolean deletionMissing = state.events() > 0 && state.deletions() == 0;
        if (state.liveKeys() == 0 && !deletionMissing) {
            return false;
        }
        keys.destroy(entry.userId().toString());
        if (deletionMissing) {
            commands.sendAs(
                    new ReapplyErasure(entry.userId(), entry.deletionEventId(), entry.reason(), entry.requestedBy()),
                    ACTOR);
        }
        log.warn("Re-applied the journaled erasure of user {}: the event store had lost it", entry.userId());
        return true;
    }

    /** What the event store holds of a page of journaled users: two queries per page, not per user. */
    private Map<String, StreamState> streamStates(List<ErasureJournal.Entry> page) {
        List<String> ids = page.stream().map(entry -> entry.userId().toString()).toList();
        Map<String, StreamState> states = new HashMap<>();
        events.streamCounts(ids, UserDeleted.class.getName())
                .forEach((userId, count) -> states.put(userId, new StreamState(count.events(), count.ofType(), 0)));
        eventStore
                .sql("SELECT subject_id FROM subject_key WHERE subject_id IN (:ids) AND wrapped_key IS NOT NULL")
                .param("ids", ids)
                .query(String.class)
                .list()
                .forEach(subject -> states.merge(
                        subject,
                        new StreamState(0, 0, 1),
                        (known, key) -> new StreamState(known.events(), known.deletions(), 1)));
        return states;
    }

    /**
     * Erasures recorded before the journal existed (a database written by an older version) are
     * journaled from the event store's own ledger and key tombstones; existing entries stay as they
     * are. Once adopted, the journal holds at least as many as the event store (a restored store
     * holds fewer), so later starts skip this after two counts.
     */
    private void adoptEventStoreLedger() {
        if (journal.entries()
                < eventStore
                        .sql("SELECT COUNT(*) FROM erasure_request")
                        .query(Long.class)
                        .single()) {
            eventStore
                    .sql(
                            "SELECT user_id, deletion_event_id, requested_at, reason, requested_by, actor FROM erasure_request")
                    .query((row, n) -> new ErasureJournal.Entry(
                            row.getObject("user_id", UUID.class),
                            row.getString("deletion_event_id"),
                            row.getTimestamp("requested_at").toInstant(),
                            ErasureReason.valueOf(row.getString("reason")),
                            ErasureRequester.valueOf(row.getString("requested_by")),
                            row.getString("actor")))
                    .list()
                    .forEach(journal::record);
        }
        if (journal.tombstones()
                < eventStore
                        .sql("SELECT COUNT(*) FROM subject_key WHERE destroyed_at IS NOT NULL")
                        .query(Long.class)
                        .single()) {
            eventStore
                    .sql("SELECT subject_id FROM subject_key WHERE destroyed_at IS NOT NULL")
                    .query(String.class)
                    .list()
                    .forEach(journal::tombstone);
        }
    }
}
