package com.example.usersync.system;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * On PostgreSQL, the server's own log too: only what it appended while the scenario ran is read
 * ({@value #SERVER_LOG_ENV}, default the Debian/Ubuntu log of PostgreSQL 15). Where it cannot be
 * read, that part is skipped with a message (failed where PostgreSQL tests are required).
 */
class NoPersonalDataInLogsPostgresTest extends NoPersonalDataInLogsTest {

    static final String SERVER_LOG_ENV = "USER_SYNC_POSTGRES_SERVER_LOG";

    private final Path serverLog =
            Path.of(System.getenv().getOrDefault(SERVER_LOG_ENV, "/var/log/postgresql/postgresql-15-main.log"));

    @RegisterExtension
    static final PostgresTestDatabase events = PostgresTestDatabase.perClass("logcheck_events");

    @RegisterExtension
    static final PostgresTestDatabase toolsDatabase = PostgresTestDatabase.perClass("logcheck_tools");

    private long serverLogStart = -1;

    @Override
    SyncSystem.Databases databases() {
        return SyncSystem.Databases.on(events, toolsDatabase);
    }

    @Override
    void beforeStart() {
        serverLogStart = Files.isReadable(serverLog) ? serverLog.toFile().length() : -1;
    }

    @Override
    void assertDatabaseLogsHoldNone(List<String> personalData) {
        String appended = appendedToServerLog();
        // The tool failure reached the server (so this is the right log), yet without its row.
        assertThat(appended).contains("violates check constraint \"logcheck_poison\"");
        assertThat(linesWithAny(appended, personalData))
                .as("PostgreSQL server log lines with an email or a name")
                .isEmpty();
        assertThat(appended.lines()
                        .filter(line -> line.contains("Failing row contains") || line.contains("DETAIL:  Key (")))
                .as("PostgreSQL server log lines quoting row values")
                .isEmpty();
    }

    /**
     * Every PostgreSQL pool of both services (event store, tool database, the projection's reader of
     * the event store) keeps the server's DETAIL out of exception messages, and its sessions log
     * errors tersely. (The erasure journal's pool, H2 in this system, is set up by the same means.)
     */
    @Override
    void assertConnections(SyncSystem system, ConfigurableApplicationContext projection) {
        List<JdbcTemplate> pools = List.of(
                system.eventStoreDb(),
                SyncSystem.toolsDb(projection),
                new JdbcTemplate(projection.getBean("eventStoreDataSource", DataSource.class)));
        for (JdbcTemplate pool : pools) {
            String marker = "logcheck-detail-" + UUID.randomUUID();
            Throwable refused = catchThrowable(() -> pool.execute((ConnectionCallback<Object>) connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS logcheck_unique (value TEXT PRIMARY KEY)");
                    statement.execute("INSERT INTO logcheck_unique VALUES ('" + marker + "'), ('" + marker + "')");
                }
                return null;
            }));
            assertThat(refused).isNotNull();
            for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
                assertThat(cause.getMessage()).doesNotContain(marker).doesNotContain("Detail");
            }
            assertThat(pool.queryForObject("SHOW log_error_verbosity", String.class))
                    .isEqualTo("terse");
        }
    }

    private String appendedToServerLog() {
        if (serverLogStart < 0 || !Files.isReadable(serverLog)) {
            String message =
                    "PostgreSQL server log " + serverLog + " not readable; set " + SERVER_LOG_ENV + " to check it.";
            if (Boolean.parseBoolean(System.getenv(PostgresTestDatabase.REQUIRED_ENV))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        try (RandomAccessFile file = new RandomAccessFile(serverLog.toFile(), "r")) {
            long start = file.length() < serverLogStart ? 0 : serverLogStart; // rotated meanwhile: all of the new file
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + serverLog, e);
        }
    }
}
