package com.example.usersync.command.console;

import com.example.usersync.command.audit.EventLog;
import com.example.usersync.command.audit.EventLogEntry;
import com.example.usersync.command.audit.ToolCopies;
import com.example.usersync.command.erasure.ErasureProofs;
import com.example.usersync.command.erasure.ErasureView;
import com.example.usersync.platform.accesslog.AccessLog;
import com.example.usersync.platform.security.CurrentActor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privacy office's pages: the erasure ledger (overdue, then pending, then complete), one
 * erasure's printable certificate, and the access logs of both services. All of it from the API's
 * own services.
 */
@Controller
class ErasurePagesController {

    /** Erasures the ledger page reads at most, oldest request first; beyond it the page says so. */
    static final int LEDGER_LIMIT = 1000;

    private static final int PAGE = 200;
    private static final Pattern NEXT_CURSOR = Pattern.compile("cursor=([^&>]+)");

    /** One confirmation on the certificate, with the {@code UserErasureConfirmed} event that recorded it. */
    record Confirmed(
            String tool, Instant confirmedAt, @Nullable String eventId) {}

    /** One service's page of its access log; its next page is asked for with {@code cursorParameter}. */
    record LogPage(
            String title,
            String cursorParameter,
            List<AccessLog.Entry> entries,
            @Nullable String nextCursor,
            boolean unavailable) {

        static LogPage of(String title, String cursorParameter, ResponseEntity<List<AccessLog.Entry>> page) {
            String link = page.getHeaders().getFirst(HttpHeaders.LINK);
            Matcher next = link == null ? null : NEXT_CURSOR.matcher(link);
            return new LogPage(
                    title,
                    cursorParameter,
                    page.getBody() == null ? List.of() : page.getBody(),
                    next != null && next.find() ? next.group(1) : null,
                    false);
        }
    }

    /** A ledger row; {@code timeToComplete} null while incomplete. */
    record LedgerRow(
            ErasureView erasure, String status, @Nullable Duration timeToComplete) {
        LedgerRow(ErasureView erasure, @Nullable Duration timeToComplete) {
            this(erasure, erasure.overdue() ? "overdue" : erasure.complete() ? "complete" : "pending", timeToComplete);
        }
    }

    private final ErasureProofs proofs;
    private final EventLog eventLog;
    private final AccessLog accessLog;
    private final ToolCopies toolSync;
    private final CurrentActor actor;
    private final ObjectMapper json;

    ErasurePagesController(
            ErasureProofs proofs,
            EventLog eventLog,
            AccessLog accessLog,
            ToolCopies toolSync,
            CurrentActor actor,
            ObjectMapper json) {
        this.proofs = proofs;
        this.eventLog = eventLog;
        this.accessLog = accessLog;
        this.toolSync = toolSync;
        this.actor = actor;
        this.json = json;
    }

    @GetMapping("/console/erasures")
    String ledger(Model model) {
        List<ErasureView> all = new ArrayList<>();
        Instant afterAt = null;
        UUID afterId = null;
        while (all.size() < LEDGER_LIMIT) {
            List<ErasureView> page = proofs.after(afterAt, afterId, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            afterAt = page.get(page.size() - 1).requestedAt();
            afterId = page.get(page.size() - 1).userId();
        }
        List<LedgerRow> rows = all.stream()
                .map(erasure -> new LedgerRow(erasure, timeToComplete(erasure)))
                .sorted(Comparator.comparingInt((LedgerRow row) -> rank(row.erasure()))
                        .thenComparing(row -> row.erasure().requestedAt(), Comparator.reverseOrder()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("truncated", all.size() >= LEDGER_LIMIT);
        return "console/erasures";
    }

    /** What was erased, when, by whom, and each tool's confirmation with its event id: printable. */
    @GetMapping("/console/erasures/{id}")
    String certificate(@PathVariable UUID id, Model model) {
        ErasureView erasure = proofs.of(id).orElseThrow(() -> new ConsoleNotFound("This user was never erased."));
        List<EventLogEntry> history = eventLog.historyOf(id);
        accessLog.record(id, "events");
        Map<String, String> confirmationEvents = new LinkedHashMap<>();
        for (EventLogEntry entry : history) {
            if (entry.type().equals("UserErasureConfirmed")) {
                JsonNode payload = json.valueToTree(entry.payload());
                confirmationEvents.putIfAbsent(payload.path("tool").asText(), entry.eventId());
            }
        }
        model.addAttribute("erasure", erasure);
        model.addAttribute("timeToComplete", timeToComplete(erasure));
        model.addAttribute(
                "confirmed",
                erasure.confirmations().stream()
                        .map(c -> new Confirmed(c.tool(), c.confirmedAt(), confirmationEvents.get(c.tool())))
                        .toList());
        return "console/certificate";
    }

    /**
     * Both services' access logs, newest first, each paged by its own cursor; {@code userId} narrows
     * them to one person (an id, never personal data). The tool-sync service's is read for the person
     * at the console, so that read is logged there too.
     */
    @GetMapping("/console/access-log")
    String accessLog(
            @RequestParam(required = false) UUID userId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String toolSyncCursor,
            Authentication person,
            Model model) {
        List<LogPage> logs = new ArrayList<>();
        logs.add(LogPage.of("User service", "cursor", accessLog.page(userId, cursor, 100, entry -> entry)));
        try {
            logs.add(LogPage.of(
                    "Tool-sync service",
                    "toolSyncCursor",
                    toolSync.accessLog(userId, toolSyncCursor, actor.idOf(person))));
        } catch (RestClientException unavailable) {
            logs.add(new LogPage("Tool-sync service", "toolSyncCursor", List.of(), null, true));
        }
        model.addAttribute("logs", logs);
        model.addAttribute("userId", userId);
        return "console/access-log";
    }

    private static int rank(ErasureView erasure) {
        return erasure.overdue() ? 0 : erasure.complete() ? 2 : 1;
    }

    private static Duration timeToComplete(ErasureView erasure) {
        return erasure.complete()
                ? erasure.confirmations().stream()
                        .map(ErasureView.Confirmation::confirmedAt)
                        .max(Comparator.naturalOrder())
                        .map(last -> Duration.between(erasure.requestedAt(), last))
                        .orElse(null)
                : null;
    }
}
