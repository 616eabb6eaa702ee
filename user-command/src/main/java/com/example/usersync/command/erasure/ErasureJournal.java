package com.example.usersync.command.erasure;

import com.example.usersync.events.privacy.SubjectTombstones;
import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The source of truth for "this user was erased": every accepted deletion and every destroyed key,
 * in a database whose backups are independent of the event store's. Each write commits on its
 * own, at once (it cannot share the event store's transaction), before the event transaction
 * commits: an acknowledged deletion is always journaled, and one whose events then fail to commit
 * is completed by {@link ErasureReapplication}.
 */
public class ErasureJournal implements SubjectTombstones {

    /** One journaled erasure request. Ids, enums and times only: no personal data. */
    record Entry(
            UUID userId,
            String deletionEventId,
            Instant requestedAt,
            ErasureReason reason,
            ErasureRequester requestedBy,
            String actor) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    ErasureJournal(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** Journals the first deletion of a user; a re-applied deletion keeps the original entry. */
    void record(Entry entry) {
        if (find(entry.userId()).isPresent()) {
            return;
        }
        try {
            jdbc.sql("""
                            INSERT INTO erasure_journal (user_id, deletion_event_id, requested_at, reason, requested_by, actor)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(
                            entry.userId(),
                            entry.deletionEventId(),
                            Timestamp.from(entry.requestedAt()),
                            entry.reason().name(),
                            entry.requestedBy().name(),
                            entry.actor())
                    .update();
        } catch (DuplicateKeyException concurrentlyJournaled) {
            // Another instance journaled the same user first: the first entry stands.
        }
    }

    Optional<Entry> find(UUID userId) {
        return jdbc.sql("SELECT * FROM erasure_journal WHERE user_id = ?")
                .param(userId)
                .query(ErasureJournal::entry)
                .optional();
    }

    /** Keyset paging over the whole journal, in the database's user id order; {@code after} null for the first page. */
    List<Entry> page(UUID after, int limit) {
        if (after == null) {
            return jdbc.sql("SELECT * FROM erasure_journal ORDER BY user_id LIMIT " + limit)
                    .query(ErasureJournal::entry)
                    .list();
        }
        return jdbc.sql("SELECT * FROM erasure_journal WHERE user_id > ? ORDER BY user_id LIMIT " + limit)
                .param(after)
                .query(ErasureJournal::entry)
                .list();
    }

    long entries() {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_journal")
                .query(Long.class)
                .single();
    }

    long tombstones() {
        return jdbc.sql("SELECT COUNT(*) FROM subject_tombstone")
                .query(Long.class)
                .single();
    }

    /**
     * Keyset paging in request order, oldest first.
     *
     * @param afterAt the previous page's last request time, null for the first page
     * @param afterId the previous page's last user id (with {@code afterAt})
     */
    List<Entry> requestedAfter(Instant afterAt, UUID afterId, int limit) {
        if (afterAt == null) {
            return jdbc.sql("SELECT * FROM erasure_journal ORDER BY requested_at, user_id LIMIT " + limit)
                    .query(ErasureJournal::entry)
                    .list();
        }
        Timestamp at = Timestamp.from(afterAt);
        return jdbc.sql("""
                        SELECT * FROM erasure_journal
                        WHERE requested_at > ? OR (requested_at = ? AND user_id > ?)
                        ORDER BY requested_at, user_id LIMIT ?""")
                .params(at, at, afterId, limit)
                .query(ErasureJournal::entry)
                .list();
    }

    @Override
    public boolean isTombstoned(String subject) {
        return jdbc.sql("SELECT COUNT(*) FROM subject_tombstone WHERE subject_id = ?")
                        .param(subject)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public void tombstone(String subject) {
        if (isTombstoned(subject)) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO subject_tombstone (subject_id, destroyed_at) VALUES (?, ?)")
                    .params(subject, Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException concurrentlyTombstoned) {
            // Already recorded by a concurrent destroy.
        }
    }

    private static Entry entry(java.sql.ResultSet row, int rowNumber) throws java.sql.SQLException {
        return new Entry(
                row.getObject("user_id", UUID.class),
                row.getString("deletion_event_id"),
                row.getTimestamp("requested_at").toInstant(),
                ErasureReason.valueOf(row.getString("reason")),
                ErasureRequester.valueOf(row.getString("requested_by")),
                row.getString("actor"));
    }
}
