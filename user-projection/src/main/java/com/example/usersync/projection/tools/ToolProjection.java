package com.example.usersync.projection.tools;

import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;
import com.example.usersync.projection.processing.DeadLetterEntries;
import com.example.usersync.projection.processing.DeadLetterRetries;
import com.example.usersync.projection.processing.ErasureFirstSequencing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    private static final Logger log = LoggerFactory.getLogger(ToolProjection.class);

    /** How long a tool writes event by event after a batch failed to write. */
    static final Duration ONE_BY_ONE_AFTER_FAILURE = Duration.ofMinutes(1);

    private final ToolTable<V> table;
    private final DeadLetterEntries deadLetters;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final String batchKey;
    private volatile Instant oneByOneUntil = Instant.MIN;

    protected ToolProjection(ToolStorage storage, String table, Class<V> view) {
        this.table = new ToolTable<>(name(), table, view, this::columns, this::holds, storage);
        this.deadLetters = storage.deadLetters();
        this.savepoint = storage.savepoint();
        this.clock = storage.clock();
        this.batchKey = ToolProjection.class.getName() + ".states." + name();
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
        write(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    @EventHandler
    void on(UserProfileChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        write(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    @EventHandler
    void on(UserAccessChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        write(new UserState(event.userId(), version, at, event.profile(), event.access()));
    }

    /** A snapshot run's restatement: upserted by version like any update. */
    @EventHandler
    void on(UserStateSnapshotted event, @SequenceNumber long version, @Timestamp Instant at) {
        write(new UserState(event.userId(), version, at, event.profile(), event.access()));
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

    /**
     * In a processor's batch the states are collected and written together when the batch commits
     * ({@link ToolTable#applyAll}: a round trip per batch instead of several per event). A failing
     * statement there fails the batch, which the processor then processes again; for a while after
     * that failure this tool writes event by event in savepoints, so the failing event is dead-lettered
     * alone and the rest of its batch commits. Outside a batch (a dead letter's retry) it writes at once.
     */
    private void write(UserState state) {
        if (!(CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)
                || clock.instant().isBefore(oneByOneUntil)) {
            table.apply(state);
            return;
        }
        batch.getOrComputeResource(batchKey, key -> {
                    List<UserState> states = new ArrayList<>();
                    batch.onPrepareCommit(unitOfWork -> writeBatch(states));
                    return states;
                })
                .add(state);
    }

    private void writeBatch(List<UserState> states) {
        try {
            table.applyAll(states);
        } catch (RuntimeException failed) {
            oneByOneUntil = clock.instant().plus(ONE_BY_ONE_AFTER_FAILURE);
            log.warn(
                    "Tool {} could not write a batch of {} events ({}); it is processed again, event by event for {}, so a failing event is dead-lettered alone",
                    name(),
                    states.size(),
                    DeadLetterRetries.describe(failed),
                    ONE_BY_ONE_AFTER_FAILURE);
            throw failed;
        }
    }

    /** Runs in the reset's transaction: clears what the replay rebuilds. */
    @ResetHandler
    void onReset(ToolReset reset) {
        table.reset(reset.from());
    }
}
