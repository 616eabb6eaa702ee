package com.example.usersync.projection.reconciliation;

import com.example.usersync.platform.web.ProblemType;
import com.example.usersync.projection.ApiProblem;
import com.example.usersync.projection.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/admin/reconciliations", produces = MediaType.APPLICATION_JSON_VALUE)
class ReconciliationController {

    /** @param tool one tool, or null for every tool */
    record Request(String tool) {
    }

    private final ReconciliationRuns runs;
    private final Reconciler reconciler;
    private final CurrentActor actors;

    ReconciliationController(ReconciliationRuns runs, Reconciler reconciler, CurrentActor actors) {
        this.runs = runs;
        this.reconciler = reconciler;
        this.actors = actors;
    }

    /**
     * Starts a reconciliation in the background: 202 with the run to poll at {@code Location}. While
     * one runs for the same tool (or for every tool), answers that one, at the same location.
     */
    @PostMapping
    ResponseEntity<ReconciliationRun> run(@RequestBody(required = false) Request request, Authentication caller) {
        ReconciliationRuns.Started started = runs.start(request == null ? null : request.tool(), actors.idOf(caller));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/admin/reconciliations/runs/{id}").build(started.run().id()))
                .body(started.run());
    }

    /** A run: RUNNING, or COMPLETED / FAILED with the report of each tool it reconciled. */
    @GetMapping("/runs/{id}")
    ReconciliationRun run(@PathVariable UUID id) {
        return runs.run(id).orElseThrow(() -> new ApiProblem(ProblemType.UNKNOWN_RECONCILIATION_RUN,
                "There is no reconciliation run with this id."));
    }

    /** The latest reports, of runs and of scheduled reconciliations alike. */
    @GetMapping
    List<Reconciliation> reports() {
        return reconciler.reports();
    }
}
