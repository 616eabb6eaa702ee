package com.example.usersync.projection.erasure;

import com.example.usersync.projection.config.ProjectionSettings;
import com.example.usersync.projection.tools.ToolTestDatabase;
import com.example.usersync.projection.userservice.UserServiceClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/** Delivery of the receipt outbox with exponential back-off, on a clock the test moves. */
class ReceiptDeliveryTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final ToolTestDatabase db = new ToolTestDatabase(clock);
    final ErasureReceipts receipts = new ErasureReceipts(db.jdbc, clock);
    final UserServiceClient userService = mock(UserServiceClient.class);
    final ReceiptDelivery delivery = new ReceiptDelivery(
            receipts,
            userService,
            new ProjectionSettings.Erasure(
                    Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(10)));
    final UUID user = UUID.randomUUID();

    ErasureReceipts.Receipt stored() {
        return receipts.page("all", 0, 10).get(0);
    }

    Instant nextAttempt() {
        OffsetDateTime at = stored().nextAttemptAt();
        return at.toInstant();
    }

    @Test
    void aReceiptRecordedInACommittedTransactionIsDeliveredAtOnceAndARolledBackOneNever() {
        TransactionTemplate transaction = new TransactionTemplate(db.transactions);
        UUID rolledBack = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            receipts.record("billing", rolledBack, "deletion-0");
            status.setRollbackOnly();
        });

        transaction.executeWithoutResult(status -> receipts.record("mailing", user, "deletion-1"));

        // No scan runs in this test: only the wake-up after the commit can have delivered it.
        verify(userService, timeout(5_000)).confirmErasure(user, "mailing", "deletion-1");
        verify(userService, never()).confirmErasure(eq(rolledBack), anyString(), anyString());
        // The call returned; its outcome is recorded just after (seen in .ci/run: still pending at the next read).
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(receipts.page("pending", 0, 10)).isEmpty());

        delivery.stop();
        transaction.executeWithoutResult(status -> receipts.record("billing", user, "deletion-1"));
        assertThat(receipts.page("pending", 0, 10))
                .as("recorded while shutting down: waits in the outbox, no error in the committing thread")
                .extracting(ErasureReceipts.Receipt::tool)
                .containsExactly("billing");
    }

    @Test
    void aReceiptTheUserServiceCannotTakeNowIsRetriedWithDoublingWaitsUpToTheMaximum() {
        receipts.record("mailing", user, "deletion-1");
        doThrow(new ResourceAccessException("down")).when(userService).confirmErasure(any(), anyString(), anyString());
        Instant start = clock.now;

        delivery.deliverDueReceipts();
        assertThat(nextAttempt()).isEqualTo(start.plusSeconds(1));

        delivery.deliverDueReceipts();
        assertThat(stored().attempts()).as("not due yet").isOne();

        for (long wait : new long[] {2, 4, 5, 5}) {
            clock.now = nextAttempt();
            delivery.deliverDueReceipts();
            assertThat(nextAttempt()).isEqualTo(clock.now.plusSeconds(wait));
        }
        assertThat(stored().attempts()).isEqualTo(5);
        assertThat(stored().lastProblem()).isEqualTo("ResourceAccessException");
    }

    @Test
    void aRefusalForGoodIsParkedUntilAnOperatorRequeuesIt() {
        receipts.record("mailing", user, "deletion-1");
        doThrow(HttpClientErrorException.create(HttpStatus.CONFLICT, "Conflict", null, null, null))
                .when(userService)
                .confirmErasure(any(), anyString(), anyString());

        delivery.deliverDueReceipts();
        assertThat(stored().parkedAt()).isNotNull();
        assertThat(stored().lastStatus()).isEqualTo(409);

        clock.now = clock.now.plus(Duration.ofDays(1));
        delivery.deliverDueReceipts();
        assertThat(stored().attempts()).isOne();

        assertThat(receipts.requeue("mailing", user))
                .hasValueSatisfying(receipt -> assertThat(receipt.parkedAt()).isNull());
    }

    @Test
    void anAcknowledgedReceiptIsDeliveredOnce() {
        receipts.record("mailing", user, "deletion-1");
        doNothing().when(userService).confirmErasure(user, "mailing", "deletion-1");

        delivery.deliverDueReceipts();
        delivery.deliverDueReceipts();

        assertThat(stored().deliveredAt()).isNotNull();
        assertThat(stored().attempts()).isOne();
        assertThat(receipts.recorded("mailing", user))
                .as("still the tool's tombstone")
                .isTrue();
    }
}
