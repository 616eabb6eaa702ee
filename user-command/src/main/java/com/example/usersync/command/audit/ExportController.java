package com.example.usersync.command.audit;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.command.config.UserCommandSettings.ExportSettings;
import com.example.usersync.command.user.UserRejected;
import com.example.usersync.logging.Redacted;
import com.example.usersync.platform.accesslog.AccessLog;
import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.security.CurrentActor;
import com.example.usersync.platform.web.ProblemType;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * GDPR Art. 15 exports ({@link ExportDocuments}), built in the background: {@code POST
 * /api/users/{id}/exports} answers 202 with the job to poll at {@code /api/exports/{exportId}};
 * {@code GET /api/users/{id}/export} waits a little for it and answers the document when it is
 * done in time. Each read of a document is recorded in the access log as the reader's.
 */
@RestController
@Tag(
        name = "Exports",
        description = "GDPR Art. 15 exports: everything the system holds about a person, built in the background.")
class ExportController {

    @Schema(name = "ExportJob", description = "An export being built, or built.")
    record ExportJobView(
            @Schema(description = "The export's id.", example = "5d2c8e1a-7b3f-4a6d-9e0c-4f1b2a3c4d5e")
            UUID id,

            @Schema(example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
            UUID userId,

            ExportJobs.Status status,
            Instant requestedAt,

            @Schema(description = "When it completed or failed.") @Nullable
            Instant completedAt,

            @Schema(description = "When a completed export's document is deleted.") @Nullable
            Instant expiresAt,

            @Schema(description = "Why it failed (FAILED only).") @Nullable
            ExportJobs.Failure error,

            @Schema(
                    description = "The export (COMPLETED only), as `GET /api/users/{id}/export` answers it.",
                    implementation = ExportDocuments.Export.class)
            @Nullable
            StoredExport document) {
        /** Personal data redacted: frameworks log bodies at DEBUG. */
        @Override
        public String toString() {
            return Redacted.toString(this, "document");
        }
    }

    /**
     * A stored export as it is answered: the JSON document itself. Its {@code toString()} shows
     * nothing of it, as Spring MVC logs the body it writes at DEBUG and TRACE.
     */
    record StoredExport(@JsonValue JsonNode json) {
        @Override
        public String toString() {
            return "StoredExport[<redacted>]";
        }
    }

    /** Seconds a client should wait before polling or retrying. */
    private static final String RETRY_AFTER_SECONDS = "2";

    private final ExportJobs jobs;
    private final ExportDocuments documents;
    private final AccessLog accessLog;
    private final CurrentActor actor;
    private final ExportSettings settings;

    ExportController(
            ExportJobs jobs,
            ExportDocuments documents,
            AccessLog accessLog,
            CurrentActor actor,
            UserCommandSettings settings) {
        this.jobs = jobs;
        this.documents = documents;
        this.accessLog = accessLog;
        this.actor = actor;
        this.settings = settings.export();
    }

    /**
     * Starts an export, or answers the one of this user already running. An erased user's export
     * is answered at once (200, as the synchronous export does), never stored.
     */
    @Operation(
            operationId = "startExport",
            summary = "Start an export of a user's data",
            description =
                    "Starts building the export in the background, or answers the one of this user already running. "
                            + "An erased user's export holds no personal data and is answered at once.")
    @ApiResponse(
            responseCode = "200",
            description = "An erased user's export.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ExportDocuments.Export.class)))
    @ApiResponse(
            responseCode = "202",
            description = "Started (or joined): poll the job.",
            headers = {
                @Header(
                        name = "Location",
                        description = "The job to poll.",
                        required = true,
                        schema = @Schema(type = "string", format = "uri")),
                @Header(
                        name = "Retry-After",
                        description = "Seconds to wait before polling.",
                        required = true,
                        schema = @Schema(type = "integer", example = "2"))
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ExportJobView.class)))
    @Refusals({ProblemType.UNKNOWN_USER, ProblemType.EXPORTS_BUSY})
    @PostMapping(path = "/api/users/{id}/exports", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> start(@PathVariable UUID id) {
        Optional<ExportJobs.Job> job = jobs.startOrJoin(id, actor.id());
        if (job.isEmpty()) {
            return ResponseEntity.ok(exportNow(id));
        }
        return accepted(job.get());
    }

    @Operation(
            operationId = "getExport",
            summary = "Read an export",
            description =
                    "The job, with its document once completed; reading a document is recorded in the access log. "
                            + "Completed exports are deleted after the retention period, and with their user's erasure.")
    @ApiResponse(responseCode = "200", description = "The export.")
    @Refusals(ProblemType.UNKNOWN_EXPORT)
    @GetMapping(path = "/api/exports/{exportId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ExportJobView job(@PathVariable UUID exportId) {
        return view(jobs.find(exportId).orElseThrow(UserRejected::noExport));
    }

    /**
     * The export as one call, for callers of the synchronous export: starts (or joins) the job and
     * answers its document when it is done within {@code user-sync.export.wait}, else 202 with the
     * job to poll.
     */
    @Operation(
            operationId = "exportUser",
            summary = "Export a user's data in one call",
            description =
                    "Starts (or joins) the user's export and answers its document when it is done within the configured "
                            + "wait, else 202 with the job to poll. Reading the document is recorded in the access log. A failed job "
                            + "is answered `export-failed`: 503 when a dependency failed, 500 for a fault of the service.")
    @ApiResponse(
            responseCode = "200",
            description = "The export.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ExportDocuments.Export.class)))
    @ApiResponse(
            responseCode = "202",
            description = "Not done yet: poll the job.",
            headers = {
                @Header(
                        name = "Location",
                        description = "The job to poll.",
                        required = true,
                        schema = @Schema(type = "string", format = "uri")),
                @Header(
                        name = "Retry-After",
                        description = "Seconds to wait before polling.",
                        required = true,
                        schema = @Schema(type = "integer", example = "2"))
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ExportJobView.class)))
    @Refusals({ProblemType.UNKNOWN_USER, ProblemType.UNKNOWN_EXPORT, ProblemType.EXPORTS_BUSY, ProblemType.EXPORT_FAILED
    })
    @GetMapping(path = "/api/users/{id}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> export(@PathVariable UUID id) {
        Optional<ExportJobs.Job> started = jobs.startOrJoin(id, actor.id());
        if (started.isEmpty()) {
            return ResponseEntity.ok(exportNow(id));
        }
        ExportJobs.Job job = jobs.await(started.get().id(), settings.syncWait());
        return switch (job.status()) {
            case COMPLETED -> ResponseEntity.ok(read(job));
            case RUNNING -> accepted(job);
            case FAILED -> {
                if (job.error() == ExportJobs.Failure.USER_ERASED) {
                    yield ResponseEntity.ok(exportNow(id));
                }
                throw new ExportFailed(job.error());
            }
        };
    }

    /** An erased user's export: built in the request and never stored, as there is no key left to protect it. */
    private ExportDocuments.Export exportNow(UUID id) {
        ExportDocuments.Export export = documents.build(id, actor.id());
        accessLog.record(id, "export");
        return export;
    }

    private ExportJobView view(ExportJobs.Job job) {
        return new ExportJobView(
                job.id(),
                job.userId(),
                job.status(),
                job.requestedAt(),
                job.completedAt(),
                job.expiresAt(),
                job.error(),
                job.status() == ExportJobs.Status.COMPLETED ? read(job) : null);
    }

    /** A person reads the document: recorded as their access. */
    private StoredExport read(ExportJobs.Job job) {
        JsonNode document = jobs.document(job);
        accessLog.record(job.userId(), "export");
        return new StoredExport(document);
    }

    private static ResponseEntity<ExportJobView> accepted(ExportJobs.Job job) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/exports/{id}")
                .buildAndExpand(job.id())
                .toUri();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(location)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(new ExportJobView(
                        job.id(),
                        job.userId(),
                        job.status(),
                        job.requestedAt(),
                        job.completedAt(),
                        job.expiresAt(),
                        job.error(),
                        null));
    }

    /** The job of a synchronous export failed. */
    static final class ExportFailed extends RuntimeException {
        private final ExportJobs.Failure reason;

        ExportFailed(ExportJobs.Failure reason) {
            super("Export failed: " + reason, null, false, false);
            this.reason = reason;
        }
    }

    @ExceptionHandler(ExportJobs.Busy.class)
    ResponseEntity<ProblemDetail> busy(ExportJobs.Busy busy) {
        return unavailable(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.EXPORTS_BUSY, busy.getMessage(), null);
    }

    @ExceptionHandler(ExportFailed.class)
    ResponseEntity<ProblemDetail> failed(ExportFailed failed) {
        HttpStatus status = failed.reason == ExportJobs.Failure.INTERNAL_ERROR
                ? HttpStatus.INTERNAL_SERVER_ERROR
                : HttpStatus.SERVICE_UNAVAILABLE;
        return unavailable(
                status,
                ProblemType.EXPORT_FAILED,
                "The export could not be completed (" + failed.reason + "); request it again.",
                failed.reason);
    }

    private static ResponseEntity<ProblemDetail> unavailable(
            HttpStatus status, ProblemType type, String detail, ExportJobs.Failure reason) {
        ProblemDetail problem = type.problem(status, detail);
        if (reason != null) {
            problem.setProperty("reason", reason.name());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "10");
        }
        return response.body(problem);
    }
}
