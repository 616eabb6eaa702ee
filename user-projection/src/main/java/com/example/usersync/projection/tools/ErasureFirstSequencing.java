package com.example.usersync.projection.tools;

import com.example.usersync.events.user.UserDeleted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Events are ordered per user, except that a deletion never waits behind that user's dead letters:
 * an erasure must not be held up by a poisoned profile change. {@link UserDeleted} gets its own
 * dead-letter sequence, while its hash keeps it in the user's segment, in order with the user's
 * other events. Dead letters retried after the erasure cannot bring the data back: the user's key
 * is gone and the tool's receipt marks the user as erased.
 */
final class ErasureFirstSequencing implements SequencingPolicy<EventMessage<?>> {

    /** Same segment as the user (same hash), different dead-letter sequence (not the user id string). */
    record ErasureSequence(String userId) {
        @Override
        public int hashCode() {
            return userId.hashCode();
        }

        @Override
        public String toString() {
            return "erasure:" + userId;
        }
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domain)) {
            return null;
        }
        return UserDeleted.class.equals(event.getPayloadType())
                ? new ErasureSequence(domain.getAggregateIdentifier())
                : domain.getAggregateIdentifier();
    }
}
