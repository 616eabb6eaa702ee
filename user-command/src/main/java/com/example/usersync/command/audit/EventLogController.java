package com.example.usersync.command.audit;

import com.example.usersync.platform.accesslog.AccessLog;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** The auditor's view: a user's complete event history with all metadata. */
@RestController
@Tag(
        name = "Event log",
        description = "The auditor's view of a user's complete history: every event with who did it, when "
                + "and caused by what.")
class EventLogController {

    private final EventLog eventLog;
    private final AccessLog accessLog;

    EventLogController(EventLog eventLog, AccessLog accessLog) {
        this.eventLog = eventLog;
        this.accessLog = accessLog;
    }

    /**
     * Oldest first, cursor-paged (Link rel="next"). Personal fields are decrypted while the user's
     * key exists and shown as erased afterwards.
     */
    @Operation(
            operationId = "listUserEvents",
            summary = "List a user's events",
            description =
                    "Oldest first, including the events after an erasure. Personal fields are decrypted while the user's "
                            + "key exists and null afterwards. Recorded in the access log.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of events.",
            headers =
                    @Header(
                            name = "Link",
                            description = "The next page (`rel=\"next\"`); absent on the last page.",
                            schema =
                                    @Schema(
                                            type = "string",
                                            example =
                                                    "</api/users/6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d/events?cursor=OTk>; rel=\"next\"")))
    @Refusals({ProblemType.INVALID_CURSOR, ProblemType.UNKNOWN_USER})
    @GetMapping(path = "/api/users/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<EventLogEntry>> events(
            @PathVariable UUID id,
            @Parameter(description = "From the `Link` header of the previous page.") @RequestParam(required = false)
                    String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        long from = cursor == null ? 0 : PagedList.number(cursor) + 1;
        if (from < 0) {
            throw new InvalidCursor();
        }
        List<EventLogEntry> history = eventLog.page(id, from, limit + 1);
        accessLog.record(id, "events");
        return PagedList.of(history, limit, entry -> PagedList.cursor(String.valueOf(entry.version())));
    }
}
