package com.example.usersync.command.audit;

import com.example.usersync.command.user.UserRejected;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.UUID;

/** Reads a user's history straight from the event store. */
@Service
public class EventLog {

    private final EventStore eventStore;

    EventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Every event from sequence 0: {@code readEvents(id)} would start at the latest aggregate
     * snapshot and hide the history before it.
     */
    public List<EventLogEntry> historyOf(UUID userId) {
        return page(userId, 0L, Integer.MAX_VALUE);
    }

    /**
     * At most {@code limit} events from sequence {@code from} on. The store's stream is read lazily
     * in batches, so a long history is never loaded whole for one page.
     */
    public List<EventLogEntry> page(UUID userId, long from, int limit) {
        List<EventLogEntry> history = eventStore
                .readEvents(userId.toString(), from)
                .asStream()
                .limit(limit)
                .map(EventLogEntry::of)
                .toList();
        if (history.isEmpty()
                && (from == 0
                        || eventStore
                                .readEvents(userId.toString(), 0L)
                                .asStream()
                                .findAny()
                                .isEmpty())) {
            throw UserRejected.unknown(userId);
        }
        return history;
    }
}
