package com.example.usersync.projection.tools;

import com.example.usersync.events.privacy.PersonalData;
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
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What every tool's projection does: keep one row per user in the tool's table, written only by
 * events newer than the row (order-safe, and a redelivered event is a no-op), removed by
 * {@link UserDeleted}. Every user event carries the user's full state, so an update for a user the
 * tool never saw simply creates the row at that version.
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

    protected ToolProjection(JdbcClient jdbc, PlatformTransactionManager transactions, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The tool's columns, besides {@code user_id}, {@code version} and {@code event_time}. */
    protected abstract Map<String, Object> columns(UserState state);

    protected abstract RowMapper<V> view();

    public String name() {
        return getClass().getAnnotation(ProcessingGroup.class).value();
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
     * erasure receipt for delivery to the user service (once per tool and user; replays keep it)
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
        savepoint.executeWithoutResult(tx -> {
            jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?").param(event.userId()).update();
            jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?")
                    .param(name()).param(ErasureFirstSequencing.userSequence(event.userId().toString())).update();
            boolean recorded = jdbc.sql("SELECT COUNT(*) FROM erasure_receipt WHERE tool = ? AND user_id = ?")
                    .param(name()).param(event.userId()).query(Long.class).single() > 0;
            if (!recorded) {
                OffsetDateTime now = utc(Instant.now());
                jdbc.sql("INSERT INTO erasure_receipt (tool, user_id, deletion_event_id, erased_at, attempts, next_attempt_at)"
                                + " VALUES (?, ?, ?, ?, 0, ?)")
                        .params(name(), event.userId(), eventId, now, now).update();
            }
        });
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
    }

    public Optional<V> find(UUID userId) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE user_id = ?").param(userId).query(view()).optional();
    }

    public List<V> page(int page, int size) {
        return jdbc.sql("SELECT * FROM " + table + " ORDER BY user_id LIMIT ? OFFSET ?")
                .param(size).param((long) page * size).query(view()).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    /** Applies a user's state from the source through the normal, version-guarded path. */
    public void reconcile(UserState state) {
        upsert(state);
    }

    /** Removes a row the tool should not hold (or holds corrupted, before it is written again). */
    public void forget(UUID userId) {
        savepoint.executeWithoutResult(tx -> jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?").param(userId).update());
    }

    /** Each row's version and whether its values still match the hash written with them. */
    public Map<UUID, RowCheck> rowChecks() {
        Map<UUID, RowCheck> checks = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM " + table).query((java.sql.ResultSet rs) -> {
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

    private void upsert(UserState state) {
        if (PersonalData.ERASED.equals(state.profile().email()) || PersonalData.ERASED.equals(state.profile().displayName())) {
            // A replay after the user's erasure: never store placeholders; the user is gone.
            savepoint.executeWithoutResult(tx -> jdbc.sql("DELETE FROM " + table + " WHERE user_id = ?")
                    .param(state.userId()).update());
            return;
        }
        savepoint.executeWithoutResult(tx -> {
            // The receipt is this tool's tombstone: nothing written after the erasure, whatever arrives late.
            if (jdbc.sql("SELECT COUNT(*) FROM erasure_receipt WHERE tool = ? AND user_id = ?")
                    .param(name()).param(state.userId()).query(Long.class).single() > 0) {
                return;
            }
            Optional<Long> stored = jdbc.sql("SELECT version FROM " + table + " WHERE user_id = ?")
                    .param(state.userId()).query(Long.class).optional();
            if (stored.isPresent() && stored.get() >= state.version()) {
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>(columns(state));
            values.put("row_hash", rowHash(values));
            values.put("version", state.version());
            values.put("event_time", utc(state.eventTime()));
            List<Object> params = new ArrayList<>(values.values());
            params.add(state.userId());
            if (stored.isPresent()) {
                String assignments = values.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
                jdbc.sql("UPDATE " + table + " SET " + assignments + " WHERE user_id = ?").params(params).update();
            } else {
                String names = String.join(", ", values.keySet());
                String marks = values.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
                jdbc.sql("INSERT INTO " + table + " (" + names + ", user_id) VALUES (" + marks + ", ?)").params(params).update();
            }
        });
    }
}
