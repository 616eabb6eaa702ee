package com.example.usersync.projection.tools;

import com.example.usersync.projection.processing.ErasureFirstSequencing;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What every tool's projection does: keep one row per user in the tool's table, written only by
 * events newer than the row (order-safe, and a redelivered event is a no-op), removed by
 * {@link UserDeleted}. Every user event carries the user's full state, so an update for a user the
 * tool never saw simply creates the row at that version.
 * <p>
 * Minimisation: a tool holds a user only while the user is entitled to it ({@code access.tools}
 * names the tool), unless the tool declares it needs every user ({@link #needsAllUsers()}). Losing
 * the entitlement removes the row as a deletion would for this tool, without an erasure receipt;
 * the version it happened at is kept ({@link WithheldUsers}) so that older events cannot write the
 * row back, and a later entitlement writes it again.
 * <p>
 * A tool is a subclass annotated with {@link ProcessingGroup}: its table, its columns and its view.
 * Writes run in a savepoint, so a failing write leaves the processing transaction usable for the
 * dead letter and the token advance.
 *
 * @param <V> the tool's view of a user
 */
public abstract class ToolProjection<V> {

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final String table;
    private final WithheldUsers withheld;
    private final ToolReceipts receipts;

    protected ToolProjection(JdbcClient jdbc, PlatformTransactionManager transactions, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.withheld = new WithheldUsers(jdbc);
        this.receipts = new ToolReceipts(jdbc, Clock.systemUTC());
    }

    /**
     * What applying a user's state did.
     * WRITTEN: the row was written. REMOVED: the row was removed (the user may not be held here).
     * WITHHELD: no row to remove; the version at which the user is withheld was recorded.
     * SUPPRESSED: nothing changed: the tool already holds this or a newer state, or has erased the user.
     */
    public enum Outcome { WRITTEN, REMOVED, WITHHELD, SUPPRESSED }

    /** The tool's columns, besides {@code user_id}, {@code version} and {@code event_time}. */
    protected abstract Map<String, Object> columns(UserState state);

    protected abstract RowMapper<V> view();

    public String name() {
        return getClass().getAnnotation(ProcessingGroup.class).value();
    }

    /**
     * Whether the tool needs every user whatever their entitlements (billing bills every account,
     * free ones included). Decide it per tool, in its definition; the default is data minimisation.
     */
    protected boolean needsAllUsers() {
        return false;
    }

    /** The rule: a tool holds a user only if it needs all users or the user is entitled to it. */
    public final boolean holds(Collection<String> userTools) {
        return needsAllUsers() || userTools.contains(name());
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long version, @Timestamp Instant at) {
        upsert(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    @EventHandler
    void on(UserProfileChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        upsert(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    @EventHandler
    void on(UserAccessChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        upsert(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    /** A snapshot run's restatement: upserted by version like any update. */
    @EventHandler
    void on(UserStateSnapshotted event, @SequenceNumber long version, @Timestamp Instant at) {
        upsert(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    /**
     * Removes everything the tool holds about the user and, in the same transaction, records the
     * erasure receipt for delivery to the user service (once per deletion; replays keep it)
     * and evicts the user's dead letters in this tool: they hold events of a person who is gone,
     * and would only be no-ops if retried (the receipt is the tool's tombstone).
     * <p>
     * The eviction is one statement on our own {@code dead_letter_entry} table, keyed by the String
     * sequence identifier ({@link ErasureFirstSequencing}). Axon's queue API would join this
     * transaction too (its connection provider and transaction manager are Spring's), but it would
     * load and deserialize each letter, whose personal fields can no longer be decrypted, only to
     * delete it by id. The deletion's own sequence ({@code erasure:<id>}) is left to Axon: when this
     * handler runs as its retry, Axon removes the letter on success.
     * <p>
     * The deletion usually runs in another segment than the user's other events. An update of the
     * same user whose transaction is still open in that other segment when this one commits can
     * have checked for the receipt before it existed and insert the row after this delete; such a
     * late row is removed by {@link ErasureSweeper} within a second of its commit.
     */
    @EventHandler
    void on(UserDeleted event, @MessageIdentifier String eventId) {
        savepoint.executeWithoutResult(tx -> jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?")
                .param(name()).param(ErasureFirstSequencing.userSequence(event.userId().toString())).update());
        erase(event.userId(), eventId);
    }

    /**
     * Deletes the rows of users this tool erased since {@code since}: rows an update in another
     * segment wrote after the erasure had checked, see {@link #on(UserDeleted, String)}.
     *
     * @return how many such rows there were
     */
    int sweepErased(Instant since) {
        return savepoint.execute(tx -> jdbc.sql("DELETE FROM " + table + " WHERE user_id IN"
                        + " (SELECT user_id FROM erasure_receipt WHERE tool = ? AND erased_at >= ?)")
                .param(name()).param(utc(since)).update());
    }

    /**
     * Runs in the reset's transaction. From the start: everything goes. From a point in time: the
     * rows written by events since then go, and the replay rebuilds them from their next event;
     * rows untouched since then are already right.
     */
    @ResetHandler
    void onReset(ToolReset reset) {
        if (reset.from() == null) {
            jdbc.sql("DELETE FROM " + table).update();
        } else {
            jdbc.sql("DELETE FROM " + table + " WHERE event_time >= ?").param(utc(reset.from())).update();
        }
        withheld.clear(name(), reset.from());
    }

    public Optional<V> find(UUID userId) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE user_id = ?").param(userId).query(view()).optional();
    }

    /** Rows of a page with the users they are about, in the same order (for the access log). */
    public record Rows<V>(List<UUID> subjects, List<V> items) {
    }

    public Rows<V> page(int page, int size) {
        List<UUID> subjects = new java.util.ArrayList<>();
        RowMapper<V> view = view();
        List<V> items = jdbc.sql("SELECT * FROM " + table + " ORDER BY user_id LIMIT ? OFFSET ?")
                .param(size).param((long) page * size)
                .query((rs, row) -> {
                    subjects.add(rs.getObject("user_id", UUID.class));
                    return view.mapRow(rs, row);
                }).list();
        return new Rows<>(List.copyOf(subjects), items);
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    /** Applies a user's state from the source through the normal, version-guarded path. */
    public Outcome reconcile(UserState state) {
        return upsert(state, false);
    }

    /**
     * Applies a user's state to a row judged at its own version (values no longer matching their
     * hash, or a user the tool may not hold): like {@link #reconcile}, except that a row at the same
     * version is written (or removed) again. A newer row is left alone.
     */
    public Outcome repair(UserState state) {
        return upsert(state, true);
    }

    /**
     * Removes the row of a user the source does not know, only if it is still at most at the given
     * version: a newer row was written concurrently by an event and stays. Not an erasure.
     *
     * @return whether a row was removed
     */
    public boolean forget(UUID userId, long atMostVersion) {
        return Boolean.TRUE.equals(savepoint.execute(tx -> jdbc.sql("DELETE FROM " + table + " WHERE user_id = ? AND version <= ?")
                .param(userId).param(atMostVersion).update() > 0));
    }

    /**
     * Erases a user the source reports erased, with the same effects as applying the deletion event:
     * the row goes and, in the same transaction, the erasure receipt naming that event is recorded
     * for delivery (once per tool and user).
     *
     * @return whether anything changed (a row removed or a receipt recorded)
     */
    public boolean erase(UUID userId, String deletionEventId) {
        try {
            return eraseOnce(userId, deletionEventId);
        } catch (DuplicateKeyException concurrentReceipt) {
            // The deletion event was applied meanwhile and recorded the receipt: make sure the row is gone too.
            return eraseOnce(userId, deletionEventId);
        }
    }

    private boolean eraseOnce(UUID userId, String deletionEventId) {
        return Boolean.TRUE.equals(savepoint.execute(tx -> {
            int removed = jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?").param(userId).update();
            withheld.release(name(), userId);
            boolean recorded = receipts.record(name(), userId, deletionEventId);
            return removed > 0 || recorded;
        }));
    }

    /** Which of these users this tool has recorded an erasure receipt for. */
    public Set<UUID> erasuresRecorded(Collection<UUID> userIds) {
        return receipts.recordedAmong(name(), userIds);
    }

    /**
     * One page of rows, by user id: each row's version and whether its values still match the hash
     * written with them.
     *
     * @param after the last user id of the previous page, or null for the first page
     */
    public Map<UUID, RowCheck> rowChecks(UUID after, int limit) {
        Map<UUID, RowCheck> checks = new LinkedHashMap<>();
        String where = after == null ? "" : " WHERE user_id > ?";
        List<Object> params = after == null ? List.of(limit) : List.of(after, limit);
        jdbc.sql("SELECT * FROM " + table + where + " ORDER BY user_id LIMIT ?").params(params).query((java.sql.ResultSet rs) -> {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            Map<String, Object> own = new java.util.TreeMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                if (!BOOKKEEPING.contains(column)) {
                    own.put(column, rs.getObject(i));
                }
            }
            checks.put(rs.getObject("user_id", UUID.class),
                    new RowCheck(rs.getLong("version"), rowHash(own).equals(rs.getString("row_hash"))));
        });
        return checks;
    }

    public record RowCheck(long version, boolean intact) {
    }

    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("user_id", "version", "event_time", "row_hash");

    static String rowHash(Map<String, Object> columns) {
        String canonical = new java.util.TreeMap<>(columns).entrySet().stream()
                .filter(e -> !BOOKKEEPING.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private Outcome upsert(UserState state) {
        return upsert(state, false);
    }

    /** @param sameVersion also rewrite a row at the state's version (repair of a corrupted row) */
    private Outcome upsert(UserState state, boolean sameVersion) {
        if (state.profile().erased()) {
            // A replay after the user's erasure: never store placeholders; the user is gone.
            return Boolean.TRUE.equals(savepoint.execute(tx -> jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?")
                    .param(state.userId()).update() > 0)) ? Outcome.REMOVED : Outcome.SUPPRESSED;
        }
        try {
            return savepoint.execute(tx -> write(state, sameVersion));
        } catch (DuplicateKeyException concurrentInsert) {
            // Another writer (the processor, or a reconciliation) inserted the row or its withheld
            // entry first: judge again against what it wrote.
            return savepoint.execute(tx -> write(state, sameVersion));
        }
    }

    private Outcome write(UserState state, boolean sameVersion) {
        UUID userId = state.userId();
        long version = state.version();
        // The receipt is this tool's tombstone: nothing written after the erasure, whatever arrives late.
        if (receipts.recorded(name(), userId)) {
            return Outcome.SUPPRESSED;
        }
        Optional<Long> row = jdbc.sql("SELECT version FROM " + table + " WHERE user_id = ?")
                .param(userId).query(Long.class).optional();
        // Without a row, the version at which the user was withheld guards just the same.
        Optional<Long> stored = row.isPresent() ? row : withheld.version(name(), userId);
        if (stored.isPresent() && (sameVersion ? stored.get() > version : stored.get() >= version)) {
            return Outcome.SUPPRESSED;
        }
        // Conditional writes: a concurrent newer write that committed meanwhile is never overwritten.
        String notNewer = sameVersion ? " AND version <= ?" : " AND version < ?";
        if (!holds(state.access().tools())) {
            int removed = row.isPresent()
                    ? jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?" + notNewer).param(userId).param(version).update()
                    : 0;
            if (row.isPresent() && removed == 0) {
                return Outcome.SUPPRESSED;
            }
            boolean recorded = withheld.withhold(name(), userId, version, state.eventTime());
            return removed > 0 ? Outcome.REMOVED : recorded ? Outcome.WITHHELD : Outcome.SUPPRESSED;
        }
        Map<String, Object> values = new LinkedHashMap<>(columns(state));
        values.put("row_hash", rowHash(values));
        values.put("version", version);
        values.put("event_time", utc(state.eventTime()));
        List<Object> params = new ArrayList<>(values.values());
        params.add(userId);
        if (row.isPresent()) {
            String assignments = values.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
            params.add(version);
            int updated = jdbc.sql("UPDATE " + table + " SET " + assignments + " WHERE user_id = ?" + notNewer).params(params).update();
            return updated > 0 ? Outcome.WRITTEN : Outcome.SUPPRESSED;
        }
        String names = String.join(", ", values.keySet());
        String marks = values.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
        jdbc.sql("INSERT INTO " + table + " (" + names + ", user_id) VALUES (" + marks + ", ?)").params(params).update();
        withheld.release(name(), userId);
        return Outcome.WRITTEN;
    }
}
