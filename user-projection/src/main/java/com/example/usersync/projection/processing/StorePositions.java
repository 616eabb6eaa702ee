package com.example.usersync.projection.processing;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Positions in the user service's event store, the one place this service reads it besides Axon's
 * own event stream: its head through Axon ({@link EventStore#createHeadToken()}), and which event
 * sits at a position (Axon has no call for that) from {@code domain_event_entry}.
 */
@Component
public class StorePositions {

    private final EventStore eventStore;
    private final JdbcClient store;

    StorePositions(@Lazy EventStore eventStore, @Qualifier("eventStore") @Lazy DataSource eventStoreDataSource) {
        this.eventStore = eventStore;
        this.store = JdbcClient.create(eventStoreDataSource);
    }

    /** The event store's head position, null while it is empty. */
    public Long head() {
        return position(eventStore.createHeadToken());
    }

    /** The identifier of the event at this position, if there is one. */
    Optional<String> eventIdAt(long position) {
        return store.sql("SELECT event_identifier FROM domain_event_entry WHERE global_index = ?")
                .param(position)
                .query(String.class)
                .optional();
    }

    /**
     * When the first event after a position was appended: the oldest event a tool whose slowest
     * segment is there has not processed. Empty when there is none. One indexed lookup.
     */
    public Optional<Instant> firstEventTimeAfter(long position) {
        return store.sql(
                        "SELECT time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 1")
                .param(position)
                .query(String.class)
                .optional()
                .map(DateTimeUtils::parseInstant);
    }

    /** A token's position, null for none (before the first event). */
    static Long position(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.isPresent() ? position.getAsLong() : null;
    }
}
