package com.example.usersync.command.audit;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    /** Personal fields are decrypted while the user's key exists and shown as erased afterwards. */
    @GetMapping(path = "/api/users/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    List<EventLogEntry> events(@PathVariable UUID id) {
        List<EventLogEntry> history = eventLog.historyOf(id);
        accessLog.record(id, "events");
        return history;
    }
}
