package com.example.usersync.command.audit;

import com.example.usersync.platform.accesslog.AccessLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import java.util.List;
import java.util.UUID;

/**
 * The tool-sync service's reads for auditors, as the AUDITOR account of
 * {@code user-sync.projection-service} reading for the person named in {@code X-On-Behalf-Of}: one
 * tool's copy of a user, whose shape is the tool's own (the export and the console quote it as it
 * comes), and that service's access log.
 */
@HttpExchange
public interface ToolCopies {

    /** 404 when the tool holds nothing of the user. */
    @GetExchange("/api/tools/{tool}/users/{id}")
    ResponseEntity<JsonNode> copyOf(
            @PathVariable String tool, @PathVariable UUID id, @RequestHeader(AccessLog.ON_BEHALF_OF) String onBehalfOf);

    /** Who read whose data through the tool-sync service, newest first; the next page is in {@code Link}. */
    @GetExchange("/api/access-log")
    ResponseEntity<List<AccessLog.Entry>> accessLog(
            @RequestParam(required = false) @Nullable UUID userId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestHeader(AccessLog.ON_BEHALF_OF) String onBehalfOf);
}
