package com.example.usersync.command.console;

import com.example.usersync.command.audit.EventLog;
import com.example.usersync.command.audit.EventLogEntry;
import com.example.usersync.command.user.UserDirectory;
import com.example.usersync.command.user.UserView;
import com.example.usersync.platform.accesslog.AccessLog;
import com.example.usersync.platform.security.CurrentActor;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The auditor's pages of one user: the current state beside every tool's copy, and the event
 * timeline. Each read of personal data is recorded in the access log as the API records it.
 */
@Controller
class UserPageController {

    private final UserDirectory directory;
    private final EventLog eventLog;
    private final ToolCopyReader toolCopies;
    private final AccessLog accessLog;
    private final CurrentActor actor;
    private final ObjectMapper json;

    UserPageController(
            UserDirectory directory,
            EventLog eventLog,
            ToolCopyReader toolCopies,
            AccessLog accessLog,
            CurrentActor actor,
            ObjectMapper json) {
        this.directory = directory;
        this.eventLog = eventLog;
        this.toolCopies = toolCopies;
        this.accessLog = accessLog;
        this.actor = actor;
        this.json = json;
    }

    @GetMapping("/console/users/{id}")
    String user(@PathVariable UUID id, Authentication person, Model model) {
        UserDirectory.Presence presence = directory.presence(id);
        if (presence == UserDirectory.Presence.UNKNOWN) {
            throw new ConsoleNotFound("No user has this id.");
        }
        Optional<UserView> current = directory.current(id);
        current.ifPresent(user -> accessLog.record(id, "user"));
        model.addAttribute("userId", id);
        model.addAttribute("user", current.orElse(null));
        model.addAttribute("erased", presence == UserDirectory.Presence.ERASED);
        model.addAttribute("copies", toolCopies.copiesOf(id, actor.idOf(person)));
        model.addAttribute("mayEdit", ConsoleSection.USER_ADMIN_SECTION.allows(person));
        return "console/user";
    }

    @GetMapping("/console/users/{id}/timeline")
    String timeline(@PathVariable UUID id, Model model) {
        List<EventLogEntry> history = eventLog.historyOf(id);
        accessLog.record(id, "events");
        model.addAttribute("userId", id);
        model.addAttribute("rows", Timeline.of(history, json));
        return "console/timeline";
    }

    /** Everything of this user's history that one request (its correlation id) started. */
    @GetMapping("/console/users/{id}/correlations/{correlationId}")
    String correlation(@PathVariable UUID id, @PathVariable String correlationId, Model model) {
        List<EventLogEntry> history = eventLog.historyOf(id);
        accessLog.record(id, "events");
        model.addAttribute("userId", id);
        model.addAttribute("correlationId", correlationId);
        model.addAttribute(
                "rows",
                Timeline.of(history, json).stream()
                        .filter(row -> correlationId.equals(row.correlationId()))
                        .toList());
        return "console/correlation";
    }
}
