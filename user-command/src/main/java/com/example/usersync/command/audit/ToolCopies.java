package com.example.usersync.command.audit;

import com.example.usersync.platform.accesslog.AccessLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import java.util.UUID;

/**
 * The tool-sync service's read of one tool's copy of a user, as the AUDITOR account of
 * {@code user-sync.projection-service} reading for the person named in {@code X-On-Behalf-Of}. The
 * copy's shape is the tool's own, so the export and the console quote it as it comes.
 */
@HttpExchange("/api/tools")
public interface ToolCopies {

    /** 404 when the tool holds nothing of the user. */
    @GetExchange("/{tool}/users/{id}")
    ResponseEntity<JsonNode> copyOf(
            @PathVariable String tool, @PathVariable UUID id, @RequestHeader(AccessLog.ON_BEHALF_OF) String onBehalfOf);
}
