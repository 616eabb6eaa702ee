package com.example.usersync.projection.tools;

import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The entitlement rule and its version guard, on the real schema, without the processors around them. */
class ToolEntitlementTest {

    /** The tests' view of a row: its version. */
    record Version(long version) {}

    @ProcessingGroup("billing")
    static final class Billing extends ToolProjection<Version> {
        Billing(ToolStorage storage) {
            super(storage, "billing_account", Version.class);
        }

        @Override
        protected boolean needsAllUsers() {
            return true;
        }

        @Override
        protected Map<String, Object> columns(UserState state) {
            return Map.of(
                    "plan",
                    state.access().plan().name(),
                    "status",
                    "CHARGED",
                    "invoice_email",
                    state.profile().email());
        }
    }

    static final UserProfile PROFILE = new UserProfile("ada@example.com", "Ada", "en", "UTC");
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    JdbcClient jdbc;
    TestMailing mailing;
    Billing billing;
    UUID user = UUID.randomUUID();

    @BeforeEach
    void migrate() {
        ToolTestDatabase database = new ToolTestDatabase();
        jdbc = database.jdbc;
        mailing = new TestMailing(database.storage);
        billing = new Billing(database.storage);
    }

    Optional<Long> find(TestMailing tool) {
        return tool.table().find(user).map(TestMailing.Contact::version);
    }

    Optional<Long> find(Billing tool) {
        return tool.table().find(user).map(Version::version);
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

        assertThat(find(mailing)).isEmpty();
        assertThat(find(billing)).contains(0L);
    }

    @Test
    void losingTheEntitlementRemovesTheRowWithoutAnErasureReceiptAndRegainingItWritesItAgain() {
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        assertThat(find(mailing)).contains(0L);

        accessChanged(mailing, 1, access("analytics"));
        assertThat(find(mailing)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_receipt")
                        .query(Long.class)
                        .single())
                .isZero();

        accessChanged(mailing, 2, access("mailing"));
        assertThat(find(mailing)).contains(2L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tool_withheld")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anOlderEventRedeliveredAfterTheEntitlementWasLostDoesNotBringTheRowBack() {
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        accessChanged(mailing, 1, access());

        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        assertThat(mailing.table().apply(new UserState(user, 0, AT, PROFILE, access("mailing"))))
                .isEqualTo(ToolTable.Outcome.SUPPRESSED);
        assertThat(find(mailing)).isEmpty();
        accessChanged(mailing, 1, access());
        assertThat(jdbc.sql("SELECT version FROM tool_withheld WHERE tool = 'mailing' AND user_id = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void anOlderEventDoesNotRemoveANewerRowAndTheOutcomesSayWhatHappened() {
        assertThat(mailing.table().apply(new UserState(user, 3, AT, PROFILE, access("mailing"))))
                .isEqualTo(ToolTable.Outcome.WRITTEN);
        assertThat(mailing.table().apply(new UserState(user, 2, AT, PROFILE, access())))
                .isEqualTo(ToolTable.Outcome.SUPPRESSED);
        assertThat(mailing.table().apply(new UserState(user, 3, AT, PROFILE, access("mailing"))))
                .isEqualTo(ToolTable.Outcome.SUPPRESSED);
        assertThat(mailing.table().repair(new UserState(user, 3, AT, PROFILE, access("mailing"))))
                .isEqualTo(ToolTable.Outcome.WRITTEN);
        assertThat(mailing.table().apply(new UserState(user, 4, AT, PROFILE, access())))
                .isEqualTo(ToolTable.Outcome.REMOVED);
        assertThat(mailing.table().apply(new UserState(user, 5, AT, PROFILE, access())))
                .isEqualTo(ToolTable.Outcome.WITHHELD);
        assertThat(mailing.table().repair(new UserState(user, 5, AT, PROFILE, access())))
                .isEqualTo(ToolTable.Outcome.SUPPRESSED);
        assertThat(find(mailing)).isEmpty();
        mailing.table().apply(new UserState(user, 6, AT, PROFILE, access("mailing")));
        assertThat(mailing.table().repair(new UserState(user, 6, AT, PROFILE, access())))
                .as("a row judged at its own version")
                .isEqualTo(ToolTable.Outcome.REMOVED);
    }

    @Test
    void aReplayFromTheStartClearsWhatWasWithheldAndEndsInTheSameState() {
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        accessChanged(mailing, 1, access());

        mailing.onReset(new ToolReset(null));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tool_withheld")
                        .query(Long.class)
                        .single())
                .isZero();
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);
        assertThat(find(mailing)).contains(0L);
        accessChanged(mailing, 1, access());

        assertThat(find(mailing)).isEmpty();
    }

    @Test
    void erasingRemovesTheRowAndRecordsTheReceiptOnceAndNothingIsWrittenAfterwards() {
        mailing.on(new UserRegistered(user, PROFILE, access("mailing")), 0, AT);

        assertThat(mailing.table().erase(user, "00000000-0000-0000-0000-000000000001"))
                .isTrue();
        assertThat(mailing.table().erase(user, "00000000-0000-0000-0000-000000000001"))
                .isFalse();

        assertThat(find(mailing)).isEmpty();
        assertThat(mailing.table().erasuresRecorded(Set.of(user, UUID.randomUUID())))
                .containsExactly(user);
        accessChanged(mailing, 5, access("mailing"));
        assertThat(find(mailing)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_receipt")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void forgettingRemovesARowOnlyAtOrBelowTheJudgedVersion() {
        mailing.table().apply(new UserState(user, 4, AT, PROFILE, access("mailing")));

        assertThat(mailing.table().forget(user, 3)).isFalse();
        assertThat(find(mailing)).contains(4L);
        assertThat(mailing.table().forget(user, 4)).isTrue();
        assertThat(find(mailing)).isEmpty();
    }
}
