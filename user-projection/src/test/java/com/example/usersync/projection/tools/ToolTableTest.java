package com.example.usersync.projection.tools;

import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ordering, tombstones and row hashes of a tool table, on the real schema. */
class ToolTableTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    static final UserAccess ENTITLED = new UserAccess(Plan.TEAM, List.of("mailing"));

    final ToolTestDatabase db = new ToolTestDatabase();
    final ToolTable<TestMailing.Contact> table = new TestMailing(db.storage).table();
    final UUID user = UUID.randomUUID();

    UserState state(long version, String email) {
        return new UserState(
                user, version, AT.plusSeconds(version), new UserProfile(email, "Ada", "en", "UTC"), ENTITLED);
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        assertThat(table.apply(state(3, "new@example.com"))).isEqualTo(ToolTable.Outcome.WRITTEN);

        assertThat(table.apply(state(2, "old@example.com"))).isEqualTo(ToolTable.Outcome.SUPPRESSED);
        assertThat(table.find(user)).map(TestMailing.Contact::email).contains("new@example.com");
    }

    @Test
    void theSameVersionDeliveredTwiceIsANoOp() {
        table.apply(state(1, "a@example.com"));

        assertThat(table.apply(state(1, "b@example.com"))).isEqualTo(ToolTable.Outcome.SUPPRESSED);
        assertThat(table.find(user)).map(TestMailing.Contact::email).contains("a@example.com");
    }

    @Test
    void eventsArrivingOutOfOrderEndInTheNewestState() {
        table.apply(state(2, "two@example.com"));
        table.apply(state(1, "one@example.com"));
        table.apply(state(4, "four@example.com"));
        table.apply(state(3, "three@example.com"));

        assertThat(table.find(user)).contains(new TestMailing.Contact(user, 4, "four@example.com", "Ada", "en"));
    }

    @Test
    void aBatchEndsWhereTheSameStatesAppliedOneByOneEnd() {
        UUID withheld = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        UUID known = UUID.randomUUID();
        UserAccess notEntitled = new UserAccess(Plan.FREE, List.of());
        table.apply(new UserState(known, 0, AT, profile("k0@example.com"), ENTITLED));
        table.apply(new UserState(erased, 0, AT, profile("e0@example.com"), ENTITLED));
        table.erase(erased, "deletion-1");

        table.applyAll(List.of(
                state(0, "zero@example.com"),
                state(2, "two@example.com"),
                state(1, "one@example.com"), // older than the state before it: held back
                new UserState(known, 3, AT, profile("k3@example.com"), ENTITLED),
                new UserState(known, 3, AT, profile("redelivered@example.com"), ENTITLED),
                new UserState(withheld, 0, AT, profile("w0@example.com"), ENTITLED),
                new UserState(withheld, 1, AT, profile("w1@example.com"), notEntitled),
                new UserState(erased, 1, AT, profile("late@example.com"), ENTITLED)));

        assertThat(table.find(user)).map(TestMailing.Contact::email).contains("two@example.com");
        assertThat(table.find(known)).map(TestMailing.Contact::email).contains("k3@example.com");
        assertThat(table.find(withheld)).isEmpty();
        assertThat(db.count("SELECT version FROM tool_withheld WHERE tool = 'mailing' AND user_id = ?", withheld))
                .isEqualTo(1);
        assertThat(table.find(erased)).isEmpty();
    }

    @Test
    void aBatchWithAFailingStatementFailsAsAWhole() {
        db.jdbc
                .sql("ALTER TABLE mailing_contact ADD CONSTRAINT poison CHECK (display_name <> 'Poison')")
                .update();
        UUID other = UUID.randomUUID();

        assertThatThrownBy(() -> new TransactionTemplate(db.transactions)
                        .executeWithoutResult(tx -> table.applyAll(List.of(
                                new UserState(other, 0, AT, profile("o@example.com"), ENTITLED),
                                new UserState(
                                        user,
                                        0,
                                        AT,
                                        new UserProfile("p@example.com", "Poison", "en", "UTC"),
                                        ENTITLED)))))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(table.find(other)).isEmpty();
    }

    static UserProfile profile(String email) {
        return new UserProfile(email, "Ada", "en", "UTC");
    }

    @Test
    void theErasureReceiptIsATombstoneThatBlocksEveryLaterWrite() {
        table.apply(state(1, "a@example.com"));
        table.erase(user, "deletion-1");

        assertThat(table.apply(state(9, "late@example.com"))).isEqualTo(ToolTable.Outcome.SUPPRESSED);
        assertThat(table.repair(state(9, "late@example.com"))).isEqualTo(ToolTable.Outcome.SUPPRESSED);
        assertThat(table.find(user)).isEmpty();
    }

    @Test
    void aStateReadAfterTheErasureRemovesTheRowInsteadOfStoringPlaceholders() {
        table.apply(state(1, "a@example.com"));

        assertThat(table.apply(new UserState(user, 2, AT, new UserProfile(null, null, "en", "UTC"), ENTITLED)))
                .isEqualTo(ToolTable.Outcome.REMOVED);
        assertThat(table.find(user)).isEmpty();
    }

    @Test
    void theSweepRemovesARowWrittenAfterTheErasureAndOnlyThatOne() {
        UUID other = UUID.randomUUID();
        table.apply(new UserState(other, 0, AT, new UserProfile("o@example.com", "O", "en", "UTC"), ENTITLED));
        table.erase(user, "deletion-1");
        // What an update in flight in another segment could commit after the erasure's check.
        db.jdbc
                .sql(
                        "INSERT INTO mailing_contact (user_id, version, event_time, email, display_name, locale) VALUES (?, 5, ?, 'x', 'x', 'en')")
                .params(user, AT.atOffset(java.time.ZoneOffset.UTC))
                .update();

        assertThat(table.sweepErased(AT.minusSeconds(3600))).isOne();
        assertThat(table.find(user)).isEmpty();
        assertThat(table.find(other)).isPresent();
    }

    @Test
    void aRowWhoseValuesChangedBehindTheToolsBackIsNoLongerIntact() {
        table.apply(state(1, "a@example.com"));
        assertThat(table.rowChecks(null, 10)).containsEntry(user, new ToolTable.RowCheck(1, true));

        db.jdbc
                .sql("UPDATE mailing_contact SET email = 'tampered@example.com' WHERE user_id = ?")
                .param(user)
                .update();

        assertThat(table.rowChecks(null, 10)).containsEntry(user, new ToolTable.RowCheck(1, false));
        assertThat(table.repair(state(1, "a@example.com"))).isEqualTo(ToolTable.Outcome.WRITTEN);
        assertThat(table.rowChecks(null, 10)).containsEntry(user, new ToolTable.RowCheck(1, true));
    }

    @Test
    void aResetFromAPointInTimeRemovesOnlyRowsWrittenSince() {
        UUID older = UUID.randomUUID();
        table.apply(new UserState(older, 0, AT, new UserProfile("o@example.com", "O", "en", "UTC"), ENTITLED));
        table.apply(state(10, "a@example.com"));

        table.reset(AT.plusSeconds(5));

        assertThat(table.find(older)).isPresent();
        assertThat(table.find(user)).isEmpty();
    }
}
