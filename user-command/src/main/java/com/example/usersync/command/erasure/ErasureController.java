package com.example.usersync.command.erasure;

import com.example.usersync.command.tools.KnownTools;
import com.example.usersync.command.user.CommandSender;
import com.example.usersync.command.user.ConfirmErasure;
import com.example.usersync.command.user.UserRejected;
import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.security.CallerTool;
import com.example.usersync.platform.web.InvalidCursor;
import com.example.usersync.platform.web.PagedList;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Erasure receipts from the tools, and the ledger that proves each erasure. */
@RestController
@RequestMapping(path = "/api/erasures", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Erasures",
        description = "The erasure ledger: each deletion and every required tool's receipt, the proof that a "
                + "person's data is gone everywhere.")
class ErasureController {

    /**
     * @param erasedAt what the tool says; accepted for older senders but not believed: the recorded
     *                 time is when this service received the receipt
     */
    @Schema(name = "ErasureReceipt", description = "A tool's receipt: it applied the deletion and erased its copy.")
    record Receipt(
            @Schema(example = "billing") @NotBlank @Pattern(regexp = "^[a-z][a-z0-9-]{0,39}$")
            String tool,

            @Schema(
                    description = "The deletion event the tool applied (`eventId` in the event log).",
                    example = "0b6f3c2e-8d1a-4c5e-9f7a-2e4d6b8c0a1f")
            @NotBlank
            @Pattern(regexp = "^[0-9a-fA-F-]{36}$")
            String deletionEventId,

            @Schema(
                    description = "Accepted for older senders and ignored: the receipt counts from when it arrives.",
                    deprecated = true)
            Instant erasedAt) {}

