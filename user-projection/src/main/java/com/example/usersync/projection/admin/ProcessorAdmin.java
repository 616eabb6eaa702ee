package com.example.usersync.projection.admin;

import com.example.usersync.projection.ApiProblem;
import com.example.usersync.projection.UserServiceClient;
import com.example.usersync.projection.tools.DeadLetterRetries;
import com.example.usersync.projection.tools.ToolRegistry;
import com.example.usersync.projection.tools.ToolReset;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
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
    private final ToolRegistry tools;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final DeadLetterRetries retries;
    private final UserServiceClient userService;

    ProcessorAdmin(EventProcessingConfiguration processing, ToolRegistry tools, EventStore eventStore,
                   JdbcClient jdbc, Serializer serializer, DeadLetterRetries retries, UserServiceClient userService) {
        this.userService = userService;
        this.processing = processing;
        this.tools = tools;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
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
    }

    void start(String name) {
        processor(name).start();
    }

    /**
     * Clears the tool's tables (in the reset transaction) and replays from the first event or from
     * the given instant. Every instance must have the processor stopped: the reset claims all segments.
     */
    ProcessorStatus reset(String name, Instant from) {
        return reset(name, source -> {
            // createTokenAt answers the head when nothing happened since; null only on an empty store.
            TrackingToken token = from == null ? null : source.createTokenAt(from);
            return token != null ? token : source.createTailToken();
        }, new ToolReset(from), from == null ? "the first event" : from.toString());
    }

    /**
     * Clears the tool's tables and rebuilds from the latest completed snapshot run: its snapshot
     * events restate every live user, the events after them apply as usual.
     */
    ProcessorStatus resetToLatestSnapshotRun(String name) {
        long start = userService.latestSnapshotRunStart().orElseThrow(() -> ApiProblem.conflict("no-snapshot-run",
                "No snapshot run has completed yet: start one (POST /api/admin/snapshot-runs on the user service)."));
        return reset(name, source -> GapAwareTrackingToken.newInstance(start, Collections.emptySortedSet()),
                new ToolReset(null), "snapshot run starting after position " + start);
    }

    private ProcessorStatus reset(String name,
                                  Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> startingPoint,
                                  ToolReset reset, String description) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        try {
            processor.resetTokens(startingPoint, reset);
            log.info("Tool {} reset to {}", name, description);
        } catch (UnableToClaimTokenException claimedElsewhere) {
            throw ApiProblem.conflict("processor-claimed",
                    "Another instance still processes " + name + ". Stop it on every instance "
                            + "(POST /api/admin/processors/" + name + "/stop), then reset.");
        } finally {
            processor.start();
        }
        return status(name);
    }

    List<DeadLetterView> deadLetters(String name) {
        List<DeadLetterView> views = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(name).deadLetters()) {
            List<DeadLetter<? extends EventMessage<?>>> letters = StreamSupport.stream(sequence.spliterator(), false).toList();
            if (!letters.isEmpty()) {
                views.add(new DeadLetterView(userOf(letters.get(0)), retries.parked(letters.get(0)),
                        letters.stream().map(ProcessorAdmin::letter).toList()));
            }
        }
        return views;
    }

    /** Processes the user's dead letters now, whatever their back-off; true when they all succeeded. */
    boolean retry(String name, String userId) {
        requireSequence(name, userId);
        return processing.sequencedDeadLetterProcessor(name).orElseThrow()
                .process(letter -> userId.equals(userOf(letter)));
    }

    /** Drops the user's dead letters: the tool will not apply them. Reconcile the user afterwards. */
    int evict(String name, String userId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = requireSequence(name, userId);
        int evicted = 0;
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(userId)) {
            queue.evict(letter);
            evicted++;
        }
        log.warn("Evicted {} dead letters of one user from tool {}", evicted, name);
        return evicted;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> requireSequence(String name, String userId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        if (!queue.contains(userId)) {
            throw ApiProblem.notFound("no-dead-letters", "Tool " + name + " has no dead letters for user " + userId + ".");
        }
        return queue;
    }

    private ProcessorStatus status(String name, Long head) {
        StreamingEventProcessor processor = processor(name);
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        List<ProcessorStatus.Segment> segments = jdbc.sql("""
                        SELECT segment, owner, token, token_type FROM token_entry
                        WHERE processor_name = ? ORDER BY segment""")
                .param(name)
                .query((rs, row) -> {
                    int segment = rs.getInt("segment");
                    Long position = position(rs.getBytes("token"), rs.getString("token_type"));
                    EventTrackerStatus live = local.get(segment);
                    return new ProcessorStatus.Segment(segment, rs.getString("owner"), position, live != null,
                            live == null ? null : live.isCaughtUp(),
                            live == null ? null : live.isReplaying(),
                            live == null ? null : boxed(live.getResetPosition()),
                            live == null || !live.isErrorState() ? null : DeadLetterRetries.describe(live.getError()));
                })
                .list();
        Long slowest = segments.stream().map(ProcessorStatus.Segment::position)
                .map(p -> p == null ? -1L : p).min(Long::compare).orElse(null);
        Long lag = head == null ? Long.valueOf(0) : slowest == null ? null : Math.max(0, head - slowest);
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        String lastError = segments.stream().map(ProcessorStatus.Segment::error).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> latestCause(queue));
        return new ProcessorStatus(name, "pooled", processor.isRunning(), processor.isReplaying(),
                lag != null && lag == 0 && !processor.isReplaying(), head, lag,
                queue.size(), queue.amountOfSequences(), lastError, segments);
    }

    private Long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? null : boxed(head.position());
    }

    private Long position(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null ? null : boxed(tracking.position());
    }

    private static String latestCause(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        DeadLetter<? extends EventMessage<?>> latest = null;
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter.cause().isPresent() && (latest == null || letter.lastTouched().isAfter(latest.lastTouched()))) {
                    latest = letter;
                }
            }
        }
        return latest == null ? null : latest.cause().map(c -> c.message()).orElse(null);
    }

    private static DeadLetterView.Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Long version = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new DeadLetterView.Letter(message.getIdentifier(), message.getPayloadType().getSimpleName(), version,
                letter.enqueuedAt(), letter.lastTouched(), Math.max(DeadLetterRetries.retries(letter) + 1, 0),
                letter.cause().map(c -> c.message()).orElse(null));
    }

    private static String userOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private StreamingEventProcessor processor(String name) {
        if (tools.tool(name).isEmpty()) {
            throw ApiProblem.notFound("unknown-processor", "There is no tool processor named '" + name + "'.");
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String name) {
        return processing.deadLetterQueue(name).orElseThrow();
    }
}
