package com.example.usersync.projection.admin;

import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.web.InvalidCursor;
import com.example.usersync.platform.web.PagedList;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

@RestController
@RequestMapping(path = "/api/admin/processors/{name}/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Dead letters",
        description = "The events a tool could not apply, per user: inspect them, retry them now, or drop them "
                + "(and reconcile the user afterwards).")
class DeadLetterController {

    @Schema(name = "DeadLetterRetry", description = "The outcome of retrying a user's dead letters.")
    record Retried(
            @Schema(example = "3f2b8c1e-6f0a-4c59-9b7e-2a4d8e1f0c35")
            UUID userId,

            @Schema(
                    description =
                            "Whether every letter of the user now applied; if not, they stay, with the new cause.")
            boolean succeeded) {}

    @Schema(name = "DeadLetterEviction", description = "The user's dead letters dropped.")
    record Evicted(
            @Schema(example = "3f2b8c1e-6f0a-4c59-9b7e-2a4d8e1f0c35")
            UUID userId,

            @Schema(description = "How many letters were dropped.", example = "2")
            int evicted) {}

    /** What a sequence id (a cursor's content) looks like: a user id, {@code erasure:<user id>}, or an event id. */
    private static final Pattern SEQUENCE = Pattern.compile("[A-Za-z0-9:-]{1,100}");

    private final ProcessorAdmin admin;

    DeadLetterController(ProcessorAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    @Operation(
            operationId = "listDeadLetters",
            summary = "List a tool's dead letters",
            description =
                    "The tool's dead-letter sequences in sequence order, each with its oldest 100 letters. Cursor-paged: "
                            + "the next page's address is in the `Link` header.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of sequences.",
            headers =
                    @Header(
                            name = "Link",
                            description =
                                    "The next page (`<…?cursor=…>; rel=\"next\"`, RFC 8288); absent on the last page.",
                            schema =
                                    @Schema(
                                            type = "string",
                                            example =
                                                    "</api/admin/processors/mailing/dead-letters?cursor=M2YyYjhjMWU>; rel=\"next\"")))
    @Refusals({ProblemType.UNKNOWN_PROCESSOR, ProblemType.INVALID_CURSOR})
    ResponseEntity<List<DeadLetterView>> deadLetters(
            @PathVariable @Parameter(description = "The tool's name.", example = "mailing") String name,
            @RequestParam(required = false) @Parameter(description = "From the `Link` header of the previous page.")
                    String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) @Parameter(description = "Sequences per page.")
                    int limit) {
        String after = cursor == null ? null : PagedList.parts(cursor, 1)[0];
        if (after != null && !SEQUENCE.matcher(after).matches()) {
            throw new InvalidCursor();
        }
        return PagedList.of(
                admin.deadLetters(name, after, limit + 1), limit, view -> PagedList.cursor(view.sequence()));
    }

    @PostMapping("/{userId}/retry")
    @Operation(
            operationId = "retryDeadLetter",
            summary = "Retry a user's dead letters now",
            description =
                    "Processes the user's dead letters (the user's events and the user's deletion) now, whatever their back-off.")
    @ApiResponse(responseCode = "200", description = "Whether the letters applied; the ones that failed again stay.")
    @Refusals({ProblemType.UNKNOWN_PROCESSOR, ProblemType.NO_DEAD_LETTERS})
    Retried retry(
            @PathVariable @Parameter(description = "The tool's name.", example = "mailing") String name,
            @PathVariable @Parameter(description = "The user whose letters to retry.") UUID userId) {
        return new Retried(userId, admin.retry(name, userId.toString()));
    }

    @DeleteMapping("/{userId}")
    @Operation(
            operationId = "evictDeadLetter",
            summary = "Drop a user's dead letters",
            description =
                    "The tool will not apply them: reconcile the user afterwards (POST /api/admin/reconciliations).")
    @ApiResponse(responseCode = "200", description = "How many letters were dropped.")
    @Refusals({ProblemType.UNKNOWN_PROCESSOR, ProblemType.NO_DEAD_LETTERS})
    Evicted evict(
            @PathVariable @Parameter(description = "The tool's name.", example = "mailing") String name,
            @PathVariable @Parameter(description = "The user whose letters to drop.") UUID userId) {
        return new Evicted(userId, admin.evict(name, userId.toString()));
    }
}
