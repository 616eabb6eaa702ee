package com.example.usersync.projection.erasure;

import com.example.usersync.platform.web.ProblemType;
import com.example.usersync.projection.ApiProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The erasure receipt outbox for operators: which receipts are parked (refused for good by the
 * user service), pending or delivered, and a way to re-queue a parked one once its cause is fixed.
 */
@RestController
@Validated
@RequestMapping(path = "/api/admin/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
class ReceiptAdminController {

    record ReceiptView(String tool, UUID userId, String deletionEventId, String state, Instant erasedAt, int attempts,
                       Instant nextAttemptAt, Instant deliveredAt, Instant parkedAt, Integer lastStatus, String lastProblem) {
    }

    record Page(String state, int page, int size, long total, List<ReceiptView> items) {
    }

    private static final Map<String, String> STATES = Map.of(
            "parked", "parked_at IS NOT NULL AND delivered_at IS NULL",
            "pending", "parked_at IS NULL AND delivered_at IS NULL",
            "delivered", "delivered_at IS NOT NULL",
            "all", "1 = 1");

    private final JdbcClient jdbc;

    ReceiptAdminController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param state {@code parked} (default), {@code pending}, {@code delivered} or {@code all}; oldest first */
    @GetMapping
    @Transactional(readOnly = true)
    Page receipts(@RequestParam(defaultValue = "parked") @Pattern(regexp = "parked|pending|delivered|all") String state,
                  @RequestParam(defaultValue = "0") @Min(0) int page,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        String where = STATES.get(state);
        long total = jdbc.sql("SELECT COUNT(*) FROM erasure_receipt WHERE " + where).query(Long.class).single();
        List<ReceiptView> items = jdbc.sql("SELECT * FROM erasure_receipt WHERE " + where
                        + " ORDER BY erased_at, tool, user_id LIMIT ? OFFSET ?")
                .params(size, (long) page * size)
                .query((rs, row) -> view(rs))
                .list();
        return new Page(state, page, size, total, items);
    }

    /** Puts a parked receipt back in the outbox for delivery now. */
    @PostMapping("/{tool}/{userId}/retry")
    @Transactional
    ReceiptView retry(@PathVariable String tool, @PathVariable UUID userId) {
        int requeued = jdbc.sql("UPDATE erasure_receipt SET parked_at = NULL, next_attempt_at = ?"
                        + " WHERE tool = ? AND user_id = ? AND parked_at IS NOT NULL AND delivered_at IS NULL")
                .params(Instant.now().atOffset(ZoneOffset.UTC), tool, userId).update();
        if (requeued == 0) {
            throw new ApiProblem(ProblemType.UNKNOWN_RECEIPT, "Tool " + tool + " has no parked receipt for user " + userId + ".");
        }
        return jdbc.sql("SELECT * FROM erasure_receipt WHERE tool = ? AND user_id = ?").params(tool, userId)
                .query((rs, row) -> view(rs)).single();
    }

    private static ReceiptView view(ResultSet rs) throws SQLException {
        Instant delivered = instant(rs, "delivered_at");
        Instant parked = instant(rs, "parked_at");
        return new ReceiptView(rs.getString("tool"), rs.getObject("user_id", UUID.class), rs.getString("deletion_event_id"),
                delivered != null ? "delivered" : parked != null ? "parked" : "pending",
                instant(rs, "erased_at"), rs.getInt("attempts"), instant(rs, "next_attempt_at"), delivered, parked,
                rs.getObject("last_status", Integer.class), rs.getString("last_problem"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
