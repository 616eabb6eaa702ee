package com.example.usersync.command.audit;

import com.example.usersync.events.user.UserProfile;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;
import org.springframework.lang.Nullable;

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
@Schema(description = "One event of a user's history with all its metadata.")
public record EventLogEntry(
        @Schema(
                description = "The event's id; tools confirm a deletion by it.",
                example = "0b6f3c2e-8d1a-4c5e-9f7a-2e4d6b8c0a1f")
        String eventId,

        @Schema(description = "The event type.", example = "UserProfileChanged")
        String type,

        @Schema(
                description = "The payload's schema revision, after upcasting; null for an unrevised type.",
                example = "1")
        @Nullable
        String revision,

        @Schema(description = "The user's version this event produced.", example = "1")
        long version,

        Instant timestamp,

        @Schema(
                description =
                        "`correlationId` (the request that started it all), `causationId` (the message that directly "
                                + "caused it), `actor` and `sourceService`.",
                additionalPropertiesSchema = String.class,
                example = "{\"actor\":\"admin\",\"causationId\":\"3f1c9a7e-2b4d-4e6f-8a0c-1d2e3f4a5b6c\","
                        + "\"correlationId\":\"ticket-4711\",\"sourceService\":\"user-command\"}")
        Map<String, Object> metadata,

        @Schema(
                type = "object",
                description = "The event itself, as the published event record of its type (shared-events) "
                        + "serializes it, personal fields decrypted; they are null once the user is erased.",
                example = "{\"userId\":\"6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d\",\"changedFields\":[\"TIME_ZONE\"],"
                        + "\"profile\":{\"email\":\"alex.example@example.com\",\"displayName\":\"Alex Example\","
                        + "\"locale\":\"en-US\",\"timeZone\":\"Europe/Berlin\"},"
                        + "\"access\":{\"plan\":\"TEAM\",\"tools\":[\"billing\",\"mailing\"]}}")
        Object payload,

        @Schema(description = "Whether personal data this event carried has been erased since.")
        boolean personalDataErased) {
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
                    throw new IllegalStateException(
                            "Cannot read the profile of " + payload.getClass().getSimpleName(), e);
                }
            }
        }
        return false;
    }
}
