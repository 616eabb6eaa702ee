package com.example.usersync.projection.erasure;

import com.example.usersync.projection.UserServiceClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Delivers erasure receipts from the outbox to the user service until it acknowledges them, with
 * exponential back-off. Delivery is at least once; the user service records each tool's receipt
 * once, so redelivery (after a crash, or by two instances) is harmless. Nothing is lost while the
 * user service is down: receipts wait in the tool's database.
 */
@Component
class ReceiptDelivery {

    private static final Logger log = LoggerFactory.getLogger(ReceiptDelivery.class);

    record Receipt(String tool, UUID userId, String deletionEventId, OffsetDateTime erasedAt, int attempts) {
    }

    private final JdbcClient jdbc;
    private final UserServiceClient userService;
    private final Duration maxBackoff;

    ReceiptDelivery(JdbcClient jdbc, UserServiceClient userService,
                    @Value("${user-sync.erasure.receipt-max-backoff:5m}") Duration maxBackoff) {
        this.jdbc = jdbc;
        this.userService = userService;
        this.maxBackoff = maxBackoff;
    }

    @Scheduled(fixedDelayString = "${user-sync.erasure.receipt-interval:1s}")
    void deliverDueReceipts() {
        List<Receipt> due = jdbc.sql("""
                        SELECT tool, user_id, deletion_event_id, erased_at, attempts FROM erasure_receipt
                        WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 200""")
                .param(now())
                .query((rs, row) -> new Receipt(rs.getString("tool"), rs.getObject("user_id", UUID.class),
                        rs.getString("deletion_event_id"), rs.getObject("erased_at", OffsetDateTime.class), rs.getInt("attempts")))
                .list();
        for (Receipt receipt : due) {
            deliver(receipt);
        }
    }

    private void deliver(Receipt receipt) {
        try {
            userService.confirmErasure(receipt.userId(), receipt.tool(), receipt.deletionEventId(),
                    receipt.erasedAt().toInstant().toString());
            jdbc.sql("UPDATE erasure_receipt SET delivered_at = ?, attempts = ? WHERE tool = ? AND user_id = ?")
                    .params(now(), receipt.attempts() + 1, receipt.tool(), receipt.userId()).update();
        } catch (RestClientException failed) {
            long factor = 1L << Math.min(receipt.attempts(), 16);
            Duration backoff = Duration.ofSeconds(1).multipliedBy(factor);
            if (backoff.compareTo(maxBackoff) > 0) {
                backoff = maxBackoff;
            }
            jdbc.sql("UPDATE erasure_receipt SET attempts = ?, next_attempt_at = ? WHERE tool = ? AND user_id = ?")
                    .params(receipt.attempts() + 1, now().plus(backoff), receipt.tool(), receipt.userId()).update();
            log.warn("Erasure receipt of tool {} for user {} not delivered (attempt {}): {}; retrying in {}",
                    receipt.tool(), receipt.userId(), receipt.attempts() + 1, failed.getClass().getSimpleName(), backoff);
        }
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
