package com.example.usersync.projection.admin;

import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.web.ApiProblem;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping(path = "/api/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Processors",
        description = "Each tool's tracking processor: status and lag, stop and start, reset (replay) "
                + "and re-align after the event store was restored.")
class ProcessorAdminController {

    /** @param from "start", "snapshot" (the latest completed snapshot run), or an ISO-8601 instant such as 2026-11-22T07:37:00Z */
    @Schema(name = "ProcessorReset", description = "Where the replay starts.")
    record ResetRequest(
            @Schema(
                    description =
                            "`start` (the first event; the default), `snapshot` (the latest completed snapshot "
                                    + "run of the user service) or a past ISO-8601 instant: the tool's rows written since then are rebuilt.",
                    example = "start")
            @Nullable
            String from) {}

    private final ProcessorAdmin admin;
    private final Clock clock;

    ProcessorAdminController(ProcessorAdmin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    @GetMapping
    @Operation(
            operationId = "listProcessors",
            summary = "List the tool processors",
            description =
                    "Every tool's processor, with its segments as the token store holds them (so every instance's claims show).")
    @ApiResponse(responseCode = "200", description = "Every tool's processor.")
    List<ProcessorStatus> list() {
        return admin.list();
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getProcessor", summary = "Get a tool's processor")
    @ApiResponse(responseCode = "200", description = "The processor.")
    @Refusals(ProblemType.UNKNOWN_PROCESSOR)
    ProcessorStatus status(
            @PathVariable @Parameter(description = "The tool's name.", example = "mailing") String name) {
        return admin.status(name);
    }

    @PostMapping("/{name}/stop")
    @Operation(
            operationId = "stopProcessor",
            summary = "Stop a tool's processor on this instance",
            description =
                    "Releases its segments; another instance may claim them. Stop it on every instance before a reset.")
    @ApiResponse(responseCode = "200", description = "The processor, stopped on this instance.")
    @Refusals(ProblemType.UNKNOWN_PROCESSOR)
    ProcessorStatus stop(@PathVariable @Parameter(description = "The tool's name.", example = "mailing") String name) {
        admin.stop(name);
        return admin.status(name);
    }

    @PostMapping("/{name}/start")
    @Operation(
            operationId = "startProcessor",
            summary = "Start a tool's processor on this instance",
            description =
                    "Refused while the tool has a position alarm: its tokens would skip events. Reset or re-align it instead.")
    @ApiResponse(responseCode = "200", description = "The processor, started on this instance.")
    @Refusals({ProblemType.UNKNOWN_PROCESSOR, ProblemType.POSITION_ALARM})
    ProcessorStatus start(@PathVariable @Parameter(description = "The tool's name.", example = "mailing") String name) {
        admin.start(name);
        return admin.status(name);
    }

    @PostMapping(path = "/{name}/reset", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "resetProcessor",
            summary = "Reset a tool's processor and replay",
            description =
                    "Clears the tool's rows (all of them, or those written since `from`) and replays the events in the "
                            + "background; poll the processor until it is caught up. Stop the processor on every other instance first. "
                            + "Resolves a position alarm too.")
    @ApiResponse(responseCode = "202", description = "The replay started: the processor's status.")
    @Refusals({
        ProblemType.UNKNOWN_PROCESSOR,
        ProblemType.INVALID_RESET,
        ProblemType.NO_SNAPSHOT_RUN,
        ProblemType.PROCESSOR_CLAIMED
    })
    ResponseEntity<ProcessorStatus> reset(
            @PathVariable @Parameter(description = "The tool's name.", example = "mailing") String name,
            @RequestBody ResetRequest request) {
        if ("snapshot".equals(request.from())) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(admin.resetToLatestSnapshotRun(name));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(admin.reset(name, startingPoint(request)));
    }

    /** Resolves a position alarm: tokens to the head recorded with it (replay from the start is exact). */
    @PostMapping("/{name}/realign")
    @Operation(
            operationId = "realignProcessor",
            summary = "Re-align a tool's processor after a position alarm",
            description =
                    "Moves every token to the store's head recorded with the alarm and starts the processor: the fast "
                            + "resolution. Events appended between the restore and the alarm are not applied; a reset from the start is exact.")
    @ApiResponse(responseCode = "200", description = "The processor, re-aligned and started; its alarm cleared.")
    @Refusals({
        ProblemType.UNKNOWN_PROCESSOR,
        ProblemType.NO_POSITION_ALARM,
        ProblemType.STORE_BEHIND_ALARM,
        ProblemType.PROCESSOR_CLAIMED
    })
    ProcessorStatus realign(
            @PathVariable @Parameter(description = "The tool's name.", example = "mailing") String name) {
        return admin.realign(name);
    }

    private Instant startingPoint(ResetRequest request) {
        if (request.from() == null || request.from().equals("start")) {
            return null;
        }
        try {
            Instant from = Instant.parse(request.from());
            if (from.isAfter(clock.instant())) {
                throw new ApiProblem(ProblemType.INVALID_RESET, "'from' must not be in the future.");
            }
            return from;
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiProblem(
                    ProblemType.INVALID_RESET,
                    "'from' must be \"start\", \"snapshot\" or an ISO-8601 instant such as 2026-11-22T07:37:00Z.");
        }
    }
}
