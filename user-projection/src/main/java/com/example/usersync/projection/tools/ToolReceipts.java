package com.example.usersync.projection.tools;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tool's side of the {@code erasure_receipt} outbox: whether the tool has erased a user (the
 * receipt is its tombstone) and recording that it has. Delivery is {@code ReceiptDelivery}'s job.
 */
final class ToolReceipts {

    private static final int CHUNK = 200;

    private final JdbcClient jdbc;
    private final Clock clock;

    ToolReceipts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean recorded(String tool, UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_receipt WHERE tool = ? AND user_id = ?")
                .param(tool).param(userId).query(Long.class).single() > 0;
    }

    /** Which of these users the tool has recorded an erasure receipt for. */
    Set<UUID> recordedAmong(String tool, Collection<UUID> userIds) {
        Set<UUID> recorded = new HashSet<>();
        List<UUID> ids = new ArrayList<>(userIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            List<Object> params = new ArrayList<>();
            params.add(tool);
            params.addAll(chunk);
            String marks = String.join(", ", chunk.stream().map(id -> "?").toList());
            recorded.addAll(jdbc.sql("SELECT user_id FROM erasure_receipt WHERE tool = ? AND user_id IN (" + marks + ")")
                    .params(params).query((rs, row) -> rs.getObject("user_id", UUID.class)).list());
        }
        return recorded;
    }

    /**
     * Records the receipt for delivery; @return whether anything changed. Once per tool, user and
     * deletion: the same deletion applied again (a replay) changes nothing, but a new deletion of the
     * user (the user service re-applied a journaled erasure after a restore of its event store) must
     * be confirmed anew, so the receipt then names it and is delivered again.
     */
    boolean record(String tool, UUID userId, String deletionEventId) {
        Optional<String> recordedFor = jdbc.sql("SELECT deletion_event_id FROM erasure_receipt WHERE tool = ? AND user_id = ?")
                .param(tool).param(userId).query(String.class).optional();
        if (recordedFor.filter(deletionEventId::equals).isPresent()) {
            return false;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        if (recordedFor.isPresent()) {
            jdbc.sql("""
                            UPDATE erasure_receipt SET deletion_event_id = ?, erased_at = ?, attempts = 0, next_attempt_at = ?,
                            delivered_at = NULL, parked_at = NULL, last_status = NULL, last_problem = NULL
                            WHERE tool = ? AND user_id = ?""")
                    .params(deletionEventId, now, now, tool, userId).update();
            return true;
        }
        jdbc.sql("INSERT INTO erasure_receipt (tool, user_id, deletion_event_id, erased_at, attempts, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, 0, ?)")
                .params(tool, userId, deletionEventId, now, now).update();
        return true;
    }
}
