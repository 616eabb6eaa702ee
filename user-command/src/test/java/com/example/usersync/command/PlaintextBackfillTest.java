package com.example.usersync.command;

import com.example.usersync.events.privacy.JdbcSubjectKeys;
import com.example.usersync.events.privacy.MasterKey;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.PostgresTestDatabase;
import com.example.usersync.testing.TestSecrets;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written by the previous version (plaintext directory and email claims, no erasure
 * journal) still starts: the start-up backfill encrypts and hashes it, once.
 */
class PlaintextBackfillTest {

    /** The key the started service uses (TestSecrets gives every test instance this one). */
    static final String MASTER_KEY = TestSecrets.MASTER_KEY;

    String eventStoreUrl;
    String journalUrl;
    String username = "sa";
    String password = "";
    final List<PostgresTestDatabase> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(PostgresTestDatabase::close);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void aDirectoryWrittenInPlaintextByThePreviousVersionIsEncryptedAndHashedOnStartAndStaysReadable(String database) {
        if (database.equals("H2")) {
            eventStoreUrl = "jdbc:h2:mem:backfill-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            journalUrl = "jdbc:h2:mem:backfill-journal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        } else {
            PostgresTestDatabase eventStore = PostgresTestDatabase.createOrSkip("backfill");
            databases.add(eventStore);
            PostgresTestDatabase journal = PostgresTestDatabase.createOrSkip("backfilljournal");
            databases.add(journal);
            eventStoreUrl = eventStore.jdbcUrl();
            journalUrl = journal.jdbcUrl();
            username = eventStore.username();
            password = eventStore.password();
        }
        DriverManagerDataSource dataSource = new DriverManagerDataSource(eventStoreUrl, username, password);
        JdbcTemplate db = new JdbcTemplate(dataSource);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/event-store", "classpath:db/user-command", "classpath:db/access-log")
                .target("6")
                .load()
                .migrate();
        UUID live = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        new JdbcSubjectKeys(dataSource::getConnection, MasterKey.fromBase64(MASTER_KEY), true, Duration.ZERO)
                .findOrCreate(live.toString());
        Timestamp now = Timestamp.from(Instant.now());
        db.update("""
                INSERT INTO user_directory (user_id, status, version, email, display_name, locale, time_zone, plan, tools, registered_at, updated_at)
                VALUES (?, 'ACTIVE', 0, 'Old.Timer@Example.com', 'Old Timer', 'en', 'UTC', 'TEAM', 'mailing', ?, ?)""", live, now, now);
        db.update("INSERT INTO user_email (user_id, email_key) VALUES (?, 'old.timer@example.com')", live);
        db.update("""
                INSERT INTO user_directory (user_id, status, version, registered_at, updated_at) VALUES (?, 'ERASED', 1, ?, ?)""", erased, now, now);
        db.update(
                "INSERT INTO subject_key (subject_id, wrapped_key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)",
                erased.toString(),
                now,
                now);
        db.update("""
                INSERT INTO erasure_request (user_id, deletion_event_id, requested_at, reason, requested_by, actor)
                VALUES (?, ?, ?, 'ACCOUNT_CLOSED', 'CUSTOMER_SUPPORT', 'admin')""", erased, UUID.randomUUID().toString(), now);

        Map<String, Object> converted;
        try (ConfigurableApplicationContext service = start()) {
            Http http = Http.withDevAccounts("http://localhost:"
                    + ((WebServerApplicationContext) service).getWebServer().getPort());

            converted = db.queryForMap("SELECT email, display_name FROM user_directory WHERE user_id = ?", live);
            assertThat(converted.values())
                    .allSatisfy(value -> assertThat(value.toString()).startsWith("pd:v1:" + live + ":"));
            assertThat(db.queryForObject("SELECT email_key FROM user_email WHERE user_id = ?", String.class, live))
                    .matches("[0-9a-f]{64}");
            assertThat(EventStoreBackup.plaintextFindings(db, "old.timer@example.com", "Old Timer"))
                    .isEmpty();
            Http.Response read = http.get("/api/users/" + live);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("email").asText()).isEqualTo("Old.Timer@Example.com");
            assertThat(read.json().get("displayName").asText()).isEqualTo("Old Timer");
            assertThat(http.post(
                                    "/api/users",
                                    "{\"email\":\"OLD.TIMER@example.com\",\"displayName\":\"Copy\",\"locale\":\"en\"}")
                            .status())
                    .as("the hashed claim still holds the address")
                    .isEqualTo(409);
            assertThat(http.get("/api/erasures/" + erased).json().get("reason").asText())
                    .as("an erasure of the previous version is journaled")
                    .isEqualTo("ACCOUNT_CLOSED");
        }

        try (ConfigurableApplicationContext again = start()) {
            assertThat(db.queryForMap("SELECT email, display_name FROM user_directory WHERE user_id = ?", live))
                    .as("a second start changes nothing")
                    .isEqualTo(converted);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(UserCommandApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + eventStoreUrl,
                        "--spring.datasource.username=" + username,
                        "--spring.datasource.password=" + password,
                        "--user-sync.erasure-journal.datasource.url=" + journalUrl,
                        "--user-sync.erasure-journal.datasource.username=" + username,
                        "--user-sync.erasure-journal.datasource.password=" + password);
    }
}
