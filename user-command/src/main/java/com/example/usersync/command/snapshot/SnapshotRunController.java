package com.example.usersync.command.snapshot;

import com.example.usersync.command.user.UserRejected;
import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/admin/snapshot-runs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Snapshot runs",
        description = "Restate every live user as one event each, so that tools can rebuild from a run "
                + "instead of from years of history. One run at a time across all instances.")
class SnapshotRunController {

    private final SnapshotRuns runs;

    SnapshotRunController(SnapshotRuns runs) {
        this.runs = runs;
    }

    @Operation(
            operationId = "startSnapshotRun",
            summary = "Start a snapshot run",
            description = "Starts a run in the background, or answers the one already running.")
    @ApiResponse(responseCode = "202", description = "Started (or already running).")
    @PostMapping
    ResponseEntity<SnapshotRun> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.start());
    }

    @Operation(operationId = "listSnapshotRuns", summary = "List snapshot runs", description = "Newest first.")
    @ApiResponse(responseCode = "200", description = "The runs.")
    @GetMapping
    List<SnapshotRun> list() {
        return runs.runs();
    }

    @Operation(
            operationId = "getLatestCompletedSnapshotRun",
            summary = "Read the latest completed snapshot run",
            description = "The run a tool rebuilds from.")
    @ApiResponse(responseCode = "200", description = "The run.")
    @Refusals(ProblemType.UNKNOWN_SNAPSHOT_RUN)
    @GetMapping("/latest-completed")
    SnapshotRun latestCompleted() {
        return runs.latestCompleted().orElseThrow(() -> UserRejected.noSnapshotRun());
    }

    @Operation(operationId = "getSnapshotRun", summary = "Read a snapshot run")
    @ApiResponse(responseCode = "200", description = "The run.")
    @Refusals(ProblemType.UNKNOWN_SNAPSHOT_RUN)
    @GetMapping("/{runId}")
    SnapshotRun run(@PathVariable UUID runId) {
        return runs.run(runId).orElseThrow(() -> UserRejected.noSnapshotRun());
    }
}
