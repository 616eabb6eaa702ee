package com.example.usersync.events;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Table and column names of the event store, as created by the user service's Flyway migrations.
 * The writer and every reader use the same JDBC engine over this schema: payloads are {@code bytea}
 * on PostgreSQL (never {@code oid} large objects) and {@code global_index} is an identity column
 * allocated one value at a time.
 */
public final class EventStoreSchema {

    private EventStoreSchema() {}

    /** The storage engine every writer and reader uses; callers add what is specific to them. */
    public static JdbcEventStorageEngine.Builder storageEngine(
            ConnectionProvider connections,
            TransactionManager transactions,
            Serializer serializer,
            EventUpcaster upcasters) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(eventSchema())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(upcasters);
    }

    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }
}
