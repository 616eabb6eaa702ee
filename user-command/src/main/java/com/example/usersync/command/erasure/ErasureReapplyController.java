package com.example.usersync.command.erasure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators re-apply the journaled erasures at once, e.g. right after restoring the event store. */
@RestController
@RequestMapping(path = "/api/admin/erasures", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Erasures")
class ErasureReapplyController {

    private final ErasureReapplication reapplication;

    ErasureReapplyController(ErasureReapplication reapplication) {
        this.reapplication = reapplication;
    }

    @Operation(
            operationId = "reapplyErasures",
            summary = "Re-apply the journaled erasures now",
            description =
                    "Destroys again every key, and appends again every deletion, that the event store no longer holds "
                            + "although the erasure journal does: e.g. right after restoring the event store from a backup. Also runs "
                            + "on start and on a schedule; idempotent.")
    @ApiResponse(responseCode = "200", description = "What was checked and re-applied.")
    @PostMapping("/reapply")
    ErasureReapplication.Report reapply() {
        return reapplication.reapply();
    }
}
