package com.example.usersync.command.user;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
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

    private static final int CHUNK = 100;

    private final JdbcClient jdbc;

    DeletionEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return user id to deletion event id, for the erased entries whose deletion is in the store */
    Map<UUID, String> of(List<DirectoryEntry> erased) {
        Map<UUID, String> events = new HashMap<>();
        for (int from = 0; from < erased.size(); from += CHUNK) {
            List<DirectoryEntry> chunk = erased.subList(from, Math.min(erased.size(), from + CHUNK));
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder();
            for (DirectoryEntry entry : chunk) {
                where.append(where.isEmpty() ? "" : " OR ").append("(aggregate_identifier = ? AND sequence_number = ?)");
                params.add(entry.userId().toString());
                params.add(entry.version());
            }
            jdbc.sql("SELECT aggregate_identifier, event_identifier FROM domain_event_entry WHERE " + where)
                    .params(params)
                    .query((rs, row) -> events.put(UUID.fromString(rs.getString("aggregate_identifier")),
                            rs.getString("event_identifier")))
                    .list();
        }
        return events;
    }
}
