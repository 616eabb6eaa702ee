package com.example.usersync.system;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A copy of every table of the event store's database (events, snapshots, keys, directory, ledger),
 * taken and restored like a backup. Identity columns restart after the restored rows, as they do
 * when a real dump is restored: new events then get global indexes the tools have already passed.
 */
final class EventStoreBackup {

    private final SyncSystem.Databases databases;
    private final Map<String, List<Map<String, Object>>> content = new LinkedHashMap<>();
    private final Map<String, List<String>> identities = new LinkedHashMap<>();

    private EventStoreBackup(SyncSystem.Databases databases) {
        this.databases = databases;
    }

    static EventStoreBackup take(SyncSystem.Databases databases) {
        EventStoreBackup backup = new EventStoreBackup(databases);
        withConnection(databases.eventStoreUrl(), databases, backup::read);
        return backup;
    }

    private void read(JdbcTemplate db) {
        List<String> tables = db.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE LOWER(table_schema) = 'public' AND table_type IN ('BASE TABLE', 'TABLE')""", String.class);
        for (String table : tables) {
            content.put(table, db.queryForList("SELECT * FROM \"" + table + "\""));
            identities.put(table, db.queryForList("""
                    SELECT column_name FROM information_schema.columns
                    WHERE LOWER(table_schema) = 'public' AND table_name = ? AND is_identity = 'YES'""", String.class, table));
        }
        if (content.keySet().stream().noneMatch("domain_event_entry"::equalsIgnoreCase)) {
            throw new IllegalStateException("No event store found in " + databases.eventStoreUrl());
        }
    }

    void restore() {
        withConnection(
                databases.eventStoreUrl(),
                databases,
                db -> content.forEach((table, rows) -> {
                    db.update("DELETE FROM \"" + table + "\"");
                    insertAll(db, "\"" + table + "\"", rows);
                    for (String column : identities.get(table)) {
                        Long max =
                                db.queryForObject("SELECT MAX(\"" + column + "\") FROM \"" + table + "\"", Long.class);
                        db.execute("ALTER TABLE \"" + table + "\" ALTER COLUMN \"" + column + "\" RESTART WITH "
                                + (max == null ? 1 : max + 1));
                    }
                }));
    }

    /** One connection for the whole copy (not one per statement), closed afterwards so the test database can be dropped. */
    static void withConnection(String url, SyncSystem.Databases databases, Consumer<JdbcTemplate> work) {
        SingleConnectionDataSource connection =
                new SingleConnectionDataSource(url, databases.username(), databases.password(), true);
        try {
            work.accept(new JdbcTemplate(connection));
        } finally {
            connection.destroy();
        }
    }

    /** The rows back into {@code table} (a quoted or plain name), as JDBC batches. */
    static void insertAll(JdbcTemplate db, String table, List<Map<String, Object>> rows) {
        Map<List<String>, List<Object[]>> byColumns = new LinkedHashMap<>();
        rows.forEach(row -> byColumns
                .computeIfAbsent(List.copyOf(row.keySet()), columns -> new ArrayList<>())
                .add(row.values().toArray()));
        byColumns.forEach((columns, values) -> db.batchUpdate(
                "INSERT INTO " + table + " ("
                        + columns.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")) + ") VALUES ("
                        + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")",
                values));
    }
}
