package com.example.usersync.command.console;

import com.example.usersync.command.audit.ExportJobs;
import com.example.usersync.command.user.UserRejected;
import com.example.usersync.platform.accesslog.AccessLog;
import com.example.usersync.platform.security.CurrentActor;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

import java.util.UUID;

/**
 * Art. 15 exports from the console: the API's background export jobs, started for the person at
 * the console, polled on the page until done, and downloaded as the JSON document the API answers
 * (each download recorded in the access log, as each read of a document through the API is).
 */
@Controller
class ExportPageController {

    private final ExportJobs jobs;
    private final AccessLog accessLog;
    private final CurrentActor actor;

    ExportPageController(ExportJobs jobs, AccessLog accessLog, CurrentActor actor) {
        this.jobs = jobs;
        this.accessLog = accessLog;
        this.actor = actor;
    }

    @PostMapping("/console/users/{id}/exports")
    String start(@PathVariable UUID id) {
        ExportJobs.Job job = jobs.startOrJoin(id, actor.id()).orElseThrow(() -> UserRejected.erased(id));
        return "redirect:/console/exports/" + job.id();
    }

    @GetMapping("/console/exports/{jobId}")
    String page(@PathVariable UUID jobId, Model model) {
        model.addAttribute("job", job(jobId));
        return "console/export";
    }

    /** The job's state alone, polled by the page every second while it runs. */
    @GetMapping("/console/exports/{jobId}/state")
    String state(@PathVariable UUID jobId, Model model) {
        model.addAttribute("job", job(jobId));
        return "console/export :: state";
    }

    @GetMapping("/console/exports/{jobId}/download")
    ResponseEntity<JsonNode> download(@PathVariable UUID jobId) {
        ExportJobs.Job job = job(jobId);
        if (job.status() != ExportJobs.Status.COMPLETED) {
            throw new ConsoleNotFound("The export is not complete.");
        }
        JsonNode document = jobs.document(job);
        accessLog.record(job.userId(), "export");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("export-" + job.userId() + ".json")
                                .build()
                                .toString())
                .body(document);
    }

    @ExceptionHandler(ExportJobs.Busy.class)
    ModelAndView busy() {
        return ConsoleErrors.page(
                HttpStatus.SERVICE_UNAVAILABLE, "Exports busy", "Every export slot is taken; try again in a minute.");
    }

    private ExportJobs.Job job(UUID jobId) {
        return jobs.find(jobId).orElseThrow(UserRejected::noExport);
    }
}
