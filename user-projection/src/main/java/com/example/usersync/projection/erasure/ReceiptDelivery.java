package com.example.usersync.projection.erasure;

import com.example.usersync.projection.UserServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Delivers erasure receipts from the outbox to the user service until it acknowledges them, with
 * exponential back-off. Delivery is at least once; the user service records each tool's receipt
 * once, so redelivery (after a crash, or by two instances) is harmless. Nothing is lost while the
 * user service is down: receipts wait in the tool's database. Each receipt goes as its own tool's
 * account. A receipt the user service refuses for good (a 4xx that a retry cannot change) is
 * parked, not retried forever: it stays in the outbox, listed for the operator, who re-queues it
 * once the cause is fixed. Server errors, timeouts and unreachable hosts keep the back-off.
 */
@Component
@EnableConfigurationProperties(ErasureSettings.class)
class ReceiptDelivery {

    private static final Logger log = LoggerFactory.getLogger(ReceiptDelivery.class);
    /** Refusals a retry cannot change: bad request, not this tool, unknown tool/user, not erased, gone, invalid. */
    static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 409, 410, 422);

    record Receipt(String tool, UUID userId, String deletionEventId, OffsetDateTime erasedAt, int attempts) {
    }

    private final JdbcClient jdbc;
    private final UserServiceClient userService;
    private final Duration maxBackoff;

    ReceiptDelivery(JdbcClient jdbc, UserServiceClient userService,
                    ErasureSettings settings) {
        this.jdbc = jdbc;
        this.userService = userService;
        this.maxBackoff = settings.receiptMaxBackoff();
    }

    @Scheduled(fixedDelayString = "${user-sync.erasure.receipt-interval}") // validated by ErasureSettings
    void deliverDueReceipts() {
        List<Receipt> due = jdbc.sql("""
                        SELECT tool, user_id, deletion_event_id, erased_at, attempts FROM erasure_receipt
                        WHERE delivered_at IS NULL AND parked_at IS NULL AND next_attempt_at <= ?
                        ORDER BY next_attempt_at LIMIT 200""")
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
            userService.confirmErasure(receipt.userId(), receipt.tool(), receipt.deletionEventId());
            jdbc.sql("UPDATE erasure_receipt SET delivered_at = ?, attempts = ?, last_status = 200, last_problem = NULL"
                            + " WHERE tool = ? AND user_id = ?")
                    .params(now(), receipt.attempts() + 1, receipt.tool(), receipt.userId()).update();
        } catch (HttpClientErrorException refused) {
            if (PERMANENT.contains(refused.getStatusCode().value())) {
                park(receipt, refused);
            } else {
                retryLater(receipt, refused.getStatusCode().value(), "http-" + refused.getStatusCode().value());
            }
        } catch (RestClientException failed) {
            Integer status = failed instanceof RestClientResponseException response ? response.getStatusCode().value() : null;
            retryLater(receipt, status, failed.getClass().getSimpleName());
        }
    }

    private void park(Receipt receipt, HttpClientErrorException refused) {
        String problem = problemType(refused);
        jdbc.sql("UPDATE erasure_receipt SET attempts = ?, parked_at = ?, last_status = ?, last_problem = ? WHERE tool = ? AND user_id = ?")
                .params(receipt.attempts() + 1, now(), refused.getStatusCode().value(), problem, receipt.tool(), receipt.userId())
                .update();
        log.error("Erasure receipt of tool {} for user {} refused with {} ({}); parked until an operator re-queues it",
                receipt.tool(), receipt.userId(), refused.getStatusCode().value(), problem);
    }

    private void retryLater(Receipt receipt, Integer status, String problem) {
        long factor = 1L << Math.min(receipt.attempts(), 16);
        Duration backoff = Duration.ofSeconds(1).multipliedBy(factor);
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        jdbc.sql("UPDATE erasure_receipt SET attempts = ?, next_attempt_at = ?, last_status = ?, last_problem = ?"
                        + " WHERE tool = ? AND user_id = ?")
                .params(receipt.attempts() + 1, now().plus(backoff), status, problem, receipt.tool(), receipt.userId()).update();
        log.warn("Erasure receipt of tool {} for user {} not delivered (attempt {}): {}; retrying in {}",
                receipt.tool(), receipt.userId(), receipt.attempts() + 1, problem, backoff);
    }

    /** The problem type the user service answered (a URN naming the rule), never the response text. */
    private static String problemType(HttpClientErrorException refused) {
        try {
            JsonNode body = refused.getResponseBodyAs(JsonNode.class);
            JsonNode type = body == null ? null : body.get("type");
            if (type != null && type.isTextual() && type.asText().matches("[A-Za-z0-9:._/-]{1,200}")) {
                return type.asText();
            }
        } catch (RuntimeException unreadable) {
            // Not a problem detail: the status says enough.
        }
        return "http-" + refused.getStatusCode().value();
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
