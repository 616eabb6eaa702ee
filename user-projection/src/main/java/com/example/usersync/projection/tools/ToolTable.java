package com.example.usersync.projection.tools;

import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.projection.erasure.ErasureReceipts;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One tool's table, the one class with its SQL: one row per user, written only by a state newer
 * than the row (order-safe; a redelivered event is a no-op), never after the tool's erasure
 * receipt (its tombstone), and removed, with the version recorded ({@link WithheldUsers}), while
 * the user is not entitled to the tool. Each row carries a hash of the tool's own columns, so
 * reconciliation can tell a row whose values were changed behind the tool's back.
 * <p>
 * Every write runs in a savepoint, so a failing write leaves the processing transaction usable for
 * the dead letter and the token advance.
 *
 * @param <V> the tool's view of a user: a record whose components are columns of the table
 */
public class ToolTable<V> {

    /** What applying a user's state did. */
    public enum Outcome {
        /** The row was written. */
        WRITTEN,
        /** The row was removed (the user may not be held here). */
        REMOVED,
        /** No row to remove; the version at which the user is withheld was recorded. */
        WITHHELD,
        /** Nothing changed: the tool already holds this or a newer state, or has erased the user. */
        SUPPRESSED
    }

    /** A row's version and whether its values still match the hash written with them. */
    public record RowCheck(long version, boolean intact) {}

    /** Rows of a page with the users they are about, in the same order (for the access log). */
    public record Rows<V>(List<UUID> subjects, List<V> items) {}

    /** Columns every tool table has, besides the tool's own. */
    static final Set<String> BOOKKEEPING = Set.of("user_id", "version", "event_time", "row_hash");

    private final String tool;
    private final String table;
    private final Class<V> viewType;
    private final RowMapper<V> view;
    private final Function<UserState, Map<String, Object>> columns;
    private final Predicate<Collection<String>> holds;
    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate savepoint;
    private final WithheldUsers withheld;
    private final ErasureReceipts receipts;

    ToolTable(
            String tool,
            String table,
            Class<V> view,
            Function<UserState, Map<String, Object>> columns,
            Predicate<Collection<String>> holds,
            ToolStorage storage) {
        this.tool = tool;
        this.table = table;
        this.viewType = view;
        this.view = new SimplePropertyRowMapper<>(view);
        this.columns = columns;
        this.holds = holds;
        this.jdbc = storage.jdbc();
        this.batches = storage.batches();
        this.savepoint = storage.savepoint();
        this.withheld = storage.withheld();
        this.receipts = storage.receipts();
    }

    // --- Reads: the /api/tools views ---

