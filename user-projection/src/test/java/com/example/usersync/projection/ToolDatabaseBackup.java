package com.example.usersync.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A copy of a tool database (read models, tokens, dead letters) taken and restored like a backup. */
final class ToolDatabaseBackup {

    private static final List<String> TABLES = List.of("token_entry", "dead_letter_entry",
            "analytics_user", "billing_account", "mailing_contact");

    private final JdbcTemplate db;
    private final Map<String, List<Map<String, Object>>> content = new LinkedHashMap<>();

    private ToolDatabaseBackup(JdbcTemplate db) {
        this.db = db;
    }

    static ToolDatabaseBackup take(SyncSystem.Databases databases) {
        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(databases.toolsUrl(), databases.username(), databases.password()));
        ToolDatabaseBackup backup = new ToolDatabaseBackup(db);
        TABLES.forEach(table -> backup.content.put(table, db.queryForList("SELECT * FROM " + table)));
        return backup;
    }

    void restore() {
        content.forEach((table, rows) -> {
            db.update("DELETE FROM " + table);
            for (Map<String, Object> row : rows) {
                String columns = String.join(", ", row.keySet());
                String marks = row.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
                db.update("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")", row.values().toArray());
            }
        });
    }
}
