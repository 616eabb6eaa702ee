package com.example.usersync.projection.reconciliation;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/api/admin/reconciliations", produces = MediaType.APPLICATION_JSON_VALUE)
class ReconciliationController {

    /** @param tool one tool, or null for every tool */
    record Request(String tool) {
    }

    private final Reconciler reconciler;

    ReconciliationController(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** Runs now and answers what was checked, found and fixed. */
    @PostMapping
    List<Reconciliation> run(@RequestBody(required = false) Request request) {
        return reconciler.reconcile(request == null ? null : request.tool());
    }

    @GetMapping
    List<Reconciliation> reports() {
        return reconciler.reports();
    }
}
