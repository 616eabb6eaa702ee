package com.example.usersync.projection.tools;

import com.example.usersync.platform.accesslog.AccessLog;
import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.web.ApiProblem;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Each tool's copy of user data, as the tool sees it. */
@RestController
@Validated
@RequestMapping(path = "/api/tools", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Tools",
        description =
                "What each tool holds about users, as the tool sees it. Every read is recorded in the access log.")
class ToolController {

    /** A row's columns are the tool's own: only userId and version are common to every tool. */
    static final String ROW =
            "One user as the tool holds it: `userId` and `version` (the user version it reflects), then the "
                    + "tool's own columns (e.g. mailing: `email`, `displayName`, `locale`; billing: `plan`, `status`, `invoiceEmail`; "
                    + "analytics: `plan`, `language`, `toolCount`).";

    static final String ROW_EXAMPLE = "{\"userId\":\"3f2b8c1e-6f0a-4c59-9b7e-2a4d8e1f0c35\",\"version\":3,"
            + "\"email\":\"jane.doe@example.com\",\"displayName\":\"Jane Doe\",\"locale\":\"fr-CH\"}";
    static final String ON_BEHALF_OF =
            "Only from a delegate service account (`user-sync.access-log.delegates`): the person it "
                    + "reads for, recorded as the reader in the access log. At most 100 printable characters (refused otherwise, from anyone); "
                    + "ignored from anyone else.";

    @Schema(name = "ToolUserPage", description = "One page of a tool's users, by user id.")
    record Page(
            @Schema(example = "mailing") String tool,

            @Schema(description = "The page number, from 0.", example = "0")
            int page,

            @Schema(example = "50") int size,

            @Schema(description = "Users the tool holds.", example = "1")
            long total,

            @ArraySchema(
                    schema =
                            @Schema(
                                    type = "object",
                                    description = ROW,
                                    example = ROW_EXAMPLE,
                                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE))
            List<?> items) {}

    private final ToolRegistry tools;
    private final AllTools allTools;
    private final AccessLog accessLog;

    ToolController(ToolRegistry tools, AllTools allTools, AccessLog accessLog) {
        this.tools = tools;
        this.allTools = allTools;
        this.accessLog = accessLog;
    }

    @GetMapping
    @Operation(
            operationId = "listTools",
            summary = "List the tools",
            description = "The names of the tools kept in sync: those that keep their copy here, then the external "
                    + "ones (published to the broker, their copy in their own store). Every one of them must confirm "
                    + "each erasure.")
    @ApiResponse(
            responseCode = "200",
            description = "The tools' names.",
            content = @Content(array = @ArraySchema(schema = @Schema(type = "string", example = "mailing"))))
    List<String> tools() {
        return allTools.names();
    }

    @GetMapping("/{tool}/users/{id}")
    @Operation(
            operationId = "getToolUser",
            summary = "Get what a tool holds about a user",
            description = "Recorded in the access log. An external tool's copy is in its own store: `external-tool`.",
            parameters =
                    @Parameter(
                            in = ParameterIn.HEADER,
                            name = AccessLog.ON_BEHALF_OF,
                            description = ON_BEHALF_OF,
                            example = "auditor-7",
                            schema = @Schema(type = "string", maxLength = 100)))
    @ApiResponse(
            responseCode = "200",
            description = "The tool's row of the user.",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            type = "object",
                                            description = ROW,
                                            example = ROW_EXAMPLE,
                                            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)))
    @Refusals({
        ProblemType.UNKNOWN_TOOL,
        ProblemType.EXTERNAL_TOOL,
        ProblemType.UNKNOWN_USER,
        ProblemType.INVALID_ON_BEHALF_OF
    })
    Object user(
            @PathVariable @Parameter(description = "The tool's name.", example = "mailing") String tool,
            @PathVariable @Parameter(description = "The user's id.") UUID id) {
        AccessLog.checkedOnBehalfOf();
        ToolProjection<?> projection = tool(tool);
        accessLog.record(id, "tool:" + projection.name());
        return projection
                .table()
                .find(id)
                .orElseThrow(() -> new ApiProblem(
                        ProblemType.UNKNOWN_USER, "Tool " + tool + " holds no data about user " + id + "."));
    }

    /** Each user the page returns is recorded in the access log, so the read shows in that person's log. */
    @GetMapping("/{tool}/users")
    @Operation(
            operationId = "listToolUsers",
            summary = "List what a tool holds about its users",
            description = "By user id, page by page; each user returned is recorded in the access log.",
            parameters =
                    @Parameter(
                            in = ParameterIn.HEADER,
                            name = AccessLog.ON_BEHALF_OF,
                            description = ON_BEHALF_OF,
                            example = "auditor-7",
                            schema = @Schema(type = "string", maxLength = 100)))
    @ApiResponse(responseCode = "200", description = "One page of the tool's users.")
    @Refusals({ProblemType.UNKNOWN_TOOL, ProblemType.EXTERNAL_TOOL, ProblemType.INVALID_ON_BEHALF_OF})
    Page users(
            @PathVariable @Parameter(description = "The tool's name.", example = "mailing") String tool,
            @RequestParam(defaultValue = "0") @Min(0) @Parameter(description = "The page number, from 0.") int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) @Parameter(description = "Users per page.") int size) {
        AccessLog.checkedOnBehalfOf();
        ToolProjection<?> projection = tool(tool);
        ToolTable.Rows<?> rows = projection.table().page(page, size);
        accessLog.recordAll(rows.subjects(), "tool:" + projection.name() + ":list");
        return new Page(tool, page, size, projection.table().count(), rows.items());
    }

    private ToolProjection<?> tool(String name) {
        return tools.tool(name)
                .orElseThrow(() -> allTools.contains(name)
                        ? new ApiProblem(
                                ProblemType.EXTERNAL_TOOL,
                                "Tool " + name
                                        + " is external: its copy of users is in its own store, not in this service.")
                        : new ApiProblem(ProblemType.UNKNOWN_TOOL, "There is no tool named '" + name + "'."));
    }
}
