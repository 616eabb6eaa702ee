package com.example.usersync.command.audit;

import com.example.usersync.events.user.UserProfile;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event of a user's history as the auditor sees it.
 *
 * @param version            the user's version this event produced (its aggregate sequence number)
 * @param revision           the payload's schema revision, after upcasting
 * @param personalDataErased the event carried personal data that was erased since: those fields are
 *                           null in the payload (null means erased, never a value the user gave)
 */
record EventLogEntry(
        String eventId,
        String type,
        String revision,
        long version,
        Instant timestamp,
        Map<String, Object> metadata,
        Object payload,
        boolean personalDataErased
) {
    static EventLogEntry of(DomainEventMessage<?> event) {
        Revision revision = event.getPayloadType().getAnnotation(Revision.class);
        Object payload = event.getPayload();
        return new EventLogEntry(
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                revision == null ? null : revision.value(),
                event.getSequenceNumber(),
                event.getTimestamp(),
                new TreeMap<>(event.getMetaData()),
                payload,
                carriesErasedProfile(payload));
    }

    /** Any event record with a profile, so that an event type added later is covered too. */
    private static boolean carriesErasedProfile(Object payload) {
        if (payload == null || !payload.getClass().isRecord()) {
            return false;
        }
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getType() == UserProfile.class) {
                try {
                    UserProfile profile = (UserProfile) component.getAccessor().invoke(payload);
                    if (profile != null && profile.erased()) {
                        return true;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read the profile of " + payload.getClass().getSimpleName(), e);
                }
            }
        }
        return false;
    }
}
