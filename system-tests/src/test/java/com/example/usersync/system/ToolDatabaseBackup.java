package com.example.usersync.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A copy of a tool database (read models, tokens, dead letters) taken and restored like a backup. */
final class ToolDatabaseBackup {

    private static final List<String> TABLES = List.of("token_entry", "dead_letter_entry",
            "analytics_user", "billing_account", "mailing_contact");

    private final SyncSystem.Databases databases;
    private final Map<String, List<Map<String, Object>>> content = new LinkedHashMap<>();

    private ToolDatabaseBackup(SyncSystem.Databases databases) {
        this.databases = databases;
    }

    static ToolDatabaseBackup take(SyncSystem.Databases databases) {
        ToolDatabaseBackup backup = new ToolDatabaseBackup(databases);
        EventStoreBackup.withConnection(databases.toolsUrl(), databases, db ->
                TABLES.forEach(table -> backup.content.put(table, db.queryForList("SELECT * FROM " + table))));
        return backup;
    }

    void restore() {
        EventStoreBackup.withConnection(databases.toolsUrl(), databases, db -> content.forEach((table, rows) -> {
            db.update("DELETE FROM " + table);
            EventStoreBackup.insertAll(db, table, rows);
        }));
    }
}
