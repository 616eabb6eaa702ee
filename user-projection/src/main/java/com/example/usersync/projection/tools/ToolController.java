package com.example.usersync.projection.tools;

import com.example.usersync.platform.web.ProblemType;
import com.example.usersync.projection.AccessLog;
import com.example.usersync.projection.ApiProblem;
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
class ToolController {

    record Page(String tool, int page, int size, long total, List<?> items) {
    }

    private final ToolRegistry tools;
    private final AccessLog accessLog;

    ToolController(ToolRegistry tools, AccessLog accessLog) {
        this.tools = tools;
        this.accessLog = accessLog;
    }

    @GetMapping
    List<String> tools() {
        return tools.names();
    }

    @GetMapping("/{tool}/users/{id}")
    Object user(@PathVariable String tool, @PathVariable UUID id) {
        ToolProjection<?> projection = tool(tool);
        accessLog.record(id, "tool:" + projection.name());
        return projection.find(id).orElseThrow(() -> new ApiProblem(ProblemType.UNKNOWN_USER,
                "Tool " + tool + " holds no data about user " + id + "."));
    }

    /** Each user the page returns is recorded in the access log, so the read shows in that person's log. */
    @GetMapping("/{tool}/users")
    Page users(@PathVariable String tool,
               @RequestParam(defaultValue = "0") @Min(0) int page,
               @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        ToolProjection<?> projection = tool(tool);
        ToolProjection.Rows<?> rows = projection.page(page, size);
        accessLog.recordAll(rows.subjects(), "tool:" + projection.name() + ":list");
        return new Page(tool, page, size, projection.count(), rows.items());
    }

    private ToolProjection<?> tool(String name) {
        return tools.tool(name).orElseThrow(() -> new ApiProblem(ProblemType.UNKNOWN_TOOL, "There is no tool named '" + name + "'."));
    }
}
