package com.example.usersync.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A copy of every table of the event store's database (events, snapshots, keys, directory, ledger),
 * taken and restored like a backup. Identity columns restart after the restored rows, as they do
 * when a real dump is restored: new events then get global indexes the tools have already passed.
 */
final class EventStoreBackup {

    private final JdbcTemplate db;
    private final Map<String, List<Map<String, Object>>> content = new LinkedHashMap<>();
    private final Map<String, List<String>> identities = new LinkedHashMap<>();

    private EventStoreBackup(JdbcTemplate db) {
        this.db = db;
    }

    static EventStoreBackup take(SyncSystem.Databases databases) {
        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(databases.eventStoreUrl(), databases.username(), databases.password()));
        EventStoreBackup backup = new EventStoreBackup(db);
        List<String> tables = db.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE LOWER(table_schema) = 'public' AND table_type IN ('BASE TABLE', 'TABLE')""", String.class);
        for (String table : tables) {
            backup.content.put(table, db.queryForList("SELECT * FROM \"" + table + "\""));
            backup.identities.put(table, db.queryForList("""
                    SELECT column_name FROM information_schema.columns
                    WHERE LOWER(table_schema) = 'public' AND table_name = ? AND is_identity = 'YES'""", String.class, table));
        }
        if (backup.content.keySet().stream().noneMatch("domain_event_entry"::equalsIgnoreCase)) {
            throw new IllegalStateException("No event store found in " + databases.eventStoreUrl());
        }
        return backup;
    }

    void restore() {
        content.forEach((table, rows) -> {
            db.update("DELETE FROM \"" + table + "\"");
            for (Map<String, Object> row : rows) {
                String columns = row.keySet().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
                String marks = row.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
                db.update("INSERT INTO \"" + table + "\" (" + columns + ") VALUES (" + marks + ")", new ArrayList<>(row.values()).toArray());
            }
            for (String column : identities.get(table)) {
                Long max = db.queryForObject("SELECT MAX(\"" + column + "\") FROM \"" + table + "\"", Long.class);
                db.execute("ALTER TABLE \"" + table + "\" ALTER COLUMN \"" + column + "\" RESTART WITH " + (max == null ? 1 : max + 1));
            }
        });
    }
}
