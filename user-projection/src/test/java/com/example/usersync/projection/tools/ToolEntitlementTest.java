package com.example.usersync.projection.tools;

import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The entitlement rule and its version guard, on the real schema, without the processors around them. */
class ToolEntitlementTest {

    @ProcessingGroup("mailing")
    static final class Mailing extends ToolProjection<Long> {
        Mailing(JdbcClient jdbc, DataSourceTransactionManager transactions) {
            super(jdbc, transactions, "mailing_contact");
        }

        @Override
        protected Map<String, Object> columns(UserState state) {
            return Map.of("email", state.profile().email(), "display_name", state.profile().displayName(),
                    "locale", state.profile().locale());
        }

        @Override
        protected RowMapper<Long> view() {
            return (rs, row) -> rs.getLong("version");
        }
    }

    @ProcessingGroup("billing")
    static final class Billing extends ToolProjection<Long> {
        Billing(JdbcClient jdbc, DataSourceTransactionManager transactions) {
            super(jdbc, transactions, "billing_account");
        }

        @Override
        protected boolean needsAllUsers() {
            return true;
        }

        @Override
        protected Map<String, Object> columns(UserState state) {
            return Map.of("plan", state.access().plan().name(), "status", "CHARGED", "invoice_email", state.profile().email());
        }

        @Override
        protected RowMapper<Long> view() {
            return (rs, row) -> rs.getLong("version");
        }
    }

    static final UserProfile PROFILE = new UserProfile("ada@example.com", "Ada", "en", "UTC");
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    JdbcClient jdbc;
    Mailing mailing;
    Billing billing;
    UUID user = UUID.randomUUID();

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:entitlement-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/user-projection", "classpath:db/access-log").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        mailing = new Mailing(jdbc, transactions);
        billing = new Billing(jdbc, transactions);
    }

    static UserAccess access(String... tools) {
        return new UserAccess(Plan.FREE, List.of(tools));
    }

    void accessChanged(ToolProjection<?> tool, long version, UserAccess access) {
        tool.on(new UserAccessChanged(user, PROFILE, access), version, AT.plusSeconds(version));
    }

    @Test
    void aToolHoldsAUserOnlyIfEntitledUnlessItNeedsAllUsers() {
        assertThat(mailing.holds(List.of("mailing", "analytics"))).isTrue();
        assertThat(mailing.holds(List.of("analytics"))).isFalse();
        assertThat(mailing.holds(List.of())).isFalse();
        assertThat(billing.holds(List.of())).isTrue();
        assertThat(billing.holds(List.of("analytics"))).isTrue();
    }

    @Test
    void aUserNotEntitledIsNeverWrittenButBillingHoldsEveryone() {
        mailing.on(new UserRegistered(user, PROFILE, access("analytics")), 0, AT);
        billing.on(new UserRegistered(user, PROFILE, access("analytics")), 0, AT);

        assertThat(mailing.find(user)).isEmpty();
        assertThat(billing.find(user)).contains(0L);
    }

    @Test
    void losingTheEntitlementRemovesTheRowWithoutAnErasureReceiptAndRegainingItWritesItAgain() {
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        assertThat(mailing.find(user)).contains(0L);

        accessChanged(mailing, 1, access("analytics"));
        assertThat(mailing.find(user)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_receipt").query(Long.class).single()).isZero();

        accessChanged(mailing, 2, access("mailing"));
        assertThat(mailing.find(user)).contains(2L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tool_withheld").query(Long.class).single()).isZero();
    }

    @Test
    void anOlderEventRedeliveredAfterTheEntitlementWasLostDoesNotBringTheRowBack() {
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        accessChanged(mailing, 1, access());

        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        assertThat(mailing.reconcile(new UserState(user, 0, AT, PROFILE, access("mailing")))).isEqualTo(ToolProjection.Outcome.SUPPRESSED);
        assertThat(mailing.find(user)).isEmpty();
        accessChanged(mailing, 1, access());
        assertThat(jdbc.sql("SELECT version FROM tool_withheld WHERE tool = 'mailing' AND user_id = ?").param(user)
                .query(Long.class).single()).isOne();
    }

    @Test
    void anOlderEventDoesNotRemoveANewerRowAndTheOutcomesSayWhatHappened() {
        assertThat(mailing.reconcile(new UserState(user, 3, AT, PROFILE, access("mailing")))).isEqualTo(ToolProjection.Outcome.WRITTEN);
        assertThat(mailing.reconcile(new UserState(user, 2, AT, PROFILE, access()))).isEqualTo(ToolProjection.Outcome.SUPPRESSED);
        assertThat(mailing.reconcile(new UserState(user, 3, AT, PROFILE, access("mailing")))).isEqualTo(ToolProjection.Outcome.SUPPRESSED);
        assertThat(mailing.repair(new UserState(user, 3, AT, PROFILE, access("mailing")))).isEqualTo(ToolProjection.Outcome.WRITTEN);
        assertThat(mailing.reconcile(new UserState(user, 4, AT, PROFILE, access()))).isEqualTo(ToolProjection.Outcome.REMOVED);
        assertThat(mailing.reconcile(new UserState(user, 5, AT, PROFILE, access()))).isEqualTo(ToolProjection.Outcome.WITHHELD);
        assertThat(mailing.repair(new UserState(user, 5, AT, PROFILE, access()))).isEqualTo(ToolProjection.Outcome.SUPPRESSED);
        assertThat(mailing.find(user)).isEmpty();
        mailing.reconcile(new UserState(user, 6, AT, PROFILE, access("mailing")));
        assertThat(mailing.repair(new UserState(user, 6, AT, PROFILE, access()))).as("a row judged at its own version")
                .isEqualTo(ToolProjection.Outcome.REMOVED);
    }

    @Test
    void aReplayFromTheStartClearsWhatWasWithheldAndEndsInTheSameState() {
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        accessChanged(mailing, 1, access());

        mailing.onReset(new ToolReset(null));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tool_withheld").query(Long.class).single()).isZero();
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        assertThat(mailing.find(user)).contains(0L);
        accessChanged(mailing, 1, access());

        assertThat(mailing.find(user)).isEmpty();
    }

    @Test
    void erasingRemovesTheRowAndRecordsTheReceiptOnceAndNothingIsWrittenAfterwards() {
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);

        assertThat(mailing.erase(user, "00000000-0000-0000-0000-000000000001")).isTrue();
        assertThat(mailing.erase(user, "00000000-0000-0000-0000-000000000001")).isFalse();

        assertThat(mailing.find(user)).isEmpty();
        assertThat(mailing.erasuresRecorded(Set.of(user, UUID.randomUUID()))).containsExactly(user);
        accessChanged(mailing, 5, access("mailing"));
        assertThat(mailing.find(user)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_receipt").query(Long.class).single()).isOne();
    }

    @Test
    void forgettingRemovesARowOnlyAtOrBelowTheJudgedVersion() {
        mailing.reconcile(new UserState(user, 4, AT, PROFILE, access("mailing")));

        assertThat(mailing.forget(user, 3)).isFalse();
        assertThat(mailing.find(user)).contains(4L);
        assertThat(mailing.forget(user, 4)).isTrue();
        assertThat(mailing.find(user)).isEmpty();
    }
}
