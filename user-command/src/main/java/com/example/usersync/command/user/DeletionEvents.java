package com.example.usersync.command.user;

import com.example.usersync.command.eventstore.StoredEvents;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which event erased each erased user. Reconciliation erases a tool's leftover row through the same
 * path as the deletion itself, and the tool's receipt must name that event. An erased user's
 * directory version is the sequence number of the deletion that erased it (later receipts do not
 * move it), so the event is found by its position in the user's stream, not by its type name.
 */
@Component
class DeletionEvents {

    private final StoredEvents events;

    DeletionEvents(StoredEvents events) {
        this.events = events;
    }

    /** @return user id to deletion event id, for the erased entries whose deletion is in the store */
    Map<UUID, String> of(List<DirectoryEntry> erased) {
        Map<String, Long> versions = new HashMap<>();
        erased.forEach(entry -> versions.put(entry.userId().toString(), entry.version()));
        Map<UUID, String> deletions = new HashMap<>();
        events.eventIdsAt(versions).forEach((userId, eventId) -> deletions.put(UUID.fromString(userId), eventId));
        return deletions;
    }
}
