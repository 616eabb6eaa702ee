package com.example.usersync.system;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Every value of every table of a database as text, binary columns decoded as UTF-8: what a leak check reads. */
final class DatabaseDump {

    private DatabaseDump() {}

    static String of(String url, String username, String password) {
        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(url, username, password));
        List<String> tables = db.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE LOWER(table_schema) = 'public' AND table_type IN ('BASE TABLE', 'TABLE')""", String.class);
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            for (Map<String, Object> row : db.queryForList("SELECT * FROM \"" + table + "\"")) {
                dump.append(table).append(':');
                row.values()
                        .forEach(value -> dump.append(' ')
                                .append(
                                        value instanceof byte[] bytes
                                                ? new String(bytes, StandardCharsets.UTF_8)
                                                : String.valueOf(value)));
                dump.append('\n');
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("No tables found to dump in " + url);
        }
        return dump.toString();
    }
}
