package com.example.usersync.command;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@DirtiesContext
class BoundedReadsPostgresTest extends BoundedReadsTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("bounded");

    @RegisterExtension
    static final PostgresTestDatabase journal = PostgresTestDatabase.perClass("boundedjournal");

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry, "spring.datasource", () -> database);
        PostgresTestDatabase.register(registry, "user-sync.erasure-journal.datasource", () -> journal);
    }

    /**
     * The updatedSince keyset query (as DirectoryRepository words it) is a range on the index, read
     * in index order (no sort). The
     * test table is tiny, so sequential and bitmap scans are switched off for this session: the planner then
     * shows whether the index is usable at all.
     */
    @Test
    void updatedSinceIsAnsweredFromTheIndexWithoutASort() {
        register();
        String plan = jdbc.execute((ConnectionCallback<String>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET enable_seqscan = off");
                statement.execute("SET enable_bitmapscan = off");
                StringBuilder lines = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("""
                        EXPLAIN SELECT * FROM user_directory
                        WHERE (updated_at, user_id) > (TIMESTAMPTZ '2020-01-01Z', '00000000-0000-0000-0000-000000000000'::uuid)
                        ORDER BY updated_at, user_id LIMIT 100""")) {
                    while (rows.next()) {
                        lines.append(rows.getString(1)).append('\n');
                    }
                } finally {
                    statement.execute("RESET enable_seqscan");
                    statement.execute("RESET enable_bitmapscan");
                }
                return lines.toString();
            }
        });
        assertThat(plan)
                .contains("Index Scan using ix_user_directory_updated", "Index Cond")
                .doesNotContain("Sort");
    }
}
