package com.example.usersync.platform.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Times as both databases store them: {@code TIMESTAMP WITH TIME ZONE}, written as UTC offsets (the
 * PostgreSQL driver takes {@link OffsetDateTime}, not {@link Instant}) and read back as instants.
 */
public final class SqlTimes {

    private SqlTimes() {}

    /** The column's instant; null for SQL NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The clock's now, as a value to bind. */
    public static OffsetDateTime now(Clock clock) {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
