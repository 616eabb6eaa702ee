package com.example.usersync.projection;

import com.example.usersync.platform.web.PagedList;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** The auditors' view of who read whose personal data here: newest first, cursor-paged (Link rel="next"). */
@RestController
class AccessLogController {

    private final AccessLog accessLog;

    AccessLogController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @GetMapping(path = "/api/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<AccessLog.Access>> entries(@RequestParam(required = false) UUID userId,
                                                   @RequestParam(required = false) String cursor,
                                                   @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Long before = cursor == null ? null : PagedList.number(cursor);
        return PagedList.of(accessLog.entries(userId, before, limit + 1), limit, access -> PagedList.cursor(String.valueOf(access.id())));
    }
}
