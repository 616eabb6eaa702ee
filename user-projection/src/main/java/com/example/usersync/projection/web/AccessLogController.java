package com.example.usersync.projection.web;

import com.example.usersync.platform.accesslog.AccessLog;
import com.example.usersync.platform.api.Refusals;
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
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The auditors' view of who read whose personal data here: newest first, cursor-paged (Link rel="next"). */
@RestController
@Tag(
        name = "Access log",
        description = "Who read whose personal data through this service, and when (GDPR accountability).")
class AccessLogController {

    @Schema(name = "AccessLogEntry", description = "One read of a person's data through this service's API.")
    record Access(
            @Schema(description = "Newer entries have higher ids.", example = "1042")
            long id,

            @Schema(example = "2026-11-22T07:37:00Z") Instant accessedAt,

            @Schema(
                    description = "Who read: an account, a JWT caller's pseudonym, or the person a delegate read for.",
                    example = "auditor")
            String actor,

            @Schema(
                    description = "The delegate service account that read for `actor`; null for a direct read.",
                    example = "user-service")
            @Nullable
            String via,

            @Schema(
                    description = "Whose data was read; null for a read that returned no one.",
                    example = "3f2b8c1e-6f0a-4c59-9b7e-2a4d8e1f0c35")
            @Nullable
            UUID subjectId,

            @Schema(
                    description = "What was read: `tool:<tool>` for one user, `tool:<tool>:list` for a page.",
                    example = "tool:mailing")
            String resource) {}

    private final AccessLog accessLog;

    AccessLogController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @GetMapping(path = "/api/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listAccessLog",
            summary = "List reads of personal data",
            description =
                    "Newest first, of everyone or of one person. Cursor-paged: the next page's address is in the `Link` header.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of entries.",
            headers =
                    @Header(
                            name = "Link",
                            description =
                                    "The next page (`<…?cursor=…>; rel=\"next\"`, RFC 8288); absent on the last page.",
                            schema =
                                    @Schema(
                                            type = "string",
                                            example = "</api/access-log?cursor=MTAwMQ>; rel=\"next\"")))
    @Refusals(ProblemType.INVALID_CURSOR)
    ResponseEntity<List<Access>> entries(
            @RequestParam(required = false) @Parameter(description = "Only reads of this person's data.") UUID userId,
            @RequestParam(required = false) @Parameter(description = "From the `Link` header of the previous page.")
                    String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) @Parameter(description = "Entries per page.")
                    int limit) {
        return accessLog.page(
                userId,
                cursor,
                limit,
                entry -> new Access(
                        entry.id(),
                        entry.accessedAt(),
                        entry.actor(),
                        entry.via(),
                        entry.subjectId(),
                        entry.resource()));
    }
}
