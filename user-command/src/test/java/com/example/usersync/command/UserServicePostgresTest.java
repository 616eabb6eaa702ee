package com.example.usersync.command;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DirtiesContext
class UserServicePostgresTest extends UserServiceEndToEndTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("command");

    @RegisterExtension
    static final PostgresTestDatabase journal = PostgresTestDatabase.perClass("journal");

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry, "spring.datasource", () -> database);
        PostgresTestDatabase.register(registry, "user-sync.erasure-journal.datasource", () -> journal);
    }

    @Test
    void eventPayloadsAreByteaAndGlobalIndexIsAllocatedOneAtATime() {
        Map<String, Object> payload = jdbc.queryForMap(
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'domain_event_entry' AND column_name = 'payload'");
        assertThat(payload.get("data_type")).isEqualTo("bytea");
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM information_schema.columns
                WHERE table_name IN ('domain_event_entry', 'snapshot_event_entry') AND data_type = 'oid'""", Integer.class)).isZero();

        register(uniqueEmail());
        register(uniqueEmail());

        var indexes = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry ORDER BY global_index DESC LIMIT 2", Long.class);
        assertThat(indexes.get(0) - indexes.get(1)).isOne();
    }
}
