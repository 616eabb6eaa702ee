package com.example.usersync.command.audit;

import com.example.usersync.platform.web.InvalidCursor;
import com.example.usersync.platform.web.PagedList;
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
    @GetMapping(path = "/api/users/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<EventLogEntry>> events(@PathVariable UUID id,
                                               @RequestParam(required = false) String cursor,
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
