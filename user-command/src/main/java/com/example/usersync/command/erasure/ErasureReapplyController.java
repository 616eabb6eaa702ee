package com.example.usersync.command.erasure;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators re-apply the journaled erasures at once, e.g. right after restoring the event store. */
@RestController
@RequestMapping(path = "/api/admin/erasures", produces = MediaType.APPLICATION_JSON_VALUE)
class ErasureReapplyController {

    private final ErasureReapplication reapplication;

    ErasureReapplyController(ErasureReapplication reapplication) {
        this.reapplication = reapplication;
    }

    @PostMapping("/reapply")
    ErasureReapplication.Report reapply() {
        return reapplication.reapply();
    }
}
