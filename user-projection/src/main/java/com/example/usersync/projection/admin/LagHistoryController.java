package com.example.usersync.projection.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Processors")
class LagHistoryController {

    private final LagHistory history;

    LagHistoryController(LagHistory history) {
        this.history = history;
    }

    @GetMapping(path = "/api/admin/lag-history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getLagHistory",
            summary = "Each tool's lag over the last ten minutes",
            description = "Sampled every five seconds by the instance that answers, since it started; "
                    + "for the console's lag chart (Prometheus keeps the long history).")
    @ApiResponse(responseCode = "200", description = "One series per tool, oldest sample first.")
    List<LagHistory.Series> lagHistory() {
        return history.all();
    }
}
