package com.example.usersync.command.audit;

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

/** The auditors' view of who read whose personal data: newest first, cursor-paged (Link rel="next"). */
@RestController
@Tag(name = "Access log", description = "Who read whose personal data through the API, and when.")
class AccessLogController {

    /** @param subjectId null in rows that name no single person (the column allows it) */
    @Schema(name = "AccessLogEntry", description = "One read of a person's data through the API.")
    record Access(
            @Schema(example = "42") long id,
            Instant accessedAt,

            @Schema(
                    description = "Who read it: the account name, or `jwt:` and a pseudonym of the token's issuer "
                            + "and subject.",
                    example = "auditor")
            String actor,

            @Schema(description = "Whose data was read.", example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d") @Nullable
            UUID subjectId,

            @Schema(
                    description = "What was read.",
                    allowableValues = {"user", "events", "export"},
                    example = "user")
            String resource) {}

    private final AccessLog accessLog;

    AccessLogController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Operation(operationId = "listAccessLog", summary = "List reads of personal data", description = "Newest first.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of the access log.",
            headers =
                    @Header(
                            name = "Link",
                            description = "The next page (`rel=\"next\"`); absent on the last page.",
                            schema = @Schema(type = "string", example = "</api/access-log?cursor=NDI>; rel=\"next\"")))
    @Refusals(ProblemType.INVALID_CURSOR)
    @GetMapping(path = "/api/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<Access>> entries(
            @Parameter(description = "Only reads of this person's data.") @RequestParam(required = false) UUID userId,
            @Parameter(description = "From the `Link` header of the previous page.") @RequestParam(required = false)
                    String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return accessLog.page(
                userId,
                cursor,
                limit,
                entry ->
                        new Access(entry.id(), entry.accessedAt(), entry.actor(), entry.subjectId(), entry.resource()));
    }
}
