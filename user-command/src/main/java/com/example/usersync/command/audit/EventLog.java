package com.example.usersync.command.audit;

import com.example.usersync.command.user.UserRejected;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.UUID;

/** Reads a user's history straight from the event store. */
@Service
class EventLog {

    private final EventStore eventStore;

    EventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Every event from sequence 0: {@code readEvents(id)} would start at the latest aggregate
     * snapshot and hide the history before it.
     */
    List<EventLogEntry> historyOf(UUID userId) {
        List<EventLogEntry> history = eventStore.readEvents(userId.toString(), 0L).asStream()
                .map(EventLogEntry::of)
                .toList();
        if (history.isEmpty()) {
            throw UserRejected.unknown(userId);
        }
        return history;
    }
}
