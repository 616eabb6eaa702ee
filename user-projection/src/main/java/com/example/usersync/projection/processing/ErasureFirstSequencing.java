package com.example.usersync.projection.processing;

import com.example.usersync.events.user.UserDeleted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Events are ordered per user, except that a deletion never waits behind that user's dead letters:
 * an erasure must not be held up by a poisoned profile change. Every sequence identifier is a
 * String, because Axon's JDBC dead-letter queue stores any other identifier as its
 * {@code hashCode()}: an operator could not find a sequence by user id, and two users whose
 * identifiers share a hash would queue behind each other. A user's events use the user id; a
 * {@link UserDeleted} uses {@code "erasure:" + userId}, its own sequence.
 * <p>
 * The pooled processor assigns an event to a segment by the hash of this identifier, so a deletion
 * usually lands in another segment than the user's other events and is no longer ordered with them.
 * That is safe for every event applied after the erasure has committed: {@code ToolProjection}
 * checks the tool's erasure receipt, written in the erasure's transaction, before every write and
 * writes nothing for a user it has erased (the receipt is the tool's tombstone), and a user event
 * read after the key was destroyed only carries erased fields, which the projection deletes rather
 * than stores. The one ordering the receipt cannot cover is an update of the same user whose
 * transaction in another segment is still open while the erasure commits; see
 * {@code ToolProjection#on(UserDeleted, String)} for how the erasure handles that window.
 */
public final class ErasureFirstSequencing implements SequencingPolicy<EventMessage<?>> {

    private static final String ERASURE = "erasure:";

    /** The dead-letter sequence of the user's deletion. */
    public static String erasureSequence(String userId) {
        return ERASURE + userId;
    }

    /** The dead-letter sequence of the user's other events: the user id itself. */
    public static String userSequence(String userId) {
        return userId;
    }

    /**
     * Every event of a user, its deletion included, in the user's one sequence: for an external tool, whose
     * consumers must see a user's events in version order (a deletion then waits behind the user's dead
     * letters, which an external tool's publishing does not make: a failed batch is retried, not parked).
     */
    public static SequencingPolicy<EventMessage<?>> inUserOrder() {
        return event ->
                event instanceof DomainEventMessage<?> domain ? userSequence(domain.getAggregateIdentifier()) : null;
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domain)) {
            return null;
        }
        return UserDeleted.class.equals(event.getPayloadType())
                ? erasureSequence(domain.getAggregateIdentifier())
                : userSequence(domain.getAggregateIdentifier());
    }
}
