package com.example.usersync.command.eventstore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The aggregate snapshots Axon keeps in {@code snapshot_event_entry}, purged where they must not outlive their data. */
@Component
public class AggregateSnapshots {

    private final JdbcClient jdbc;

    AggregateSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Drops every snapshot of the aggregate, in the caller's transaction. */
    public void purge(String aggregateIdentifier) {
        jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(aggregateIdentifier)
                .update();
    }
}