    @Schema(name = "ErasureReceiptRecorded", description = "The receipt is recorded (or was already).")
    record Recorded(
            @Schema(example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
            UUID userId,

            @Schema(example = "billing") String tool,

            @Schema(description = "The user's version now.", example = "6")
            long version) {}

    private final CommandSender commands;
    private final ErasureJournal journal;
    private final ErasureProofs proofs;
    private final KnownTools tools;
    private final Clock clock;

    ErasureController(
            CommandSender commands, ErasureJournal journal, ErasureProofs proofs, KnownTools tools, Clock clock) {
        this.commands = commands;
        this.journal = journal;
        this.proofs = proofs;
        this.tools = tools;
        this.clock = clock;
    }

    /**
     * A tool's receipt, believed only from that tool itself (its account or token names it) and only
     * for a tool that must confirm erasures; the user must have been deleted by the named deletion.
     * The confirmation time is this service's clock when the receipt arrived, never the sender's
     * claim. Idempotent: a repeated receipt is acknowledged and changes nothing.
     */
    @Operation(
            operationId = "confirmErasure",
            summary = "Confirm a tool's erasure of a user",
            description =
                    "A tool's receipt for the deletion it applied; believed only from that tool's own account or token, "
                            + "for a tool that must confirm erasures. Appends `UserErasureConfirmed` once per tool; a repeated "
                            + "receipt changes nothing.")
    @ApiResponse(responseCode = "200", description = "Recorded (or already recorded).")
    @Refusals({
        ProblemType.NOT_THIS_TOOL,
        ProblemType.UNKNOWN_TOOL,
        ProblemType.UNKNOWN_USER,
        ProblemType.NOT_ERASED,
        ProblemType.UNKNOWN_DELETION,
        ProblemType.CONCURRENT_MODIFICATION
    })
    @PostMapping(path = "/{userId}/confirmations", consumes = MediaType.APPLICATION_JSON_VALUE)
    Recorded confirm(@PathVariable UUID userId, @Valid @RequestBody Receipt receipt) {
        Instant receivedAt = clock.instant();
        if (!tools.isKnown(receipt.tool())) {
            throw ReceiptRefused.unknownTool(receipt.tool());
        }
        if (CallerTool.current().filter(receipt.tool()::equals).isEmpty()) {
            throw ReceiptRefused.notTheCallersTool(receipt.tool());
        }
        long version =
                commands.<Long>send(new ConfirmErasure(userId, receipt.tool(), receipt.deletionEventId(), receivedAt));
        return new Recorded(userId, receipt.tool(), version);
    }

    /**
     * The request part comes from the erasure journal, which outlives restores of the event store;
     * the confirmations from the event store's ledger, rebuilt from its events.
     */
    @Operation(
            operationId = "getErasure",
            summary = "Read the proof of a user's erasure",
            description = "The request (from the erasure journal, which outlives restores of the event store) and each "
                    + "required tool's confirmation. A user without an erasure is `unknown-user` here.")
    @ApiResponse(responseCode = "200", description = "The erasure.")
    @Refusals(ProblemType.UNKNOWN_USER)
    @GetMapping("/{userId}")
    @Transactional(readOnly = true)
    ErasureView erasure(@PathVariable UUID userId) {
        return proofs.of(userId).orElseThrow(() -> UserRejected.notErasedYet(userId));
    }

    /**
     * Oldest request first, cursor-paged (Link rel="next"). Each page costs three queries however
     * long it is: the journal page, and the ledger's requests and confirmations of its users.
     * Filtering by status scans at most {@link #MAX_SCANNED_PAGES} journal pages per call; a page
     * may then hold fewer than {@code limit} erasures, and its Link continues after the last one
     * scanned.
     *
     * @param status {@code pending} (default), {@code complete} or {@code all}
     */
    @Operation(
            operationId = "listErasures",
            summary = "List erasures",
            description =
                    "Oldest request first. Filtering by status scans a bounded number of erasures per call: a page may "
                            + "then hold fewer than `limit` (even none) and still have a next one.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of erasures.",
            headers =
                    @Header(
                            name = "Link",
                            description = "The next page (`rel=\"next\"`); absent on the last page.",
                            schema =
                                    @Schema(
                                            type = "string",
                                            example =
                                                    "</api/erasures?cursor=MjAyNS0wMS0wMlQwMzowNDowNVp8NmEwYzNh>; rel=\"next\"")))
    @Refusals(ProblemType.INVALID_CURSOR)
    @GetMapping
    @Transactional(readOnly = true)
    ResponseEntity<List<ErasureView>> erasures(
            @Parameter(
                            schema =
                                    @Schema(
                                            allowableValues = {"pending", "complete", "all"},
                                            defaultValue = "pending"))
                    @RequestParam(defaultValue = "pending")
                    @Pattern(regexp = "pending|complete|all")
                    String status,
            @Parameter(description = "From the `Link` header of the previous page.") @RequestParam(required = false)
                    String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Instant afterAt = null;
        UUID afterId = null;
        if (cursor != null) {
            String[] parts = PagedList.parts(cursor, 2);
            try {
                afterAt = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException malformed) {
                throw new InvalidCursor();
            }
        }
        List<ErasureView> found = new ArrayList<>();
        for (int scanned = 0; scanned < MAX_SCANNED_PAGES; scanned++) {
            List<ErasureJournal.Entry> page = journal.requestedAfter(afterAt, afterId, limit);
            List<ErasureView> views = proofs.views(page);
            for (int i = 0; i < page.size(); i++) {
                ErasureView view = views.get(i);
                afterAt = page.get(i).requestedAt();
                afterId = page.get(i).userId();
                if (status.equals("all") || view.complete() == status.equals("complete")) {
                    found.add(view);
                }
                if (found.size() == limit) {
                    boolean more = i < page.size() - 1 || page.size() == limit;
                    return PagedList.withNext(
                            found, more ? PagedList.cursor(afterAt.toString(), afterId.toString()) : null);
                }
            }
            if (page.size() < limit) {
                return PagedList.withNext(found, null);
            }
        }
        return PagedList.withNext(found, PagedList.cursor(afterAt.toString(), afterId.toString()));
    }

    static final int MAX_SCANNED_PAGES = 10;
}
