package com.example.usersync.command.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event of a user's history as the auditor sees it.
 *
 * @param version  the user's version this event produced (its aggregate sequence number)
 * @param revision the payload's schema revision, after upcasting
 */
record EventLogEntry(
        String eventId,
        String type,
        String revision,
        long version,
        Instant timestamp,
        Map<String, Object> metadata,
        Object payload
) {
    static EventLogEntry of(DomainEventMessage<?> event) {
        Revision revision = event.getPayloadType().getAnnotation(Revision.class);
        return new EventLogEntry(
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                revision == null ? null : revision.value(),
                event.getSequenceNumber(),
                event.getTimestamp(),
                new TreeMap<>(event.getMetaData()),
                event.getPayload());
    }
}
