package com.example.usersync.projection.external;

import com.example.usersync.events.MetadataKeys;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;
import com.example.usersync.projection.config.ProjectionSettings.ExternalTool;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.springframework.lang.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event handler of one external tool, run by the tool's own processor: for every event it builds
 * the tool's minimised view and collects it in the batch; the batch is published when its unit of
 * work prepares to commit, and only a batch the broker confirmed commits, with the tool's token. A
 * crash or a broker failure before that rolls the batch back: the events are processed (and published)
 * again, never skipped.
 * <p>
 * {@code UserErasureConfirmed} is the user service's own bookkeeping and is not published. Unless the tool
 * takes all users, a user not entitled to it is sent as {@code UserNotEntitled}: the user id alone.
 */
public final class ExternalToolPublishing implements EventMessageHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final ExternalTool tool;
    private final ToolPublisher publisher;
    private final String batchResource;
    private final PublishingCounts counts;
    private volatile String lastFailure;

    public ExternalToolPublishing(String name, ExternalTool tool, ToolPublisher publisher, MeterRegistry meters) {
        this.name = name;
        this.tool = tool;
        this.publisher = publisher;
        this.batchResource = ExternalToolPublishing.class.getName() + "/" + name;
        this.counts = new PublishingCounts(name, meters);
    }

    public String name() {
        return name;
    }

    @Override
    public Object handle(EventMessage<?> event) {
        ToolMessage message = message(event);
        if (message == null) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Batch collected = batch.getOrComputeResource(batchResource, key -> {
            Batch messages = new Batch(new ArrayList<>(), new ArrayList<>());
            batch.onPrepareCommit(committing -> publish(messages));
            // Published or not, a batch that did not commit (its token did not advance) comes again.
            batch.onRollback(rolledBack -> counts.failed(messages.all()));
            return messages;
        });
        collected.all().add(message);
        if (ReplayToken.isReplay(event)) {
            collected.replays().add(message);
        }
        return null;
    }

    /** A unit of work's messages, and those of them a replay sends. */
    private record Batch(List<ToolMessage> all, List<ToolMessage> replays) {}

    private void publish(Batch batch) {
        counts.publishing(batch.all(), batch.replays().size());
        try {
            publisher.publish(tool.exchange(), batch.all());
        } catch (RuntimeException failed) {
            lastFailure = "Publishing to the broker failed, retrying: "
                    + failed.getClass().getSimpleName() + rootCause(failed);
            throw failed;
        }
        lastFailure = null;
        counts.confirmed(batch.all());
    }

    /** Why the last batch could not be published (types only, never data); null once one was confirmed. */
    @Nullable
    String lastFailure() {
        return lastFailure;
    }

    private static String rootCause(Throwable failed) {
        Throwable root = failed;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failed ? "" : " (" + root.getClass().getSimpleName() + ")";
    }

    /**
     * A reset clears nothing here: the tool's store is its own. The replay publishes every message
     * again with its id, so the tool skips what it has and takes what it lost (from a backup, say).
     */
    @Override
    public <R> void prepareReset(R resetContext) {
        // nothing held in this service
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return UserEvent.of(event.getPayload()) != null;
    }

    @Override
    public Class<?> getTargetType() {
        return ExternalToolPublishing.class;
    }

    /** The message for this tool; null for an event it is not sent. */
    ToolMessage message(EventMessage<?> event) {
        Object payload = event.getPayload();
        UserEvent user = UserEvent.of(payload);
        if (user == null) {
            return null;
        }
        UUID userId = user.userId();
        UserAccess access = user.access();
        boolean withheld = access != null && !tool.allUsers() && !access.tools().contains(name);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(
                "type",
                withheld ? AsyncApiDocument.NOT_ENTITLED : payload.getClass().getSimpleName());
        Revision revision = payload.getClass().getAnnotation(Revision.class);
        headers.put("revision", revision == null ? null : revision.value());
        if (event instanceof DomainEventMessage<?> domain) {
            headers.put("userVersion", domain.getSequenceNumber());
        }
        if (event instanceof TrackedEventMessage<?> tracked) {
            tracked.trackingToken().position().ifPresent(position -> headers.put("globalPosition", position));
        }
        headers.put("correlationId", event.getMetaData().get(MetadataKeys.CORRELATION_ID));
        headers.put("causationId", event.getMetaData().get(MetadataKeys.CAUSATION_ID));
        headers.put("timestamp", event.getTimestamp().toString());
        headers.values().removeIf(java.util.Objects::isNull);
        try {
            Map<String, Object> body = withheld ? Map.of("userId", userId.toString()) : view(user);
            return new ToolMessage(event.getIdentifier(), partition(userId), headers, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The view of " + name + " could not be written", e);
        }
    }

    /** The routing key: UUID#hashCode is defined by the id's bits, so every instance agrees. */
    String partition(UUID userId) {
        return Integer.toString(Math.floorMod(userId.hashCode(), tool.partitions()));
    }

    /**
     * The user id, then only the declared fields in their declared order ({@link AsyncApiDocument}'s
     * schema of the tool's view); a deletion carries the user id alone.
     */
    private Map<String, Object> view(UserEvent user) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("userId", user.userId().toString());
        UserProfile profile = user.profile();
        UserAccess access = user.access();
        if (profile != null) {
            all.put("email", profile.email());
            all.put("displayName", profile.displayName());
            all.put("locale", profile.locale());
            all.put("timeZone", profile.timeZone());
        }
        if (access != null) {
            all.put("plan", access.plan() == null ? null : access.plan().name());
            all.put("tools", access.tools());
        }
        Map<String, Object> view = new LinkedHashMap<>();
        for (String field : AsyncApiDocument.viewFields(tool.fields())) {
            if (all.containsKey(field)) {
                view.put(field, all.get(field));
            }
        }
        return view;
    }

    /** What a published event says of its user: the id, and the state after it (none for a deletion). */
    private record UserEvent(
            UUID userId,
            @Nullable UserProfile profile,
            @Nullable UserAccess access) {

        /** Null for an event that is not published (not about a user, or the user service's bookkeeping). */
        @Nullable
        static UserEvent of(Object payload) {
            if (payload instanceof UserRegistered e) {
                return new UserEvent(e.userId(), e.profile(), e.access());
            } else if (payload instanceof UserProfileChanged e) {
                return new UserEvent(e.userId(), e.profile(), e.access());
            } else if (payload instanceof UserAccessChanged e) {
                return new UserEvent(e.userId(), e.profile(), e.access());
            } else if (payload instanceof UserStateSnapshotted e) {
                return new UserEvent(e.userId(), e.profile(), e.access());
            } else if (payload instanceof UserDeleted e) {
                return new UserEvent(e.userId(), null, null);
            }
            return null;
        }
    }
}
