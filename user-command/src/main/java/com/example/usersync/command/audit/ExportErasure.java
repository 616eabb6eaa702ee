package com.example.usersync.command.audit;

import com.example.usersync.events.user.UserDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * An erasure deletes the user's exports in the transaction that appends the deletion (the
 * directory's subscribing processing group), next to the destruction of the key they are
 * encrypted with. A re-applied erasure (after a restore) appends a deletion too.
 */
@Component
@ProcessingGroup("user-directory")
class ExportErasure {

    private final ExportJobs jobs;

    ExportErasure(ExportJobs jobs) {
        this.jobs = jobs;
    }

    @EventHandler
    void on(UserDeleted event) {
        jobs.forget(event.userId());
    }
}
