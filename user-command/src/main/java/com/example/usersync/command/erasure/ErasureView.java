package com.example.usersync.command.erasure;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The proof of one erasure: the request and each required tool's confirmation.
 *
 * @param deletionEventId          the deletion that was requested (from the erasure journal)
 * @param reappliedDeletionEventId the deletion appended again after a restore of the event store
 *                                 lost the original (the one tools confirm then), or null
 * @param deadline when the erasure must be complete (the request plus the configured period)
 * @param overdue  incomplete past the deadline
 */
@Schema(name = "Erasure", description = "The proof of one erasure: the request and each required tool's confirmation.")
public record ErasureView(
        @Schema(example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
        UUID userId,

        Instant requestedAt,
        ErasureReason reason,
        ErasureRequester requestedBy,

        @Schema(description = "Who deleted the user; null for erasures recorded before actors were.", example = "admin")
        @Nullable
        String actor,

        @Schema(
                description = "The deletion event that was requested.",
                example = "0b6f3c2e-8d1a-4c5e-9f7a-2e4d6b8c0a1f")
        String deletionEventId,

        @Schema(
                description =
                        "The deletion appended again after a restore of the event store lost the original (the one "
                                + "tools confirm then); null otherwise.",
                example = "7c1e4b9d-2a6f-4d3e-8b5c-9e0f1a2b3c4d")
        @Nullable
        String reappliedDeletionEventId,

        @ArraySchema(
                arraySchema = @Schema(description = "Every tool that must confirm."),
                schema = @Schema(example = "billing"))
        List<String> requiredTools,

        List<Confirmation> confirmations,

        @ArraySchema(
                arraySchema = @Schema(description = "The required tools that have not confirmed yet."),
                schema = @Schema(example = "mailing"))
        List<String> pendingTools,

        @Schema(description = "Every required tool has confirmed.")
        boolean complete,

        @Schema(description = "When the erasure must be complete: the request plus the configured period.")
        Instant deadline,

        @Schema(description = "Incomplete past the deadline.")
        boolean overdue) {
    @Schema(name = "ErasureConfirmation", description = "A tool's receipt.")
    public record Confirmation(
            @Schema(example = "billing") String tool,

            @Schema(description = "When this service received the receipt (a sender's own claim is not believed).")
            Instant erasedAt,

            Instant confirmedAt) {}
}
