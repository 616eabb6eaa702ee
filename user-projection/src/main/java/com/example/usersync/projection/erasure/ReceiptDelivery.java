package com.example.usersync.projection.erasure;

import com.example.usersync.projection.config.ProjectionSettings;
import com.example.usersync.projection.processing.RetryBackOff;
import com.example.usersync.projection.userservice.UserServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

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
class ReceiptDelivery {

    private static final Logger log = LoggerFactory.getLogger(ReceiptDelivery.class);
    /** Refusals a retry cannot change: bad request, not this tool, unknown tool/user, not erased, gone, invalid. */
    static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 409, 410, 422);

    private final ErasureReceipts receipts;
    private final UserServiceClient userService;
    private final RetryBackOff backOff;

    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "receipt-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    ReceiptDelivery(ErasureReceipts receipts, UserServiceClient userService, ProjectionSettings.Erasure settings) {
        this.receipts = receipts;
        this.userService = userService;
        this.backOff = new RetryBackOff(Duration.ofSeconds(1), settings.receiptMaxBackoff(), 16);
        receipts.onRecorded(this::wakeUp);
    }

    /** A receipt was recorded and committed: deliver now, not at the next scan (at most one run waiting). */
    void wakeUp() {
        if (wakeUpPending.compareAndSet(false, true)) {
            try {
                wakeUps.execute(() -> {
                    wakeUpPending.set(false);
                    deliverDueReceipts();
                });
            } catch (RejectedExecutionException stopping) {
                // Shutting down: the receipt waits in the outbox for the next start's scan.
                wakeUpPending.set(false);
            }
        }
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
    }

    /**
     * Every {@code receipt-interval}: receipts due again after a back-off, and any a wake-up missed.
     * One run at a time on this instance (the scan and a wake-up never deliver side by side).
     */
    @Scheduled(fixedDelayString = "#{@erasureSettings.receiptInterval().toMillis()}")
    synchronized void deliverDueReceipts() {
        for (ErasureReceipts.Receipt receipt : receipts.due(200)) {
            deliver(receipt);
        }
    }

    private void deliver(ErasureReceipts.Receipt receipt) {
        try {
            userService.confirmErasure(receipt.userId(), receipt.tool(), receipt.deletionEventId());
            receipts.delivered(receipt);
        } catch (HttpClientErrorException refused) {
            if (PERMANENT.contains(refused.getStatusCode().value())) {
                park(receipt, refused);
            } else {
                retryLater(
                        receipt,
                        refused.getStatusCode().value(),
                        "http-" + refused.getStatusCode().value());
            }
        } catch (RestClientException failed) {
            Integer status = failed instanceof RestClientResponseException response
                    ? response.getStatusCode().value()
                    : null;
            retryLater(receipt, status, failed.getClass().getSimpleName());
        }
    }

    private void park(ErasureReceipts.Receipt receipt, HttpClientErrorException refused) {
        String problem = problemType(refused);
        receipts.park(receipt, refused.getStatusCode().value(), problem);
        log.error(
                "Erasure receipt of tool {} for user {} refused with {} ({}); parked until an operator re-queues it",
                receipt.tool(),
                receipt.userId(),
                refused.getStatusCode().value(),
                problem);
    }

    private void retryLater(ErasureReceipts.Receipt receipt, Integer status, String problem) {
        Duration backoff = backOff.after(receipt.attempts());
        receipts.retryAfter(receipt, backoff, status, problem);
        log.warn(
                "Erasure receipt of tool {} for user {} not delivered (attempt {}): {}; retrying in {}",
                receipt.tool(),
                receipt.userId(),
                receipt.attempts() + 1,
                problem,
                backoff);
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
}
