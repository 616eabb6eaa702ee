package com.example.usersync.command.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** The auditors' view of who read whose personal data. */
@RestController
class AccessLogController {

    private final AccessLog accessLog;

    AccessLogController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @GetMapping(path = "/api/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    List<AccessLog.Access> entries(@RequestParam(required = false) UUID userId,
                                   @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return accessLog.entries(userId, limit);
    }
}
