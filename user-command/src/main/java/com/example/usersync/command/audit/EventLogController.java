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

    EventLogController(EventLog eventLog) {
        this.eventLog = eventLog;
    }

    @GetMapping(path = "/api/users/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    List<EventLogEntry> events(@PathVariable UUID id) {
        return eventLog.historyOf(id);
    }
}
