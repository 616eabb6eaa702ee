package com.example.usersync.command.snapshot;

import com.example.usersync.command.user.UserRejected;
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
class SnapshotRunController {

    private final SnapshotRuns runs;

    SnapshotRunController(SnapshotRuns runs) {
        this.runs = runs;
    }

    /** Starts a run in the background (or answers the one already running). */
    @PostMapping
    ResponseEntity<SnapshotRun> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.start());
    }

    @GetMapping
    List<SnapshotRun> list() {
        return runs.runs();
    }

    @GetMapping("/latest-completed")
    SnapshotRun latestCompleted() {
        return runs.latestCompleted().orElseThrow(() -> UserRejected.noSnapshotRun());
    }

    @GetMapping("/{runId}")
    SnapshotRun run(@PathVariable UUID runId) {
        return runs.run(runId).orElseThrow(() -> UserRejected.noSnapshotRun());
    }
}
