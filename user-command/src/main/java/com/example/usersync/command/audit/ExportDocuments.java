package com.example.usersync.command.audit;

import com.example.usersync.command.tools.KnownTools;
import com.example.usersync.command.user.UserDirectory;
import com.example.usersync.command.user.UserView;
import com.example.usersync.logging.Redacted;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * GDPR Art. 15: everything the system holds about a person in one document — the current state,
 * the full history, and each tool's copy as the tool-sync service reports it.
 */
@Component
class ExportDocuments {

    /**
     * @param current       null once the user is erased
     * @param tools         per tool: what it holds, null when it holds nothing
     * @param toolsComplete false when a tool's copy could not be read; the export is then partial
     * @param externalTools the tools whose copy is in their own store, outside this system (null in {@code tools})
     */
    @Schema(name = "ExportDocument", description = "Everything the system holds about a person (GDPR Art. 15).")
    record Export(
            @Schema(example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
            UUID userId,

            Instant generatedAt,

            @Schema(description = "The user's current state; null once erased.") @Nullable
            UserView current,

            @Schema(description = "The user's complete history, oldest first.")
            List<EventLogEntry> history,

            @Schema(
                    description = "Per tool that must confirm erasures: its copy of the user.",
                    additionalPropertiesSchema = ToolCopy.class)
            Map<String, JsonNode> tools,

            @Schema(description = "False when a tool's copy could not be read: the export is then partial.")
            boolean toolsComplete,

            @Schema(
                    description = "External tools: they receive the user's data from the broker and keep it in their "
                            + "own store, which this system cannot read (null in `tools`); ask each tool's owner.",
                    example = "[\"helpdesk\"]")
            List<String> externalTools) {
        /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
        @Override
        public String toString() {
            return Redacted.toString(this, "tools");
        }
    }

    /** Documents a tool's copy as this service passes it on: the tool-sync service's answer, as it is. */
    @Schema(
            name = "ToolCopy",
            type = "object",
            nullable = true,
            description = "The tool's copy of the user, as the tool-sync "
                    + "service answers `GET /api/tools/{tool}/users/{id}`; null when the tool holds nothing of the user, or its copy "
                    + "could not be read (then `toolsComplete` is false).")
    private interface ToolCopy {}

    /**
     * The tool-sync service records each read of a tool's copy in its access log; the header names
     * the person who asked for the export, believed there from the account this service calls with
     * when that account is one of its {@code user-sync.access-log.delegates}.
     */
    static final String ON_BEHALF_OF = "X-On-Behalf-Of";

    private final UserDirectory directory;
    private final EventLog eventLog;
    private final ToolCopies projection;
    private final KnownTools tools;
    private final Clock clock;

    ExportDocuments(UserDirectory directory, EventLog eventLog, ToolCopies projection, KnownTools tools, Clock clock) {
        this.clock = clock;
        this.directory = directory;
        this.eventLog = eventLog;
        this.projection = projection;
        this.tools = tools;
    }

    /**
     * Reads everything; the caller records the access when the document reaches a person.
     *
     * @param requester the actor who asked, named to the tool-sync service as the reader of the tools' copies
     */
    Export build(UUID id, String requester) {
        List<EventLogEntry> history = eventLog.historyOf(id);
        Map<String, JsonNode> copies = new LinkedHashMap<>();
        List<String> external = new ArrayList<>();
        boolean complete = true;
        for (String tool : tools.names()) {
            try {
                copies.put(tool, copyOf(tool, id, requester));
            } catch (HttpClientErrorException.Conflict externalTool) {
                copies.put(tool, null);
                external.add(tool);
            } catch (RestClientException unavailable) {
                copies.put(tool, null);
                complete = false;
            }
        }
        return new Export(id, clock.instant(), directory.current(id).orElse(null), history, copies, complete, external);
    }

    /**
     * @return null when the tool holds nothing of the user
     * @throws HttpClientErrorException.Conflict for an external tool (problem {@code external-tool})
     */
    private JsonNode copyOf(String tool, UUID id, String requester) {
        ResponseEntity<JsonNode> response;
        try {
            response = projection.copyOf(tool, id, requester);
        } catch (HttpClientErrorException.NotFound nothing) {
            return null;
        }
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new RestClientException(
                    "Tool " + tool + " answered " + response.getStatusCode().value());
        }
        return response.getBody();
    }
}
