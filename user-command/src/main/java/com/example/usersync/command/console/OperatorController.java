package com.example.usersync.command.console;

import com.example.usersync.command.snapshot.SnapshotRuns;
import com.example.usersync.command.user.UserRejected;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The operator's pages: every tool processor (polled every second), replays with a confirmation and
 * a progress bar, dead letters, snapshot runs and reconciliation. Processors, dead letters and
 * reconciliation are the tool-sync service's admin API ({@link OperatorCalls}); snapshot runs are
 * this service's own ({@link SnapshotRuns}).
 */
@Controller
class OperatorController {

    private static final Pattern TOOL = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final String REPLAYS = "console.replays";

    /** What a reset from each starting point clears, for the confirmation. */
    static final Map<String, String> CLEARS = Map.of(
            "start",
            "clears the tool's whole table and its dead letters, then rebuilds it from the first event",
            "time",
            "drops the tool's rows written by events since that time and its dead letters, then replays from it",
            "snapshot",
            "clears the tool's whole table and its dead letters, then rebuilds it from the latest completed snapshot run");

    private static final Map<String, String> CONTROLLED =
            Map.of("stop", "Stopped", "start", "Started", "realign", "Re-aligned and started");

    private final OperatorCalls calls;
    private final SnapshotRuns snapshotRuns;
    private final ObjectMapper json;
    private final Clock clock;

