package com.example.usersync.command.audit;

import com.example.usersync.platform.api.Refusals;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** The auditors' view of who read whose personal data: newest first, cursor-paged (Link rel="next"). */
@RestController
@Tag(name = "Access log", description = "Who read whose personal data through the API, and when.")
class AccessLogController {

    private final AccessLog accessLog;

    AccessLogController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Operation(operationId = "listAccessLog", summary = "List reads of personal data", description = "Newest first.")
    @ApiResponse(responseCode = "200", description = "One page of the access log.", headers = @Header(name = "Link",
            description = "The next page (`rel=\"next\"`); absent on the last page.",
            schema = @Schema(type = "string", example = "</api/access-log?cursor=NDI>; rel=\"next\"")))
    @Refusals(ProblemType.INVALID_CURSOR)
    @GetMapping(path = "/api/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<AccessLog.Access>> entries(@Parameter(description = "Only reads of this person's data.")
                                                   @RequestParam(required = false) UUID userId,
                                                   @Parameter(description = "From the `Link` header of the previous page.")
                                                   @RequestParam(required = false) String cursor,
                                                   @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Long before = cursor == null ? null : PagedList.number(cursor);
        return PagedList.of(accessLog.entries(userId, before, limit + 1), limit, access -> PagedList.cursor(String.valueOf(access.id())));
    }
}
