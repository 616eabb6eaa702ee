package com.example.usersync.logging;

import java.util.Map;

/**
 * What every PostgreSQL connection of both services sets so that an error never quotes row values
 * (a unique key's {@code Key (…)=(…)}, a check's {@code Failing row contains (…)}) into a log:
 * <ul>
 *   <li>pgjdbc leaves the server's DETAIL out of exception messages ({@code logServerErrorDetail=false}),
 *       so the application never sees, logs or returns it;</li>
 *   <li>the server's own log: {@code log_error_verbosity = terse} drops DETAIL, HINT, QUERY and
 *       CONTEXT. It is a superuser-only setting: a session of a superuser sets it itself (the
 *       {@link #SESSION_INIT_SQL}); for any other role production sets it once, as a superuser,
 *       per database ({@code ALTER DATABASE … SET log_error_verbosity = terse}) or role.</li>
 * </ul>
 */
public final class PostgresErrorDetails {

    public static final Map<String, String> DRIVER_PROPERTIES = Map.of("logServerErrorDetail", "false");

    /** A no-op for other roles, which could not set it (the server would refuse the connection). */
    public static final String SESSION_INIT_SQL = "SELECT CASE WHEN current_setting('is_superuser') = 'on' "
            + "THEN set_config('log_error_verbosity', 'terse', false) END";

    private PostgresErrorDetails() {}

    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