    OperatorController(OperatorCalls calls, SnapshotRuns snapshotRuns, ObjectMapper json, Clock clock) {
        this.calls = calls;
        this.snapshotRuns = snapshotRuns;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/console/operator")
    String processors(Authentication person, Model model) {
        processorRows(person, model);
        return "console/operator";
    }

    /** The table's rows alone, polled every second. */
    @GetMapping("/console/operator/processors")
    String rows(Authentication person, Model model) {
        processorRows(person, model);
        return "console/operator :: rows";
    }

    /** Stop, start or re-align one tool's processor (on the tool-sync instance that answers). */
    @PostMapping("/console/operator/processors/{tool}/{action:stop|start|realign}")
    String control(
            @PathVariable String tool, @PathVariable String action, Authentication person, RedirectAttributes next) {
        String name = tool(tool);
        calls.call(person, call -> switch (action) {
            case "stop" -> call.admin().stop(name, call.person());
            case "start" -> call.admin().start(name, call.person());
            default -> call.admin().realign(name, call.person());
        });
        next.addFlashAttribute("notice", CONTROLLED.get(action) + " " + name + ".");
        return "redirect:/console/operator";
    }

    @GetMapping("/console/operator/processors/{tool}/reset")
    String confirmReset(@PathVariable String tool, Authentication person, Model model) {
        model.addAttribute("processor", calls.call(person, call -> call.admin().processor(tool(tool), call.person())));
        model.addAttribute("clears", CLEARS);
        return "console/reset";
    }

    @PostMapping("/console/operator/processors/{tool}/reset")
    String reset(
            @PathVariable String tool,
            @RequestParam String from,
            @RequestParam(required = false) String at,
            Authentication person,
            HttpSession session) {
        String startingPoint = switch (from) {
            case "start" -> "start";
            case "snapshot" -> "snapshot";
            case "time" -> instant(at).toString();
            default -> throw new ConsoleNotFound("Unknown starting point.");
        };
        ProjectionAdmin.Processor reset = calls.call(
                person,
                call -> call.admin().reset(tool(tool), new ProjectionAdmin.Reset(startingPoint), call.person()));
        Long position = reset.position();
        replays(session).put(tool, new ReplayProgress.Start(clock.instant(), position == null ? -1 : position));
        return "redirect:/console/operator/processors/" + tool + "/replay";
    }

    @GetMapping("/console/operator/processors/{tool}/replay")
    String replay(@PathVariable String tool, Authentication person, HttpSession session, Model model) {
        progress(tool, person, session, model);
        return "console/replay";
    }

    /** The progress bar alone, polled every second until the tool has caught up. */
    @GetMapping("/console/operator/processors/{tool}/replay/progress")
    String replayProgress(@PathVariable String tool, Authentication person, HttpSession session, Model model) {
        progress(tool, person, session, model);
        return "console/replay :: progress";
    }

    @GetMapping("/console/operator/processors/{tool}/dead-letters")
    String deadLetters(@PathVariable String tool, Authentication person, Model model) {
        model.addAttribute("tool", tool(tool));
        model.addAttribute("sequences", calls.call(person, call -> call.admin().deadLetters(tool, call.person())));
        return "console/dead-letters";
    }

    @PostMapping("/console/operator/processors/{tool}/dead-letters/{userId}/retry")
    String retry(@PathVariable String tool, @PathVariable UUID userId, Authentication person, RedirectAttributes next) {
        calls.call(person, call -> {
            call.admin().retry(tool(tool), userId, call.person());
            return null;
        });
        next.addFlashAttribute("notice", "Retried the dead letters of user " + userId + ".");
        return "redirect:/console/operator/processors/" + tool + "/dead-letters";
    }

    @PostMapping("/console/operator/processors/{tool}/dead-letters/{userId}/evict")
    String evict(@PathVariable String tool, @PathVariable UUID userId, Authentication person, RedirectAttributes next) {
        calls.call(person, call -> {
            call.admin().evict(tool(tool), userId, call.person());
            return null;
        });
        next.addFlashAttribute(
                "notice", "Evicted the dead letters of user " + userId + ": replay or reconcile the tool.");
        return "redirect:/console/operator/processors/" + tool + "/dead-letters";
    }

    @GetMapping("/console/operator/runs")
    String runs(Authentication person, Model model) {
        model.addAttribute("snapshotRuns", snapshotRuns.runs());
        model.addAttribute("processors", calls.call(person, call -> call.admin().processors(call.person())));
        model.addAttribute("reports", calls.call(person, call -> call.admin().reconciliationReports(call.person())));
        return "console/runs";
    }

    @PostMapping("/console/operator/snapshot-runs")
    String startSnapshotRun(RedirectAttributes next) {
        next.addFlashAttribute("notice", "Snapshot run " + snapshotRuns.start().runId() + " started.");
        return "redirect:/console/operator/runs";
    }

    @PostMapping("/console/operator/reconciliations")
    String reconcile(@RequestParam(defaultValue = "") String tool, Authentication person) {
        String scope = tool.isBlank() ? null : tool(tool);
        ProjectionAdmin.ReconciliationRun run =
                calls.call(person, call -> call.admin().reconcile(new ProjectionAdmin.Reconcile(scope), call.person()));
        return "redirect:/console/operator/reconciliations/" + run.id();
    }

    @GetMapping("/console/operator/reconciliations/{runId}")
    String reconciliation(@PathVariable UUID runId, Authentication person, Model model) {
        model.addAttribute("run", calls.call(person, call -> call.admin().reconciliation(runId, call.person())));
        return "console/reconciliation";
    }

    @GetMapping("/console/operator/reconciliations/{runId}/state")
    String reconciliationState(@PathVariable UUID runId, Authentication person, Model model) {
        model.addAttribute("run", calls.call(person, call -> call.admin().reconciliation(runId, call.person())));
        return "console/reconciliation :: state";
    }

    /** The tool-sync service refused: its problem detail's title and detail (never data), and its status. */
    @ExceptionHandler(RestClientResponseException.class)
    ModelAndView refused(RestClientResponseException refused) {
        String detail =
                "The tool-sync service answered " + refused.getStatusCode().value() + ".";
        try {
            JsonNode problem = json.readTree(refused.getResponseBodyAsString());
            if (problem.hasNonNull("detail")) {
                detail = problem.get("detail").asText();
            }
        } catch (Exception unreadable) {
            // keep the status alone
        }
        HttpStatus status = HttpStatus.resolve(refused.getStatusCode().value());
        return ConsoleErrors.page(
                status == null ? HttpStatus.BAD_GATEWAY : status, "Refused by the tool-sync service", detail);
    }

    @ExceptionHandler(ResourceAccessException.class)
    ModelAndView unavailable() {
        return ConsoleErrors.page(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Tool-sync service unavailable",
                "The tool-sync service did not answer in time.");
    }

    @ExceptionHandler(OperatorCalls.NotConfigured.class)
    ModelAndView notConfigured(OperatorCalls.NotConfigured missing) {
        return ConsoleErrors.page(HttpStatus.SERVICE_UNAVAILABLE, "Not configured", missing.getMessage());
    }

    @ExceptionHandler(UserRejected.class)
    ModelAndView noSnapshotRun(UserRejected rejected) {
        return ConsoleErrors.page(HttpStatus.CONFLICT, "Refused", rejected.getMessage());
    }

    private void processorRows(Authentication person, Model model) {
        model.addAttribute("processors", calls.call(person, call -> call.admin().processors(call.person())));
        Instant now = clock.instant();
        Map<String, LagChart> charts = new HashMap<>();
        for (ProjectionAdmin.LagSeries series :
                calls.call(person, call -> call.admin().lagHistory(call.person()))) {
            charts.put(series.tool(), LagChart.of(series.tool(), series.samples(), now));
        }
        model.addAttribute("lagCharts", charts);
    }

    private void progress(String tool, Authentication person, HttpSession session, Model model) {
        ProjectionAdmin.Processor processor =
                calls.call(person, call -> call.admin().processor(tool(tool), call.person()));
        ReplayProgress.Start start = replays(session).getOrDefault(tool, new ReplayProgress.Start(clock.instant(), -1));
        model.addAttribute("processor", processor);
        model.addAttribute(
                "progress",
                ReplayProgress.of(
                        start,
                        processor.position(),
                        processor.headPosition(),
                        processor.caughtUp() && !processor.replaying(),
                        clock.instant()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ReplayProgress.Start> replays(HttpSession session) {
        Object replays = session.getAttribute(REPLAYS);
        if (replays == null) {
            replays = new HashMap<String, ReplayProgress.Start>();
            session.setAttribute(REPLAYS, replays);
        }
        return (Map<String, ReplayProgress.Start>) replays;
    }

    private static String tool(String tool) {
        if (!TOOL.matcher(tool).matches()) {
            throw new ConsoleNotFound("No tool has this name.");
        }
        return tool;
    }

    /** The form's local date and time, read as UTC (the page says so). */
    private static Instant instant(String at) {
        try {
            return LocalDateTime.parse(at == null ? "" : at).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException malformed) {
            throw new ConsoleNotFound("Give the point in time as a date and time.");
        }
    }
}
