package com.example.usersync.command.eventstore;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.command.config.UserCommandSettings.EventStoreSettings;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * On PostgreSQL, the role user-projection reads this database as may read exactly the tables it
 * needs (events and subject keys) and nothing else: not the directory, the email claims, the
 * erasure ledger or the access log. init.sql cannot grant on tables that do not exist yet, and
 * default privileges would grant every future table, so the grants are set here, after every
 * migration, by the owner of the tables: whatever the role was granted before (an older init.sql
 * granted it everything) is revoked, default privileges are revoked, and SELECT is granted on the
 * listed tables. Idempotent; serialized across instances by an advisory lock. A role that does not
 * exist (H2, or a setup without the read-only role) is left alone.
 */
@Component
class ProjectionReaderGrants implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReaderGrants.class);

    private final String role;
    private final List<String> tables;

    /** The role and the tables are checked at start ({@link EventStoreSettings}): identifiers, safe to quote. */
    ProjectionReaderGrants(UserCommandSettings settings) {
        EventStoreSettings eventStore = settings.eventStore();
        this.role = eventStore.readerRole();
        this.tables = eventStore.readerTables();
    }

    /** Flyway also asks without a context; which Flyway it is, is checked in {@link #handle}. */
    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE && !role.equals("-");
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (!ownMigrations(context)) {
            return;
        }
        try {
            Connection connection = context.getConnection();
            if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL") || !roleExists(connection)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('user-sync:projection-reader-grants'))");
                String schema = quote(currentSchema(statement));
                String grantee = quote(role);
                statement.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + grantee);
                statement.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + grantee);
                statement.execute(
                        "ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " REVOKE ALL ON TABLES FROM " + grantee);
                statement.execute(
                        "ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " REVOKE ALL ON SEQUENCES FROM " + grantee);
                statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + grantee);
                List<String> granted = new ArrayList<>();
                for (String table : tables) {
                    if (tableExists(connection, table)) {
                        statement.execute("GRANT SELECT ON " + schema + "." + quote(table) + " TO " + grantee);
                        granted.add(table);
                    } else {
                        log.warn("Table {} does not exist; the projection's role {} is not granted it", table, role);
                    }
                }
                log.info("Database role {} may read only {}", role, granted);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the grants of database role " + role, e);
        }
    }

    @Override
    public String getCallbackName() {
        return "projection-reader-grants";
    }

    /** This service's migrations only: another Flyway (e.g. for another database) is not ours to touch. */
    private static boolean ownMigrations(Context context) {
        return context != null
                && Arrays.stream(context.getConfiguration().getLocations())
                        .anyMatch(location -> location.getDescriptor().endsWith("db/user-command"));
    }

    private boolean roleExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    log.info("No database role {}: no read-only grants to set", role);
                    return false;
                }
                return true;
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private static String currentSchema(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT current_schema()")) {
            result.next();
            return result.getString(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
