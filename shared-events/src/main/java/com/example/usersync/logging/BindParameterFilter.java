package com.example.usersync.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.util.List;

/**
 * Denies the loggers that print the values bound to or read from SQL statements, or whole entities,
 * whatever level they are set to: those values are users' emails and names. The statements
 * themselves (with {@code ?}) still log, e.g. {@code org.hibernate.SQL} at DEBUG.
 */
public class BindParameterFilter extends TurboFilter {

    static final List<String> DENIED = List.of(
            "org.hibernate.orm.jdbc.bind",
            "org.hibernate.orm.jdbc.extract",
            "org.hibernate.type.descriptor.jdbc",
            "org.hibernate.type.descriptor.sql",
            "org.hibernate.internal.util.EntityPrinter",
            "org.springframework.jdbc.core.StatementCreatorUtils",
            "org.springframework.jdbc.core.ArgumentPreparedStatementSetter",
            "org.springframework.jdbc.core.ArgumentTypePreparedStatementSetter",
            "org.springframework.jdbc.core.namedparam",
            "org.springframework.jdbc.core.simple.JdbcClient",
            "org.postgresql.core.v3.QueryExecutorImpl",
            "h2database");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || level.isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        for (String denied : DENIED) {
            if (name.startsWith(denied)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
