package com.example.usersync.command;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A copy of every table of the event store database (events, snapshots, keys, directory, email
 * claims, ledger, ...), taken and restored like a backup; and a dump that greps all of it.
 */
final class EventStoreBackup {

    private final JdbcTemplate db;
    private final Map<String, List<Map<String, Object>>> content = new LinkedHashMap<>();

    private EventStoreBackup(JdbcTemplate db) {
        this.db = db;
    }

    static List<String> tables(JdbcTemplate db) {
        return db.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE' ORDER BY table_name""", String.class);
    }

    static EventStoreBackup take(JdbcTemplate db) {
        EventStoreBackup backup = new EventStoreBackup(db);
        tables(db).forEach(table -> backup.content.put(table, db.queryForList("SELECT * FROM " + quoted(table))));
        return backup;
    }

    /** Puts every table back as it was, and the event store's identity counter after its highest index. */
    void restore() {
        content.forEach((table, rows) -> {
            db.update("DELETE FROM " + quoted(table));
            for (Map<String, Object> row : rows) {
                String columns =
                        row.keySet().stream().map(EventStoreBackup::quoted).collect(Collectors.joining(", "));
                String marks = row.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
                db.update(
                        "INSERT INTO " + quoted(table) + " (" + columns + ") VALUES (" + marks + ")",
                        row.values().toArray());
            }
        });
        long next = db.queryForObject("SELECT COALESCE(MAX(global_index), 0) + 1 FROM domain_event_entry", Long.class);
        db.execute("ALTER TABLE domain_event_entry ALTER COLUMN global_index RESTART WITH " + next);
    }

    /** Names as the catalog spells them (H2 upper-cases unquoted names, Flyway quotes its own). */
    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    /** Every table.column of the database whose value contains one of the texts, as a dump would show it. */
    static List<String> plaintextFindings(JdbcTemplate db, String... texts) {
        List<String> findings = new ArrayList<>();
        for (String table : tables(db)) {
            for (Map<String, Object> row : db.queryForList("SELECT * FROM " + quoted(table))) {
                row.forEach((column, value) -> {
                    String shown = value instanceof byte[] bytes
                            ? new String(bytes, StandardCharsets.UTF_8)
                            : String.valueOf(value);
                    for (String text : texts) {
                        if (shown.toLowerCase().contains(text.toLowerCase())) {
                            findings.add(table + "." + column);
                        }
                    }
                });
            }
        }
        return findings;
    }
}