    public Optional<V> find(UUID userId) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE user_id = ?")
                .param(userId)
                .query(view)
                .optional();
    }

    public Rows<V> page(int page, int size) {
        List<UUID> subjects = new ArrayList<>();
        List<V> items = jdbc.sql("SELECT * FROM " + table + " ORDER BY user_id LIMIT ? OFFSET ?")
                .param(size)
                .param((long) page * size)
                .query((rs, row) -> {
                    subjects.add(rs.getObject("user_id", UUID.class));
                    return view.mapRow(rs, row);
                })
                .list();
        return new Rows<>(List.copyOf(subjects), items);
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    // --- Writes: events and reconciliation ---

    /** Applies a user's state (an event's, or the source's) through the version guard: only a newer state is written. */
    public Outcome apply(UserState state) {
        return upsert(state, false);
    }

    /**
     * Applies a user's state to a row judged at its own version (values no longer matching their
     * hash, or a user the tool may not hold): like {@link #apply}, except that a row at the same
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
        return Boolean.TRUE.equals(
                savepoint.execute(tx -> jdbc.sql("DELETE FROM " + table + " WHERE user_id = ? AND version <= ?")
                                .param(userId)
                                .param(atMostVersion)
                                .update()
                        > 0));
    }

    /**
     * Erases the user: the row goes and, in the same transaction, the erasure receipt naming the
     * deletion event is recorded for delivery (once per tool and user); from then on the receipt
     * blocks every write of the user.
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
            int removed = jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?")
                    .param(userId)
                    .update();
            withheld.release(tool, userId);
            boolean recorded = receipts.record(tool, userId, deletionEventId);
            return removed > 0 || recorded;
        }));
    }

    /** Which of these users this tool has recorded an erasure receipt for. */
    public Set<UUID> erasuresRecorded(Collection<UUID> userIds) {
        return receipts.recordedAmong(tool, userIds);
    }

    /**
     * Deletes the rows of users this tool erased since {@code since}: rows an update in another
     * segment wrote after the erasure had checked (see {@link ToolProjection}).
     *
     * @return how many such rows there were
     */
    int sweepErased(Instant since) {
        List<UUID> erased = receipts.erasedSince(tool, since);
        int swept = 0;
        for (int from = 0; from < erased.size(); from += 200) {
            List<UUID> chunk = erased.subList(from, Math.min(erased.size(), from + 200));
            String marks = chunk.stream().map(id -> "?").collect(Collectors.joining(", "));
            swept += savepoint.execute(tx -> jdbc.sql("DELETE FROM " + table + " WHERE user_id IN (" + marks + ")")
                    .params(new ArrayList<Object>(chunk))
                    .update());
        }
        return swept;
    }

    /**
     * From the start everything goes; from a point in time, the rows written by events since then
     * (the replay rebuilds them from their next event; rows untouched since then are already right).
     */
    void reset(Instant from) {
        if (from == null) {
            jdbc.sql("DELETE FROM " + table).update();
        } else {
            jdbc.sql("DELETE FROM " + table + " WHERE event_time >= ?")
                    .param(utc(from))
                    .update();
        }
        withheld.clear(tool, from);
    }

    // --- Reconciliation's reads ---

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
        jdbc.sql("SELECT * FROM " + table + where + " ORDER BY user_id LIMIT ?")
                .params(params)
                .query((ResultSet rs) -> {
                    ResultSetMetaData meta = rs.getMetaData();
                    Map<String, Object> own = new TreeMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                        if (!BOOKKEEPING.contains(column)) {
                            own.put(column, rs.getObject(i));
                        }
                    }
                    checks.put(
                            rs.getObject("user_id", UUID.class),
                            new RowCheck(rs.getLong("version"), rowHash(own).equals(rs.getString("row_hash"))));
                });
        return checks;
    }

    static String rowHash(Map<String, Object> columns) {
        String canonical = new TreeMap<>(columns)
                .entrySet().stream()
                        .filter(e -> !BOOKKEEPING.contains(e.getKey()))
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n"));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- The start-up check ---

    /** A state to learn the tool's columns from: their names, never their values, are used. */
    private static final UserState SAMPLE = new UserState(
            new UUID(0, 0),
            0,
            Instant.EPOCH,
            new UserProfile("schema-check@example.invalid", "Schema Check", "en", "UTC"),
            new UserAccess(Plan.FREE, List.of()));

    /**
     * Compares the table, as the database describes it (JDBC metadata of an empty query), with the
     * columns the tool writes and its view reads: the same set besides the bookkeeping columns, so a
     * mismatch stops the start instead of failing (or corrupting the row hash of) every event.
     *
     * @throws IllegalStateException naming tool, table and column
     */
    void checkColumns() {
        Set<String> actual;
        try {
            actual = jdbc.sql("SELECT * FROM " + table + " WHERE 1 = 0").query((ResultSet rs) -> {
                ResultSetMetaData meta = rs.getMetaData();
                Set<String> names = new TreeSet<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
                return names;
            });
        } catch (DataAccessException unreadable) {
            throw new IllegalStateException(
                    "Tool " + tool + ": its table " + table + " cannot be read ("
                            + unreadable.getClass().getSimpleName() + "); is its migration missing?",
                    unreadable);
        }
        Set<String> written = new TreeSet<>(BOOKKEEPING);
        columns.apply(SAMPLE).keySet().forEach(column -> written.add(column.toLowerCase(Locale.ROOT)));
        for (String column : written) {
            if (!actual.contains(column)) {
                throw new IllegalStateException(
                        "Tool " + tool + ": table " + table + " has no column " + column + ", which the tool writes");
            }
        }
        for (String column : actual) {
            if (!written.contains(column)) {
                throw new IllegalStateException("Tool " + tool + ": table " + table + " has a column " + column
                        + " that the tool does not write; its row hash would never match");
            }
        }
        RecordComponent[] read = viewType.isRecord() ? viewType.getRecordComponents() : new RecordComponent[0];
        for (RecordComponent component : read) {
            String column =
                    component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            if (!actual.contains(column)) {
                throw new IllegalStateException("Tool " + tool + ": table " + table + " has no column " + column
                        + ", which the tool's view " + viewType.getSimpleName() + " reads as " + component.getName());
            }
        }
    }

    // --- The guarded write ---

    /** @param sameVersion also rewrite a row at the state's version (repair of a corrupted row) */
    private Outcome upsert(UserState state, boolean sameVersion) {
        if (state.profile().erased()) {
            // A replay after the user's erasure: never store placeholders; the user is gone.
            return Boolean.TRUE.equals(savepoint.execute(tx -> jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?")
                                    .param(state.userId())
                                    .update()
                            > 0))
                    ? Outcome.REMOVED
                    : Outcome.SUPPRESSED;
        }
        try {
            return savepoint.execute(tx -> write(state, sameVersion));
        } catch (DuplicateKeyException concurrentInsert) {
            // Another writer (the processor, or a reconciliation) inserted the row or its withheld
            // entry first: judge again against what it wrote.
            return savepoint.execute(tx -> judge(state, sameVersion));
        }
    }

    /**
     * The usual case in one statement: a held user's newer state over an existing row, or a first state
     * (version 0) where there is nothing yet, each guarded in the statement itself (by version, by the
     * erasure receipt and, for the insert, by the withheld entry). Whatever that statement does not
     * write, {@link #judge} decides step by step, as it always did; the outcomes are the same.
     */
    private Outcome write(UserState state, boolean sameVersion) {
        Guarded guarded = sameVersion ? null : guarded(state);
        if (guarded != null && jdbc.sql(guarded.sql()).params(guarded.params()).update() > 0) {
            return Outcome.WRITTEN;
        }
        return judge(state, sameVersion);
    }

    /** A statement that writes a state only where that is right, and says so by its update count (1 or 0). */
    private record Guarded(String sql, List<Object> params) {}

    /** The state's self-guarding write, or null for a state that needs {@link #judge judging} (erased, not held). */
    private Guarded guarded(UserState state) {
        if (state.profile().erased() || !holds.test(state.access().tools())) {
            return null;
        }
        UUID userId = state.userId();
        Map<String, Object> values = values(state);
        List<Object> params = new ArrayList<>(values.values());
        if (state.version() == 0) {
            String marks = values.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
            params.addAll(List.of(userId, userId, tool, userId, tool, userId));
            return new Guarded(
                    "INSERT INTO " + table + " (" + String.join(", ", values.keySet()) + ", user_id) SELECT " + marks
                            + ", ? WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE user_id = ?) AND "
                            + ErasureReceipts.notRecordedCondition() + " AND " + WithheldUsers.notWithheldCondition(),
                    params);
        }
        String assignments = values.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
        params.addAll(List.of(userId, state.version(), tool, userId));
        return new Guarded(
                "UPDATE " + table + " SET " + assignments + " WHERE user_id = ? AND version < ? AND "
                        + ErasureReceipts.notRecordedCondition(),
                params);
    }

    /**
     * Applies the states of a batch of events, in the caller's transaction, ending where {@link #apply}
     * one by one would end: the version guard makes the final row of a user that of their newest state
     * whatever the order. The usual cases ({@link #guarded}) go as JDBC batches, first states before
     * newer ones, one round trip each; the rest, and what a guard held back, are then judged one by one.
     * Unlike {@link #apply}, a failing statement fails the whole call (no savepoint per state): the
     * caller applies the states one by one to find the failing one.
     */
    public void applyAll(List<UserState> states) {
        Map<String, List<Guarded>> statements = new TreeMap<>(); // "INSERT …" before "UPDATE …"
        Map<Guarded, UserState> stateOf = new IdentityHashMap<>();
        List<UserState> toJudge = new ArrayList<>();
        for (UserState state : states) {
            Guarded guarded = guarded(state);
            if (guarded == null) {
                toJudge.add(state);
            } else {
                statements
                        .computeIfAbsent(guarded.sql(), sql -> new ArrayList<>())
                        .add(guarded);
                stateOf.put(guarded, state);
            }
        }
        statements.forEach((sql, batch) -> {
            int[] counts = batches.batchUpdate(
                    sql, batch.stream().map(g -> g.params().toArray()).toList());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1) {
                    toJudge.add(stateOf.get(batch.get(i)));
                }
            }
        });
        toJudge.forEach(this::apply);
    }

    /** Every case, one question at a time: the receipt, the row or withheld entry and its version, the entitlement. */
    private Outcome judge(UserState state, boolean sameVersion) {
        UUID userId = state.userId();
        long version = state.version();
        // The receipt is this tool's tombstone: nothing written after the erasure, whatever arrives late.
        if (receipts.recorded(tool, userId)) {
            return Outcome.SUPPRESSED;
        }
        Optional<Long> row = jdbc.sql("SELECT version FROM " + table + " WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .optional();
        // Without a row, the version at which the user was withheld guards just the same.
        Optional<Long> stored = row.isPresent() ? row : withheld.version(tool, userId);
        if (stored.isPresent() && (sameVersion ? stored.get() > version : stored.get() >= version)) {
            return Outcome.SUPPRESSED;
        }
        // Conditional writes: a concurrent newer write that committed meanwhile is never overwritten.
        String notNewer = sameVersion ? " AND version <= ?" : " AND version < ?";
        if (!holds.test(state.access().tools())) {
            int removed = row.isPresent()
                    ? jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?" + notNewer)
                            .param(userId)
                            .param(version)
                            .update()
                    : 0;
            if (row.isPresent() && removed == 0) {
                return Outcome.SUPPRESSED;
            }
            boolean recorded = withheld.withhold(tool, userId, version, state.eventTime());
            return removed > 0 ? Outcome.REMOVED : recorded ? Outcome.WITHHELD : Outcome.SUPPRESSED;
        }
        Map<String, Object> values = values(state);
        List<Object> params = new ArrayList<>(values.values());
        params.add(userId);
        if (row.isPresent()) {
            String assignments = values.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
            params.add(version);
            int updated = jdbc.sql("UPDATE " + table + " SET " + assignments + " WHERE user_id = ?" + notNewer)
                    .params(params)
                    .update();
            return updated > 0 ? Outcome.WRITTEN : Outcome.SUPPRESSED;
        }
        String names = String.join(", ", values.keySet());
        String marks = values.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
        jdbc.sql("INSERT INTO " + table + " (" + names + ", user_id) VALUES (" + marks + ", ?)")
                .params(params)
                .update();
        withheld.release(tool, userId);
        return Outcome.WRITTEN;
    }

    /** The row's values: the tool's columns, their hash, the version and the event's time (not the user id). */
    private Map<String, Object> values(UserState state) {
        Map<String, Object> values = new LinkedHashMap<>(columns.apply(state));
        values.put("row_hash", rowHash(values));
        values.put("version", state.version());
        values.put("event_time", utc(state.eventTime()));
        return values;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
