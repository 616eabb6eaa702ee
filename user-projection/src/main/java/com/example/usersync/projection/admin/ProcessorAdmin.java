package com.example.usersync.projection.admin;

import com.example.usersync.platform.web.ApiProblem;
import com.example.usersync.platform.web.ProblemType;
import com.example.usersync.projection.processing.DeadLetterEntries;
import com.example.usersync.projection.processing.DeadLetterRetries;
import com.example.usersync.projection.processing.ErasureFirstSequencing;
import com.example.usersync.projection.processing.PositionGuard;
import com.example.usersync.projection.processing.ProcessorErrors;
import com.example.usersync.projection.processing.StorePositions;
import com.example.usersync.projection.processing.TokenEntries;
import com.example.usersync.projection.tools.AllTools;
import com.example.usersync.projection.tools.ToolReset;
import com.example.usersync.projection.userservice.UserServiceClient;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Operates the tool processors: status, stop/start, reset and replay, dead letters.
 * Segment positions and owners come from {@code token_entry}, so the status covers every instance;
 * live flags (caught up, replaying, errors) only exist for the segments this instance processes.
 */
@Service
class ProcessorAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProcessorAdmin.class);

    private final EventProcessingConfiguration processing;
    private final AllTools tools;
    private final StorePositions store;
    private final TokenEntries tokens;
    private final DeadLetterEntries deadLetterEntries;
    private final DeadLetterRetries retries;
    private final UserServiceClient userService;
    private final PositionGuard positions;
    private final TransactionTemplate transactions;
    private final List<ProcessorErrors> errors;

    ProcessorAdmin(
            EventProcessingConfiguration processing,
            AllTools tools,
            StorePositions store,
            TokenEntries tokens,
            DeadLetterEntries deadLetterEntries,
            DeadLetterRetries retries,
            UserServiceClient userService,
            PositionGuard positions,
            List<ProcessorErrors> errors,
            PlatformTransactionManager transactionManager) {
        this.errors = errors;
        this.userService = userService;
        this.positions = positions;
        this.transactions = new TransactionTemplate(transactionManager);
        this.processing = processing;
        this.tools = tools;
        this.store = store;
        this.tokens = tokens;
        this.deadLetterEntries = deadLetterEntries;
        this.retries = retries;
    }

    List<ProcessorStatus> list() {
        Long head = headPosition();
        return tools.names().stream().map(name -> status(name, head)).toList();
    }

    ProcessorStatus status(String name) {
        return status(name, headPosition());
    }

    void stop(String name) {
        processor(name).shutDown();
        positions.stoppedByOperator(name);
    }

    /** Refused while the tool has a position alarm: its tokens would skip events. */
    void start(String name) {
        StreamingEventProcessor processor = processor(name);
        positions.alarm(name).ifPresent(alarm -> {
            throw new ApiProblem(ProblemType.POSITION_ALARM, alarm.message());
        });
        processor.start();
    }

    /**
     * Resolves a position alarm by moving every segment's token to the store's head recorded with
     * the alarm, and clears the alarm. Events appended after that position are processed; events
     * appended between the restore and the alarm are not, and rows of events the restore removed
     * stay: a replay from the start is the exact resolution, this one the fast one.
     */
    ProcessorStatus realign(String name) {
        StreamingEventProcessor processor = processor(name);
        positions.detectAll();
        PositionGuard.Alarm alarm = positions
                .alarm(name)
                .orElseThrow(() -> new ApiProblem(
                        ProblemType.NO_POSITION_ALARM,
                        "Tool " + name + " has no position alarm: there is nothing to re-align."));
        Long head = store.head();
        if (alarm.headPosition() != null && (head == null || head < alarm.headPosition())) {
            throw new ApiProblem(
                    ProblemType.STORE_BEHIND_ALARM,
                    "The event store's head (" + head + ") is now behind the position " + alarm.headPosition()
                            + " recorded with the alarm of " + name + ": replay it from the start instead.");
        }
        processor.shutDown();
        try {
            transactions.executeWithoutResult(tx -> {
                positions.realignTokens(name, alarm.headPosition());
                positions.clear(name);
            });
        } catch (UnableToClaimTokenException claimedElsewhere) {
            throw claimedElsewhere(name, "re-align");
        } finally {
            startUnlessAlarmed(name, processor);
        }
        return status(name);
    }

    /**
     * Clears the tool's tables (in the reset transaction) and replays from the first event or from
     * the given instant. Every instance must have the processor stopped: the reset claims all segments.
     */
    ProcessorStatus reset(String name, Instant from) {
        return reset(
                name,
                source -> {
                    // createTokenAt answers the head when nothing happened since; null only on an empty store.
                    TrackingToken token = from == null ? null : source.createTokenAt(from);
                    return token != null ? token : source.createTailToken();
                },
                new ToolReset(from),
                from == null ? "the first event" : from.toString());
    }

    /**
     * Clears the tool's tables and rebuilds from the latest completed snapshot run: its snapshot
     * events restate every live user, the events after them apply as usual.
     */
    ProcessorStatus resetToLatestSnapshotRun(String name) {
        long start = userService
                .latestSnapshotRunStart()
                .orElseThrow(
                        () -> new ApiProblem(
                                ProblemType.NO_SNAPSHOT_RUN,
                                "No snapshot run has completed yet: start one (POST /api/admin/snapshot-runs on the user service)."));
        return reset(
                name,
                source -> GapAwareTrackingToken.newInstance(start, Collections.emptySortedSet()),
                new ToolReset(null),
                "snapshot run starting after position " + start);
    }

    private ProcessorStatus reset(
            String name,
            Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> startingPoint,
            ToolReset reset,
            String description) {
        StreamingEventProcessor processor = processor(name);
        positions.detectAll();
        processor.shutDown();
        try {
            transactions.executeWithoutResult(tx -> {
                Optional<PositionGuard.Alarm> alarm = positions.alarm(name);
                if (alarm.isPresent()) {
                    // The replay runs up to the tokens it starts from: not ahead of the store, or it would never end.
                    positions.realignTokens(name, store.head());
                }
                processor.resetTokens(startingPoint, reset);
                alarm.ifPresent(cleared -> positions.clear(name));
            });
            log.info("Tool {} reset to {}", name, description);
        } catch (UnableToClaimTokenException claimedElsewhere) {
            throw claimedElsewhere(name, "reset");
        } finally {
            startUnlessAlarmed(name, processor);
        }
        return status(name);
    }

    private static ApiProblem claimedElsewhere(String name, String action) {
        return new ApiProblem(
                ProblemType.PROCESSOR_CLAIMED,
                "Another instance still processes " + name + ". Stop it on every instance "
                        + "(POST /api/admin/processors/" + name + "/stop), then " + action + ".");
    }

    private void startUnlessAlarmed(String name, StreamingEventProcessor processor) {
        if (positions.alarm(name).isEmpty()) {
            processor.start();
        }
    }

    /** Letters shown per sequence; {@link DeadLetterView#size()} counts them all. */
    static final int LETTERS_SHOWN = 100;

    /**
     * One page of the tool's dead-letter sequences in sequence id order: one query for the page
     * and its sizes, then one per sequence shown.
     *
     * @param afterSequence the previous page's last sequence, null for the first page
     */
    List<DeadLetterView> deadLetters(String name, String afterSequence, int limit) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        List<DeadLetterView> views = new ArrayList<>();
        for (DeadLetterEntries.Sequence sequence : deadLetterEntries.sequences(name, afterSequence, limit)) {
            List<DeadLetter<? extends EventMessage<?>>> letters = StreamSupport.stream(
                            queue.deadLetterSequence(sequence.sequenceIdentifier())
                                    .spliterator(),
                            false)
                    .limit(LETTERS_SHOWN)
                    .toList();
            if (!letters.isEmpty()) {
                views.add(new DeadLetterView(
                        userOf(letters.get(0)),
                        sequence.sequenceIdentifier(),
                        retries.parked(letters.get(0)),
                        sequence.letters(),
                        letters.stream().map(ProcessorAdmin::letter).toList()));
            }
        }
        return views;
    }

    /**
     * Processes the user's dead letters now, whatever their back-off: the user's own sequence and
     * the user's erasure sequence. True when they all succeeded.
     */
    boolean retry(String name, String userId) {
        List<String> sequences = requireSequences(name, userId);
        var processor = processing.sequencedDeadLetterProcessor(name).orElseThrow();
        boolean succeeded = true;
        for (String sequence : sequences) {
            succeeded &= processor.process(letter -> sequence.equals(sequenceOf(letter)));
        }
        return succeeded;
    }

    /**
     * Drops the user's dead letters, of both the user's sequence and the erasure sequence: the tool
     * will not apply them. Reconcile the user afterwards.
     */
    int evict(String name, String userId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        int evicted = 0;
        for (String sequence : requireSequences(name, userId)) {
            for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
                queue.evict(letter);
                evicted++;
            }
        }
        log.warn("Evicted {} dead letters of one user from tool {}", evicted, name);
        return evicted;
    }

    /** The user's dead-letter sequences the tool holds, the user's own first; 404 when none. */
    private List<String> requireSequences(String name, String userId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        List<String> sequences = List.of(
                        ErasureFirstSequencing.userSequence(userId), ErasureFirstSequencing.erasureSequence(userId))
                .stream()
                .filter(queue::contains)
                .toList();
        if (sequences.isEmpty()) {
            throw new ApiProblem(
                    ProblemType.NO_DEAD_LETTERS, "Tool " + name + " has no dead letters for user " + userId + ".");
        }
        return sequences;
    }

    private ProcessorStatus status(String name, Long head) {
        StreamingEventProcessor processor = processor(name);
        Optional<PositionGuard.Alarm> alarm = positions.alarm(name);
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        List<ProcessorStatus.Segment> segments = tokens.segments(name).stream()
                .map(stored -> {
                    EventTrackerStatus live = local.get(stored.segment());
                    return new ProcessorStatus.Segment(
                            stored.segment(),
                            stored.owner(),
                            stored.position(),
                            live != null,
                            live == null ? null : live.isCaughtUp(),
                            live == null ? null : live.isReplaying(),
                            live == null ? null : boxed(live.getResetPosition()),
                            live == null || !live.isErrorState() ? null : DeadLetterRetries.describe(live.getError()));
                })
                .toList();
        Long slowest = segments.stream()
                .map(ProcessorStatus.Segment::position)
                .map(p -> p == null ? -1L : p)
                .min(Long::compare)
                .orElse(null);
        ProcessorStatus.Alarm alarmView = alarm.map(a -> new ProcessorStatus.Alarm(
                        a.message(), a.detectedAt(), a.detectedBy(), a.tokenPosition(), a.headPosition()))
                .orElse(null);
        if (alarmView == null && anyAhead(segments, head)) {
            // The guard raises the alarm within its interval; until then, say what it will.
            Long fresh = headPosition();
            if (anyAhead(segments, fresh)) {
                long furthest = segments.stream()
                        .map(ProcessorStatus.Segment::position)
                        .filter(Objects::nonNull)
                        .max(Long::compare)
                        .orElseThrow();
                alarmView = new ProcessorStatus.Alarm(
                        new PositionGuard.Alarm(name, null, null, furthest, fresh).message(),
                        null,
                        null,
                        furthest,
                        fresh);
            }
        }
        // Lag against a store the tokens are ahead of means nothing: not reported rather than 0.
        Long lag = alarmView != null
                ? null
                : head == null ? Long.valueOf(0) : slowest == null ? null : Math.max(0, head - slowest);
        String lastError = segments.stream()
                .map(ProcessorStatus.Segment::error)
                .filter(Objects::nonNull)
                .findFirst()
                .or(() -> errors.stream()
                        .map(source -> source.lastError(name))
                        .flatMap(Optional::stream)
                        .findFirst())
                .orElseGet(() -> deadLetterEntries.latestCause(name).orElse(null));
        DeadLetterEntries.Counts counts = deadLetterEntries.counts(name);
        return new ProcessorStatus(
                name,
                "pooled",
                processor.isRunning(),
                processor.isReplaying(),
                alarmView == null && lag != null && lag == 0 && !processor.isReplaying(),
                head,
                lag,
                alarmView,
                counts.letters(),
                counts.sequences(),
                lastError,
                segments);
    }

    private static boolean anyAhead(List<ProcessorStatus.Segment> segments, Long head) {
        return segments.stream()
                .map(ProcessorStatus.Segment::position)
                .filter(Objects::nonNull)
                .anyMatch(position -> PositionGuard.ahead(position, head));
    }

    private Long headPosition() {
        return store.head();
    }

    private static DeadLetterView.Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Long version = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new DeadLetterView.Letter(
                message.getIdentifier(),
                message.getPayloadType().getSimpleName(),
                version,
                letter.enqueuedAt(),
                letter.lastTouched(),
                Math.max(DeadLetterRetries.retries(letter) + 1, 0),
                letter.cause().map(c -> c.message()).orElse(null));
    }

    private static String userOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    private static final ErasureFirstSequencing SEQUENCING = new ErasureFirstSequencing();

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return String.valueOf(SEQUENCING.getSequenceIdentifierFor(letter.message()));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private StreamingEventProcessor processor(String name) {
        if (!tools.contains(name)) {
            throw new ApiProblem(ProblemType.UNKNOWN_PROCESSOR, "There is no tool processor named '" + name + "'.");
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String name) {
        processor(name);
        return processing.deadLetterQueue(name).orElseThrow();
    }
}
