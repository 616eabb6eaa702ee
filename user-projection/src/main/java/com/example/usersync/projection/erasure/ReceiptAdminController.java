package com.example.usersync.projection.erasure;

import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.web.ApiProblem;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The erasure receipt outbox for operators: which receipts are parked (refused for good by the
 * user service), pending or delivered, and a way to re-queue a parked one once its cause is fixed.
 */
@RestController
@Validated
@RequestMapping(path = "/api/admin/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Erasure receipts",
        description =
                "The outbox of the tools' erasure confirmations to the user service: which are "
                        + "pending, delivered or parked (refused for good), and re-queueing a parked one once its cause is fixed.")
class ReceiptAdminController {

    @Schema(
            name = "ErasureReceipt",
            description = "A tool's confirmation that it erased a user, on its way to the user service.")
    record ReceiptView(
            @Schema(example = "mailing") String tool,

            @Schema(example = "3f2b8c1e-6f0a-4c59-9b7e-2a4d8e1f0c35")
            UUID userId,

            @Schema(
                    description = "The deletion event the tool applied.",
                    example = "9c1d7a52-0b3e-4f6a-8d21-5e7f3a9b4c10")
            String deletionEventId,

            @Schema(
                    allowableValues = {"pending", "parked", "delivered"},
                    example = "parked")
            String state,

            @Schema(description = "When the tool erased the user.", example = "2026-11-22T07:37:00Z")
            Instant erasedAt,

            @Schema(description = "Delivery attempts so far.", example = "3")
            int attempts,

            @Schema(description = "When delivery is tried next (while pending).", example = "2026-11-22T07:38:00Z")
            Instant nextAttemptAt,

            @Schema(
                    description = "When the user service accepted it; null until then.",
                    example = "2026-11-22T07:37:01Z")
            @Nullable
            Instant deliveredAt,

            @Schema(
                    description = "When delivery stopped because the user service refused it for good; null otherwise.",
                    example = "2026-11-22T07:37:02Z")
            @Nullable
            Instant parkedAt,

            @Schema(
                    description = "The user service's status on the last failed attempt; null if none answered.",
                    example = "409")
            @Nullable
            Integer lastStatus,

            @Schema(
                    description = "The problem type (or failure) of the last failed attempt; null if none.",
                    example = "urn:user-sync:problem:unknown-deletion")
            @Nullable
            String lastProblem) {}

    @Schema(name = "ErasureReceiptPage", description = "One page of erasure receipts, oldest erasure first.")
    record Page(
            @Schema(
                    allowableValues = {"parked", "pending", "delivered", "all"},
                    example = "parked")
            String state,

            @Schema(description = "The page number, from 0.", example = "0")
            int page,

            @Schema(example = "50") int size,

            @Schema(description = "Receipts in this state.", example = "1")
            long total,

            List<ReceiptView> items) {}

    private final ErasureReceipts receipts;

    ReceiptAdminController(ErasureReceipts receipts) {
        this.receipts = receipts;
    }

    /** @param state {@code parked} (default), {@code pending}, {@code delivered} or {@code all}; oldest first */
    @GetMapping
    @Transactional(readOnly = true)
    @Operation(
            operationId = "listReceipts",
            summary = "List erasure receipts",
            description = "Oldest erasure first, page by page.")
    @ApiResponse(responseCode = "200", description = "One page of receipts.")
    Page receipts(
            @RequestParam(defaultValue = "parked")
                    @Pattern(regexp = "parked|pending|delivered|all")
                    @Parameter(
                            description = "Which receipts: parked (refused for good), pending, delivered, or all.",
                            schema =
                                    @Schema(
                                            allowableValues = {"parked", "pending", "delivered", "all"},
                                            defaultValue = "parked"))
                    String state,
            @RequestParam(defaultValue = "0") @Min(0) @Parameter(description = "The page number, from 0.") int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) @Parameter(description = "Receipts per page.")
                    int size) {
        return new Page(
                state,
                page,
                size,
                receipts.count(state),
                receipts.page(state, page, size).stream()
                        .map(ReceiptAdminController::view)
                        .toList());
    }

    /** Puts a parked receipt back in the outbox for delivery now. */
    @PostMapping("/{tool}/{userId}/retry")
    @Transactional
    @Operation(
            operationId = "retryReceipt",
            summary = "Re-queue a parked erasure receipt",
            description =
                    "Puts the parked receipt back in the outbox for delivery now, once the cause of its refusal is fixed.")
    @ApiResponse(responseCode = "200", description = "The receipt, pending again.")
    @Refusals(ProblemType.UNKNOWN_RECEIPT)
    ReceiptView retry(
            @PathVariable @Parameter(description = "The tool that erased the user.", example = "mailing") String tool,
            @PathVariable @Parameter(description = "The erased user.") UUID userId) {
        return receipts.requeue(tool, userId)
                .map(ReceiptAdminController::view)
                .orElseThrow(() -> new ApiProblem(
                        ProblemType.UNKNOWN_RECEIPT,
                        "Tool " + tool + " has no parked receipt for user " + userId + "."));
    }

    private static ReceiptView view(ErasureReceipts.Receipt receipt) {
        Instant delivered = instant(receipt.deliveredAt());
        Instant parked = instant(receipt.parkedAt());
        return new ReceiptView(
                receipt.tool(),
                receipt.userId(),
                receipt.deletionEventId(),
                delivered != null ? "delivered" : parked != null ? "parked" : "pending",
                instant(receipt.erasedAt()),
                receipt.attempts(),
                instant(receipt.nextAttemptAt()),
                delivered,
                parked,
                receipt.lastStatus(),
                receipt.lastProblem());
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
