package com.example.usersync.projection.erasure;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code erasure_receipt} outbox, the one class that reads or writes it. A tool's receipt is
 * its tombstone for the user (nothing is written after it) and the confirmation on its way to the
 * user service ({@link ReceiptDelivery}); operators list and re-queue them ({@link ReceiptAdminController}).
 */
@Component
public class ErasureReceipts {

    private static final int CHUNK = 200;

    /** A row as stored. */
    record Receipt(
            String tool,
            UUID userId,
            String deletionEventId,
            OffsetDateTime erasedAt,
            int attempts,
            OffsetDateTime nextAttemptAt,
            OffsetDateTime deliveredAt,
            OffsetDateTime parkedAt,
            Integer lastStatus,
            String lastProblem) {}

    /** The receipts an operator may list, by state. */
    static final Map<String, String> STATES = Map.of(
            "parked", "parked_at IS NOT NULL AND delivered_at IS NULL",
            "pending", "parked_at IS NULL AND delivered_at IS NULL",
            "delivered", "delivered_at IS NOT NULL",
            "all", "1 = 1");

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Runnable onRecorded = () -> {};

    public ErasureReceipts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Runs the listener after each transaction that recorded a receipt commits (the delivery wakes at
     * once instead of at its next scan). A receipt recorded outside a transaction waits for the scan.
     */
    void onRecorded(Runnable listener) {
        onRecorded = listener;
    }

    private void wakeDeliveryAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Runnable listener = onRecorded;
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    listener.run();
                }
            });
        }
    }

    /** Whether the tool has erased the user: its tombstone. */
    public boolean recorded(String tool, UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_receipt WHERE tool = ? AND user_id = ?")
                        .param(tool)
                        .param(userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * The condition "the tool has not erased the user", for a tool's write that guards itself in one
     * statement; its two parameters are the tool and the user id, in this order.
     */
    public static String notRecordedCondition() {
        return "NOT EXISTS (SELECT 1 FROM erasure_receipt WHERE tool = ? AND user_id = ?)";
    }

    /** Which of these users the tool has recorded an erasure receipt for. */
    public Set<UUID> recordedAmong(String tool, Collection<UUID> userIds) {
        Set<UUID> recorded = new HashSet<>();
        List<UUID> ids = new ArrayList<>(userIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            List<Object> params = new ArrayList<>();
            params.add(tool);
            params.addAll(chunk);
            String marks = String.join(", ", chunk.stream().map(id -> "?").toList());
            recorded.addAll(
                    jdbc.sql("SELECT user_id FROM erasure_receipt WHERE tool = ? AND user_id IN (" + marks + ")")
                            .params(params)
                            .query(UUID.class)
                            .list());
        }
        return recorded;
    }

    /** The users the tool erased since then: rows of theirs written later are late writes to sweep. */
    public List<UUID> erasedSince(String tool, Instant since) {
        return jdbc.sql("SELECT user_id FROM erasure_receipt WHERE tool = ? AND erased_at >= ?")
                .param(tool)
                .param(utc(since))
                .query(UUID.class)
                .list();
    }

    /**
     * Records the receipt for delivery; @return whether anything changed. Once per tool, user and
     * deletion: the same deletion applied again (a replay) changes nothing, but a new deletion of the
     * user (the user service re-applied a journaled erasure after a restore of its event store) must
     * be confirmed anew, so the receipt then names it and is delivered again.
     */
    public boolean record(String tool, UUID userId, String deletionEventId) {
        Optional<String> recordedFor = jdbc.sql(
                        "SELECT deletion_event_id FROM erasure_receipt WHERE tool = ? AND user_id = ?")
                .param(tool)
                .param(userId)
                .query(String.class)
                .optional();
        if (recordedFor.filter(deletionEventId::equals).isPresent()) {
            return false;
        }
        OffsetDateTime now = now();
        if (recordedFor.isPresent()) {
            jdbc.sql("""
                            UPDATE erasure_receipt SET deletion_event_id = ?, erased_at = ?, attempts = 0, next_attempt_at = ?,
                            delivered_at = NULL, parked_at = NULL, last_status = NULL, last_problem = NULL
                            WHERE tool = ? AND user_id = ?""").params(deletionEventId, now, now, tool, userId).update();
            wakeDeliveryAfterCommit();
            return true;
        }
        jdbc.sql("INSERT INTO erasure_receipt (tool, user_id, deletion_event_id, erased_at, attempts, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, 0, ?)")
                .params(tool, userId, deletionEventId, now, now)
                .update();
        wakeDeliveryAfterCommit();
        return true;
    }

    /** Receipts due for delivery now, the longest waiting first. */
    List<Receipt> due(int limit) {
        return jdbc.sql("""
                        SELECT * FROM erasure_receipt
                        WHERE delivered_at IS NULL AND parked_at IS NULL AND next_attempt_at <= ?
                        ORDER BY next_attempt_at LIMIT ?""").params(now(), limit).query(Receipt.class).list();
    }

    void delivered(Receipt receipt) {
        jdbc.sql("UPDATE erasure_receipt SET delivered_at = ?, attempts = ?, last_status = 200, last_problem = NULL"
                        + " WHERE tool = ? AND user_id = ?")
                .params(now(), receipt.attempts() + 1, receipt.tool(), receipt.userId())
                .update();
    }

    /** Refused for good: stays in the outbox, not retried until an operator re-queues it. */
    void park(Receipt receipt, int status, String problem) {
        jdbc.sql(
                        "UPDATE erasure_receipt SET attempts = ?, parked_at = ?, last_status = ?, last_problem = ? WHERE tool = ? AND user_id = ?")
                .params(receipt.attempts() + 1, now(), status, problem, receipt.tool(), receipt.userId())
                .update();
    }

    void retryAfter(Receipt receipt, java.time.Duration backoff, Integer status, String problem) {
        jdbc.sql("UPDATE erasure_receipt SET attempts = ?, next_attempt_at = ?, last_status = ?, last_problem = ?"
                        + " WHERE tool = ? AND user_id = ?")
                .params(receipt.attempts() + 1, now().plus(backoff), status, problem, receipt.tool(), receipt.userId())
                .update();
    }

    /** @param state a key of {@link #STATES} */
    long count(String state) {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_receipt WHERE " + STATES.get(state))
                .query(Long.class)
                .single();
    }

    /** @param state a key of {@link #STATES}; oldest erasure first */
    List<Receipt> page(String state, int page, int size) {
        return jdbc.sql("SELECT * FROM erasure_receipt WHERE " + STATES.get(state)
                        + " ORDER BY erased_at, tool, user_id LIMIT ? OFFSET ?")
                .params(size, (long) page * size)
                .query(Receipt.class)
                .list();
    }

    /** Puts a parked receipt back for delivery now; empty when the tool has no parked receipt for the user. */
    Optional<Receipt> requeue(String tool, UUID userId) {
        int requeued = jdbc.sql("UPDATE erasure_receipt SET parked_at = NULL, next_attempt_at = ?"
                        + " WHERE tool = ? AND user_id = ? AND parked_at IS NOT NULL AND delivered_at IS NULL")
                .params(now(), tool, userId)
                .update();
        if (requeued == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM erasure_receipt WHERE tool = ? AND user_id = ?")
                .params(tool, userId)
                .query(Receipt.class)
                .optional();
    }

    private OffsetDateTime now() {
        return utc(clock.instant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
