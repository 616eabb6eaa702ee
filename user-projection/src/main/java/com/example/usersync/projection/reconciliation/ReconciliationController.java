package com.example.usersync.projection.reconciliation;

import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.security.CurrentActor;
import com.example.usersync.platform.web.ApiProblem;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
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
@Tag(
        name = "Reconciliation",
        description = "Compares each tool's rows with the user service and repairs what differs: "
                + "missing, stale, corrupt and extra rows, and erasures the tool has not confirmed.")
class ReconciliationController {

    /** @param tool one tool, or null for every tool */
    @Schema(name = "ReconciliationRequest", description = "What to reconcile.")
    record Request(
            @Schema(description = "One tool; absent or null for every tool.", example = "mailing") @Nullable
            String tool) {}

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
    @Operation(
            operationId = "startReconciliation",
            summary = "Start a reconciliation",
            description =
                    "Runs in the background, one at a time per tool (or for every tool) across all instances: while one "
                            + "runs for the same scope, answers that one. Poll the run at `Location`.",
            parameters =
                    @Parameter(
                            in = ParameterIn.HEADER,
                            name = "X-Requested-By",
                            example = "cli",
                            schema = @Schema(type = "string"),
                            description = "Any value; CSRF defence: required when the request has no JSON body."))
    @ApiResponse(
            responseCode = "202",
            description = "The run, started now or already running.",
            headers =
                    @Header(
                            name = "Location",
                            description = "The run to poll.",
                            required = true,
                            schema =
                                    @Schema(
                                            type = "string",
                                            format = "uri",
                                            example =
                                                    "http://localhost:8081/api/admin/reconciliations/runs/5b0e4c2a-8f1d-4b7e-9a36-1c2d3e4f5a6b")))
    @Refusals(ProblemType.UNKNOWN_TOOL)
    ResponseEntity<ReconciliationRun> run(
            @RequestBody(required = false) Request request, Authentication caller, HttpServletRequest http) {
        if (request == null
                && (http.getContentLengthLong() > 0 || http.getHeader(HttpHeaders.TRANSFER_ENCODING) != null)) {
            // A body that is JSON null: Spring hands it over like no body at all, but the document asks for an object.
            throw new ApiProblem(ProblemType.INVALID_REQUEST, "The body must be a JSON object, or absent.");
        }
        ReconciliationRuns.Started started = runs.start(request == null ? null : request.tool(), actors.idOf(caller));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/admin/reconciliations/runs/{id}")
                        .build(started.run().id()))
                .body(started.run());
    }

    /** A run: RUNNING, or COMPLETED / FAILED with the report of each tool it reconciled. */
    @GetMapping("/runs/{id}")
    @Operation(
            operationId = "getReconciliationRun",
            summary = "Get a reconciliation run",
            description = "RUNNING, or COMPLETED / FAILED with the report of each tool it reconciled.")
    @ApiResponse(responseCode = "200", description = "The run.")
    @Refusals(ProblemType.UNKNOWN_RECONCILIATION_RUN)
    ReconciliationRun run(@PathVariable @Parameter(description = "The run's id, from `Location`.") UUID id) {
        return runs.run(id)
                .orElseThrow(() -> new ApiProblem(
                        ProblemType.UNKNOWN_RECONCILIATION_RUN, "There is no reconciliation run with this id."));
    }

    /** The latest reports, of runs and of scheduled reconciliations alike. */
    @GetMapping
    @Operation(
            operationId = "listReconciliationReports",
            summary = "List the latest reconciliation reports",
            description =
                    "The latest 100 reports, one per tool and run, newest first; of requested and scheduled runs alike.")
    @ApiResponse(responseCode = "200", description = "The latest reports.")
    List<Reconciliation> reports() {
        return reconciler.reports();
    }
}
