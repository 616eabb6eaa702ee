package com.example.usersync.projection.admin;

import com.example.usersync.platform.web.ProblemType;
import com.example.usersync.projection.ApiProblem;
import com.example.usersync.platform.web.PagedList;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
class ProcessorAdminController {

    /** @param from "start", "snapshot" (the latest completed snapshot run), or an ISO-8601 instant such as 2026-11-22T07:37:00Z */
    record ResetRequest(String from) {
    }

    private final ProcessorAdmin admin;

    ProcessorAdminController(ProcessorAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    List<ProcessorStatus> list() {
        return admin.list();
    }

    @GetMapping("/{name}")
    ProcessorStatus status(@PathVariable String name) {
        return admin.status(name);
    }

    @PostMapping("/{name}/stop")
    ProcessorStatus stop(@PathVariable String name) {
        admin.stop(name);
        return admin.status(name);
    }

    @PostMapping("/{name}/start")
    ProcessorStatus start(@PathVariable String name) {
        admin.start(name);
        return admin.status(name);
    }

    @PostMapping(path = "/{name}/reset", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProcessorStatus> reset(@PathVariable String name, @RequestBody ResetRequest request) {
        if (request != null && "snapshot".equals(request.from())) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(admin.resetToLatestSnapshotRun(name));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(admin.reset(name, startingPoint(request)));
    }

    /** Resolves a position alarm: tokens to the head recorded with it (replay from the start is exact). */
    @PostMapping("/{name}/realign")
    ProcessorStatus realign(@PathVariable String name) {
        return admin.realign(name);
    }

    /** The tool's dead-letter sequences by sequence id, cursor-paged (Link rel="next"). */
    @GetMapping("/{name}/dead-letters")
    ResponseEntity<List<DeadLetterView>> deadLetters(@PathVariable String name,
                                                     @RequestParam(required = false) String cursor,
                                                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        String after = cursor == null ? null : PagedList.parts(cursor, 1)[0];
        return PagedList.of(admin.deadLetters(name, after, limit + 1), limit, view -> PagedList.cursor(view.sequence()));
    }

    @PostMapping("/{name}/dead-letters/{userId}/retry")
    Map<String, Object> retry(@PathVariable String name, @PathVariable UUID userId) {
        boolean succeeded = admin.retry(name, userId.toString());
        return Map.of("userId", userId, "succeeded", succeeded);
    }

    @DeleteMapping("/{name}/dead-letters/{userId}")
    Map<String, Object> evict(@PathVariable String name, @PathVariable UUID userId) {
        return Map.of("userId", userId, "evicted", admin.evict(name, userId.toString()));
    }

    private static Instant startingPoint(ResetRequest request) {
        if (request == null || request.from() == null || request.from().equals("start")) {
            return null;
        }
        try {
            Instant from = Instant.parse(request.from());
            if (from.isAfter(Instant.now())) {
                throw new ApiProblem(ProblemType.INVALID_RESET, "'from' must not be in the future.");
            }
            return from;
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiProblem(ProblemType.INVALID_RESET, "'from' must be \"start\", \"snapshot\" or an ISO-8601 instant such as 2026-11-22T07:37:00Z.");
        }
    }
}
