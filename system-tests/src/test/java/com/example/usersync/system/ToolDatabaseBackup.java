package com.example.usersync.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A copy of a tool database (read models, tokens, dead letters) taken and restored like a backup. */
final class ToolDatabaseBackup {

    private final SyncSystem.Databases databases;
    private final Map<String, List<Map<String, Object>>> content = new LinkedHashMap<>();

    private ToolDatabaseBackup(SyncSystem.Databases databases) {
        this.databases = databases;
    }

    static ToolDatabaseBackup take(SyncSystem.Databases databases) {
        ToolDatabaseBackup backup = new ToolDatabaseBackup(databases);
        EventStoreBackup.withConnection(databases.toolsUrl(), databases, db -> {
            List<String> tables = new java.util.ArrayList<>(List.of("token_entry", "dead_letter_entry"));
            tables.addAll(toolTables(db));
            tables.forEach(table -> backup.content.put(table, db.queryForList("SELECT * FROM " + table)));
        });
        return backup;
    }

    /** Every tool's table, whatever the tools are: the tables with a {@code row_hash}. */
    static List<String> toolTables(org.springframework.jdbc.core.JdbcTemplate db) {
        return db.queryForList("""
                SELECT table_name FROM information_schema.columns
                WHERE LOWER(column_name) = 'row_hash' AND LOWER(table_schema) = 'public' ORDER BY table_name""", String.class);
    }

    void restore() {
        EventStoreBackup.withConnection(
                databases.toolsUrl(),
                databases,
                db -> content.forEach((table, rows) -> {
                    db.update("DELETE FROM " + table);
                    EventStoreBackup.insertAll(db, table, rows);
                }));
    }
}
