package com.example.usersync.projection.processing;

import com.example.usersync.projection.config.ProjectionSettings;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops a tool whose tokens are ahead of the event store's head. After the event store is restored
 * from an older backup, the store hands out global indexes the tools have already passed; Axon
 * would silently skip every new event below a segment's token while reporting no lag.
 * <p>
 * The guard compares every segment's token (from {@code token_entry}, so every instance's segments)
 * with {@link EventStore#createHeadToken()}: before the processors start, then every
 * {@code interval} on its own thread, so a hang in the processors or in Spring's shared scheduler
 * cannot stop it. Tokens are read before the head: a token can only pass a head read after it
 * when the store has lost events. A tool found ahead gets an alarm in {@code processor_alarm}
 * (every instance sees it), and every instance shuts the tool's processor down and refuses to open
 * its event stream (see {@link #guarded}) until an operator replays or re-aligns the tool, which
 * clears the alarm. An instance restarts the processors its guard stopped once the alarm is gone.
 * <p>
 * Positions alone miss a restore once the store has grown back past the tokens: new events then
 * sit at positions the tools have passed. So the guard also keeps a few checkpoints of the store
 * it has seen, (position, event id) in {@code event_store_checkpoint}, and verifies them on every
 * check: a checkpoint whose event is gone or another one means the store was restored. Every tool
 * beyond the newest checkpoint that still matches gets the alarm, and that checkpoint is where a
 * re-align resumes (the events after it are applied again; the tools' writes are idempotent).
 */
@Component
public class PositionGuard {

    private static final Logger log = LoggerFactory.getLogger(PositionGuard.class);

    /**
     * @param tokenPosition the furthest segment token when the alarm was raised
     * @param headPosition  the event store's head then; null when the store was empty
     */
    public record Alarm(String tool, Instant detectedAt, String detectedBy, long tokenPosition, Long headPosition) {

        public String message() {
            return "The positions of " + tool + " are ahead of the event store: a segment's token is at "
                    + tokenPosition + " while the store's head was " + (headPosition == null ? "empty" : headPosition)
                    + ". The event store was probably restored from an older backup; events appended below the token"
                    + " would be skipped. The processor is stopped on every instance. Replay it"
                    + " (POST /api/admin/processors/" + tool + "/reset {\"from\":\"start\"}, exact) or re-align it"
                    + " (POST /api/admin/processors/" + tool + "/realign, resumes after position "
                    + (headPosition == null ? "the first event" : headPosition) + ").";
        }
    }

    private final EventProcessingConfiguration processing;
    private final ProcessingGroups tools;
    private final StorePositions store;
    private final TokenStore tokenStore;
    private final TokenEntries tokens;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String nodeId;
    private final Duration interval;
    private final Set<String> stoppedHere = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService watcher;

    PositionGuard(
            @Lazy EventProcessingConfiguration processing,
            @Lazy ProcessingGroups tools,
            StorePositions store,
            @Lazy TokenStore tokenStore,
            TokenEntries tokens,
            JdbcClient jdbc,
            Clock clock,
            NodeId nodeId,
            ProjectionSettings.PositionGuard settings) {
        this.store = store;
        this.processing = processing;
        this.tools = tools;
        this.tokenStore = tokenStore;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.clock = clock;
        this.nodeId = nodeId.value();
        this.interval = settings.interval();
    }

    /** Before the processors start: raises the alarms, so that no alarmed tool opens its stream. */
    public void checkBeforeStart() {
        try {
            Optional<Long> diverged = verifyStore();
            tools.names().forEach(tool -> detect(tool, diverged));
        } catch (RuntimeException e) {
            log.error(
                    "Could not compare the tools' positions with the event store before start; the stream guard still applies",
                    e);
        }
    }

    /** After the processors start: stops the alarmed ones, then keeps watching. */
    public synchronized void startWatching() {
        checkQuietly();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "position-guard");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                this::checkQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        watcher = executor;
    }

    public synchronized void stopWatching() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    /**
     * Verifies the store and raises every alarm due, now. A reset or re-align calls it first: a
     * restore the guard has not noticed yet would otherwise raise its alarm after the replay,
     * against tokens that are already right.
     */
    public synchronized void detectAll() {
        Optional<Long> diverged = verifyStore();
        tools.names().forEach(tool -> detect(tool, diverged));
    }

    private synchronized void checkQuietly() {
        Optional<Long> diverged;
        try {
            diverged = verifyStore();
        } catch (RuntimeException e) {
            log.error("Could not verify the event store's checkpoints", e);
            diverged = Optional.empty();
        }
        for (String tool : tools.names()) {
            try {
                check(tool, diverged);
            } catch (RuntimeException e) {
                // Positions and tool names only: nothing personal can be in here.
                log.error("Could not check the positions of tool {}", tool, e);
            }
        }
    }

    private void check(String tool, Optional<Long> diverged) {
        Optional<Alarm> alarm = detect(tool, diverged);
        StreamingEventProcessor processor =
                processing.eventProcessor(tool, StreamingEventProcessor.class).orElse(null);
        if (processor == null) {
            return;
        }
        if (alarm.isPresent()) {
            if (processor.isRunning()) {
                log.error(
                        "Stopping tool {} on this instance: {}",
                        tool,
                        alarm.get().message());
                stoppedHere.add(tool);
                // Not waited for: a processor that hangs while stopping must not stop the guard.
                processor.shutdownAsync();
            }
        } else if (stoppedHere.remove(tool) && !processor.isRunning()) {
            log.info("The position alarm of tool {} was resolved; restarting the processor this guard stopped", tool);
            processor.start();
        }
    }

    /**
     * The tool's standing alarm, raising it first when the tool's tokens are ahead of the store, or
     * beyond the position up to which a restored store still agrees with what the tools saw.
     *
     * @param diverged that position, when {@link #verifyStore()} found the store restored (-1: nowhere)
     */
    private Optional<Alarm> detect(String tool, Optional<Long> diverged) {
        Optional<Alarm> alarm = alarm(tool);
        if (alarm.isPresent()) {
            return alarm;
        }
        OptionalLong furthest = tokens.furthestPosition(tool);
        if (furthest.isEmpty()) {
            return Optional.empty();
        }
        if (diverged.isPresent() && furthest.getAsLong() > diverged.get()) {
            return Optional.of(raise(tool, furthest.getAsLong(), diverged.get() < 0 ? null : diverged.get()));
        }
        Long head = headPosition();
        return ahead(furthest.getAsLong(), head)
                ? Optional.of(raise(tool, furthest.getAsLong(), head))
                : Optional.empty();
    }

    public Optional<Alarm> alarm(String tool) {
        return jdbc.sql(
                        "SELECT tool, detected_at, detected_by, token_position, head_position FROM processor_alarm WHERE tool = ?")
                .param(tool)
                .query((rs, row) -> new Alarm(
                        rs.getString("tool"),
                        rs.getObject("detected_at", OffsetDateTime.class).toInstant(),
                        rs.getString("detected_by"),
                        rs.getLong("token_position"),
                        rs.getObject("head_position") == null ? null : rs.getLong("head_position")))
                .optional();
    }

    /** Whether a position is beyond the store's head (null: an empty store, where any event position is). */
    public static boolean ahead(long position, Long head) {
        return head == null ? position >= 0 : position > head;
    }

    private Alarm raise(String tool, long position, Long head) {
        Alarm alarm = new Alarm(tool, clock.instant(), nodeId, position, head);
        try {
            jdbc.sql(
                            "INSERT INTO processor_alarm (tool, detected_at, detected_by, token_position, head_position) VALUES (?, ?, ?, ?, ?)")
                    .params(tool, alarm.detectedAt().atOffset(ZoneOffset.UTC), nodeId, position, head)
                    .update();
            log.error("Position alarm raised: {}", alarm.message());
            return alarm;
        } catch (DuplicateKeyException raisedElsewhere) {
            return alarm(tool).orElse(alarm);
        }
    }

    /** An operator stopped the tool here: the guard must not restart it when an alarm is resolved. */
    public void stoppedByOperator(String tool) {
        stoppedHere.remove(tool);
    }

    /** Clears the alarm, in the caller's transaction (the one that moved the tokens). */
    public void clear(String tool) {
        jdbc.sql("DELETE FROM processor_alarm WHERE tool = ?").param(tool).update();
    }

    /**
     * Sets every segment's token of the tool to the given store position (null: before the first
     * event), in the caller's transaction, and releases the claims.
     *
     * @throws UnableToClaimTokenException when another instance still processes the tool
     */
    public void realignTokens(String tool, Long position) {
        TrackingToken target =
                position == null ? null : GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
        for (int segment : tokenStore.fetchSegments(tool)) {
            tokenStore.storeToken(target, tool, segment);
            tokenStore.releaseClaim(tool, segment);
        }
        log.warn("Tokens of tool {} set to position {}", tool, position);
    }

    private record Checkpoint(long position, String eventIdentifier) {}

    private static final int CHECKPOINTS = 10;

    /**
     * Verifies the checkpoints against the store, then records the store's head as the newest one.
     *
     * @return when a checkpoint's event is gone or another one (the store was restored): the
     *         position of the newest checkpoint that still matches, -1 when none does
     */
    Optional<Long> verifyStore() {
        List<Checkpoint> checkpoints = jdbc.sql(
                        "SELECT position, event_identifier FROM event_store_checkpoint ORDER BY position DESC")
                .query((rs, row) -> new Checkpoint(rs.getLong("position"), rs.getString("event_identifier")))
                .list();
        long agreed = -1;
        boolean diverged = false;
        for (Checkpoint checkpoint : checkpoints) {
            if (store.eventIdAt(checkpoint.position())
                    .filter(checkpoint.eventIdentifier()::equals)
                    .isPresent()) {
                agreed = checkpoint.position();
                break;
            }
            diverged = true;
        }
        if (diverged) {
            log.error(
                    "The event store no longer holds the events the tools saw after position {}: it was restored",
                    agreed);
            jdbc.sql("DELETE FROM event_store_checkpoint WHERE position > ?")
                    .param(agreed)
                    .update();
        }
        Long head = headPosition();
        long newest = diverged
                ? agreed
                : checkpoints.isEmpty() ? -1 : checkpoints.get(0).position();
        if (head != null && head > newest) {
            store.eventIdAt(head).ifPresent(id -> {
                try {
                    jdbc.sql(
                                    "INSERT INTO event_store_checkpoint (position, event_identifier, recorded_at) VALUES (?, ?, ?)")
                            .params(head, id, clock.instant().atOffset(ZoneOffset.UTC))
                            .update();
                } catch (DuplicateKeyException recordedByAnotherInstance) {
                    // the same position, recorded by another instance's guard
                }
            });
            List<Long> kept = jdbc.sql("SELECT position FROM event_store_checkpoint ORDER BY position DESC")
                    .query(Long.class)
                    .list();
            if (kept.size() > CHECKPOINTS) {
                jdbc.sql("DELETE FROM event_store_checkpoint WHERE position < ?")
                        .param(kept.get(CHECKPOINTS - 1))
                        .update();
            }
        }
        return diverged ? Optional.of(agreed) : Optional.empty();
    }

    /** The event store's head position, null while it is empty. */
    public Long headPosition() {
        return store.head();
    }

    /**
     * The tool's event source, refusing to open a stream while the tool has an alarm or from a token
     * ahead of the store (raising the alarm then): a processor started anyhow reads nothing.
     */
    public StreamableMessageSource<TrackedEventMessage<?>> guarded(
            String tool, StreamableMessageSource<TrackedEventMessage<?>> source) {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
                Optional<Alarm> alarm = alarm(tool);
                if (alarm.isEmpty() && token != null && token.position().isPresent()) {
                    Long head = StorePositions.position(source.createHeadToken());
                    if (ahead(token.position().getAsLong(), head)) {
                        alarm = Optional.of(raise(tool, token.position().getAsLong(), head));
                    }
                }
                if (alarm.isPresent()) {
                    throw new IllegalStateException(
                            "Tool " + tool + " has a position alarm; its event stream stays closed until an"
                                    + " operator resets or re-aligns it");
                }
                return source.openStream(token);
            }

            @Override
            public TrackingToken createTailToken() {
                return source.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return source.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return source.createTokenAt(dateTime);
            }

            @Override
            public TrackingToken createTokenSince(Duration duration) {
                return source.createTokenSince(duration);
            }
        };
    }
}
