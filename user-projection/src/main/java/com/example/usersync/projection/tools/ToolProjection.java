package com.example.usersync.projection.tools;

import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;
import com.example.usersync.projection.processing.DeadLetterEntries;
import com.example.usersync.projection.processing.ErasureFirstSequencing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The template of a tool: a subclass annotated with {@link ProcessingGroup} names the tool, its
 * table, its view of a user (a record of the table's columns) and how a user's state becomes its
 * columns; its table is checked against those columns at start ({@link ToolSchemaCheck}).
 * Every user event carries the user's full state, so each one is applied to the tool's
 * {@link ToolTable} as a version-guarded upsert, and {@link UserDeleted} erases the user there.
 * <p>
 * Minimisation: a tool holds a user only while the user is entitled to it ({@code access.tools}
 * names the tool), unless the tool declares it needs every user ({@link #needsAllUsers()}).
 *
 * @param <V> the tool's view of a user
 */
public abstract class ToolProjection<V> {

    private final ToolTable<V> table;
    private final DeadLetterEntries deadLetters;
    private final TransactionTemplate savepoint;

    protected ToolProjection(ToolStorage storage, String table, Class<V> view) {
        this.table = new ToolTable<>(name(), table, view, this::columns, this::holds, storage);
        this.deadLetters = storage.deadLetters();
        this.savepoint = storage.savepoint();
    }

    /** The tool's columns, besides {@code user_id}, {@code version}, {@code event_time} and {@code row_hash}. */
    protected abstract Map<String, Object> columns(UserState state);

    /**
     * Whether the tool needs every user whatever their entitlements (billing bills every account,
     * free ones included). Decide it per tool, in its definition; the default is data minimisation.
     */
    protected boolean needsAllUsers() {
        return false;
    }

    public String name() {
        return getClass().getAnnotation(ProcessingGroup.class).value();
    }

    /** The rule: a tool holds a user only if it needs all users or the user is entitled to it. */
    public final boolean holds(Collection<String> userTools) {
        return needsAllUsers() || userTools.contains(name());
    }

    public ToolTable<V> table() {
        return table;
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long version, @Timestamp Instant at) {
        table.apply(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    @EventHandler
    void on(UserProfileChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        table.apply(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    @EventHandler
    void on(UserAccessChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        table.apply(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    /** A snapshot run's restatement: upserted by version like any update. */
    @EventHandler
    void on(UserStateSnapshotted event, @SequenceNumber long version, @Timestamp Instant at) {
        table.apply(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    /**
     * Erases the user in this tool and, in the same transaction, evicts the user's dead letters
     * here: they hold events of a person who is gone and would only be no-ops if retried (the
     * receipt is the tool's tombstone). The deletion's own sequence ({@link ErasureFirstSequencing})
     * is left to Axon: when this handler runs as its retry, Axon removes the letter on success.
     * <p>
     * The deletion usually runs in another segment than the user's other events. An update of the
     * same user whose transaction is still open in that other segment when this one commits can
     * have checked for the receipt before it existed and insert the row after this delete; such a
     * late row is removed by {@link ErasureSweeper} within a second of its commit.
     */
    @EventHandler
    void on(UserDeleted event, @MessageIdentifier String eventId) {
        savepoint.executeWithoutResult(
                tx -> deadLetters.evictUserSequence(name(), event.userId().toString()));
        table.erase(event.userId(), eventId);
    }

    /** Runs in the reset's transaction: clears what the replay rebuilds. */
    @ResetHandler
    void onReset(ToolReset reset) {
        table.reset(reset.from());
    }
}
