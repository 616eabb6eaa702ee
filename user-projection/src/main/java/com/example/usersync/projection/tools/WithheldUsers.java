package com.example.usersync.projection.tools;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code tool_withheld} table: for each tool, the users it must not hold and the version at
 * which that was decided. When a tool's row is absent, this version is what the version guard
 * compares with, so an older event cannot bring the row back. A user has either a row in the
 * tool's table or an entry here (or neither, before any event about them).
 */
final class WithheldUsers {

    private final JdbcClient jdbc;

    WithheldUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The condition "the user is not withheld from the tool", for a write that guards itself in one
     * statement; its two parameters are the tool and the user id, in this order.
     */
    static String notWithheldCondition() {
        return "NOT EXISTS (SELECT 1 FROM tool_withheld WHERE tool = ? AND user_id = ?)";
    }

    Optional<Long> version(String tool, UUID userId) {
        return jdbc.sql("SELECT version FROM tool_withheld WHERE tool = ? AND user_id = ?")
                .param(tool)
                .param(userId)
                .query(Long.class)
                .optional();
    }

    /**
     * Records or advances the entry; never moves it back to an older version.
     *
     * @return whether the entry changed
     */
    boolean withhold(String tool, UUID userId, long version, Instant eventTime) {
        int advanced = jdbc.sql(
                        "UPDATE tool_withheld SET version = ?, event_time = ? WHERE tool = ? AND user_id = ? AND version < ?")
                .params(version, eventTime.atOffset(ZoneOffset.UTC), tool, userId, version)
                .update();
        if (advanced == 0 && version(tool, userId).isEmpty()) {
            jdbc.sql("INSERT INTO tool_withheld (tool, user_id, version, event_time) VALUES (?, ?, ?, ?)")
                    .params(tool, userId, version, eventTime.atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        }
        return advanced > 0;
    }

    /** The tool holds the user again (or has erased them): the row, or the receipt, guards from now on. */
    void release(String tool, UUID userId) {
        jdbc.sql("DELETE FROM tool_withheld WHERE tool = ? AND user_id = ?")
                .param(tool)
                .param(userId)
                .update();
    }

    /** For a reset: from the start everything goes; from a point in time, what events since then decided. */
    void clear(String tool, Instant since) {
        if (since == null) {
            jdbc.sql("DELETE FROM tool_withheld WHERE tool = ?").param(tool).update();
        } else {
            jdbc.sql("DELETE FROM tool_withheld WHERE tool = ? AND event_time >= ?")
                    .param(tool)
                    .param(since.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }
}
