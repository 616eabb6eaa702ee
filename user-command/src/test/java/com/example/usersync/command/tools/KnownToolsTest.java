package com.example.usersync.command.tools;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.client.ResourceAccessException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The user service learns the tools from the tool-sync service and never forgets one by itself. */
class KnownToolsTest {

    private final List<List<String>> answers = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    private JdbcClient db;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:known-tools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/erasure-journal")
                .load()
                .migrate();
        db = JdbcClient.create(dataSource);
    }

    /** Answers with the next list; an empty queue is an unreachable tool-sync service. */
    private ToolSyncService toolSync() {
        return () -> {
            calls.incrementAndGet();
            if (answers.isEmpty()) {
                throw new ResourceAccessException("connection refused");
            }
            return answers.remove(0);
        };
    }

    private KnownTools knownTools(List<String> seed) {
        ExponentialBackOff retries = new ExponentialBackOff(1000, 2);
        retries.setMaxInterval(60_000);
        return new KnownTools(db, toolSync(), clock, retries, Duration.ofMinutes(1), seed);
    }

    @Test
    void aToolListedOnceStaysKnownWhenALaterAnswerLacksIt() {
        KnownTools tools = knownTools(List.of());
        answers.add(List.of("mailing", "billing", "crm"));
        answers.add(List.of("billing"));

        assertThat(tools.refresh()).isTrue();
        assertThat(tools.names()).containsExactly("billing", "crm", "mailing");
        assertThat(tools.refresh()).isTrue();
        assertThat(tools.names())
                .as("a rolling deploy must not drop a tool from erasures")
                .containsExactly("billing", "crm", "mailing");
        assertThat(knownTools(List.of()).names())
                .as("remembered in the database")
                .containsExactly("billing", "crm", "mailing");
    }

    @Test
    void theSeedIsKnownBeforeTheToolSyncServiceIsReachedAndNothingElse() {
        KnownTools tools = knownTools(List.of("billing"));

        assertThat(tools.refresh()).isFalse();
        assertThat(tools.names()).containsExactly("billing");
        assertThat(knownTools(List.of()).names()).isEmpty();
    }

    @Test
    void aReceiptOfAToolNotKnownYetAsksTheToolSyncServiceFirst() {
        KnownTools tools = knownTools(List.of("billing"));
        answers.add(List.of("billing", "crm"));

        assertThat(tools.isKnown("crm")).isTrue();
        assertThat(tools.isKnown("billing")).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(tools.isKnown("forged")).isFalse();
    }

    @Test
    void afterAFailureTheScheduleBacksOffAndAfterASuccessWaitsTheRefreshInterval() {
        KnownTools tools = knownTools(List.of());

        tools.refreshWhenDue();
        assertThat(calls).hasValue(1);
        tools.refreshWhenDue();
        assertThat(calls).as("within the back-off").hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        answers.add(List.of("mailing"));
        tools.refreshWhenDue();
        assertThat(calls).hasValue(2);
        assertThat(tools.names()).containsExactly("mailing");
        clock.advance(Duration.ofSeconds(59));
        tools.refreshWhenDue();
        assertThat(calls).as("within the refresh interval").hasValue(2);
        clock.advance(Duration.ofSeconds(1));
        tools.refreshWhenDue();
        assertThat(calls).hasValue(3);
    }

    @Test
    void somethingThatIsNotAToolIdIsNeverRemembered() {
        answers.add(List.of("billing", "DROP TABLE", "x".repeat(41)));

        KnownTools tools = knownTools(List.of());
        tools.refresh();

        assertThat(tools.names()).containsExactly("billing");
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
