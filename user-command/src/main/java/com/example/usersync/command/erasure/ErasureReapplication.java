package com.example.usersync.command.erasure;

import com.example.usersync.command.user.ReapplyErasure;
import com.example.usersync.command.web.CommandSender;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.events.user.UserDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

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
class ErasureReapplication {

    /** The actor of re-applied deletions: the service itself, on the journal's behalf. */
    static final String ACTOR = "system:erasure-journal";
    private static final Logger log = LoggerFactory.getLogger(ErasureReapplication.class);

    /**
     * @param checked   journal entries looked at
     * @param reapplied entries the event store did not reflect, now re-applied
     * @param failed    entries that could not be re-applied this time (the next run tries again)
     */
    record Report(int checked, int reapplied, int failed) {
    }

    private record StreamState(long events, long deletions, long liveKeys) {
    }

    private final ErasureJournal journal;
    private final JdbcClient eventStore;
    private final SubjectKeys keys;
    private final CommandSender commands;

    ErasureReapplication(ErasureJournal journal, JdbcClient eventStore, SubjectKeys keys, CommandSender commands) {
        this.journal = journal;
        this.eventStore = eventStore;
        this.keys = keys;
        this.commands = commands;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        adoptEventStoreLedger();
        Report report = reapply();
        log.info("Erasure journal checked on start: {} entries, {} re-applied, {} failed",
                report.checked(), report.reapplied(), report.failed());
    }

    @Scheduled(fixedDelayString = "${user-sync.erasure-journal.reapply-interval:PT5M}",
            initialDelayString = "${user-sync.erasure-journal.reapply-interval:PT5M}")
    void onSchedule() {
        Report report = reapply();
        if (report.reapplied() > 0 || report.failed() > 0) {
            log.warn("Erasure journal: {} entries checked, {} re-applied, {} failed",
                    report.checked(), report.reapplied(), report.failed());
        }
    }

    synchronized Report reapply() {
        int checked = 0;
        int reapplied = 0;
        int failed = 0;
        for (ErasureJournal.Entry entry : journal.all()) {
            checked++;
            try {
                if (reapply(entry)) {
                    reapplied++;
                }
            } catch (RuntimeException e) {
                failed++;
                // Ids only: exception messages may quote database rows.
                log.error("Could not re-apply the journaled erasure of user {} ({})", entry.userId(), e.getClass().getSimpleName());
            }
        }
        return new Report(checked, reapplied, failed);
    }

    private boolean reapply(ErasureJournal.Entry entry) {
        String subject = entry.userId().toString();
        StreamState state = streamState(subject);
        boolean deletionMissing = state.events() > 0 && state.deletions() == 0;
        if (state.liveKeys() == 0 && !deletionMissing) {
            return false;
        }
        keys.destroy(subject);
        if (deletionMissing) {
            commands.sendAs(new ReapplyErasure(entry.userId(), entry.deletionEventId(), entry.reason(), entry.requestedBy()), ACTOR);
        }
        log.warn("Re-applied the journaled erasure of user {}: the event store had lost it", entry.userId());
        return true;
    }

    private StreamState streamState(String subject) {
        return eventStore.sql("""
                        SELECT (SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = :id) AS events,
                               (SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = :id AND payload_type = :deleted) AS deletions,
                               (SELECT COUNT(*) FROM subject_key WHERE subject_id = :id AND wrapped_key IS NOT NULL) AS live_keys""")
                .param("id", subject)
                .param("deleted", UserDeleted.class.getName())
                .query((row, n) -> new StreamState(row.getLong("events"), row.getLong("deletions"), row.getLong("live_keys")))
                .single();
    }

    /**
     * Erasures recorded before the journal existed (a database written by an older version) are
     * journaled from the event store's own ledger and key tombstones; existing entries stay as they are.
     */
    private void adoptEventStoreLedger() {
        eventStore.sql("SELECT user_id, deletion_event_id, requested_at, reason, requested_by, actor FROM erasure_request")
                .query((row, n) -> new ErasureJournal.Entry(row.getObject("user_id", UUID.class), row.getString("deletion_event_id"),
                        row.getTimestamp("requested_at").toInstant(),
                        com.example.usersync.events.user.ErasureReason.valueOf(row.getString("reason")),
                        com.example.usersync.events.user.ErasureRequester.valueOf(row.getString("requested_by")),
                        row.getString("actor")))
                .list()
                .forEach(journal::record);
        eventStore.sql("SELECT subject_id FROM subject_key WHERE destroyed_at IS NOT NULL").query(String.class).list()
                .forEach(journal::tombstone);
    }
}
