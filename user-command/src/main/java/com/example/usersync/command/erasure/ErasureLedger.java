package com.example.usersync.command.erasure;

import com.example.usersync.events.MetadataKeys;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserErasureConfirmed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps the erasure ledger in the transaction of the events it records, and journals each deletion
 * in the erasure journal before that transaction commits (the journal's own, immediate commit).
 */
@Component
@ProcessingGroup("erasure-ledger")
class ErasureLedger {

    private final ErasureRequests requests;
    private final ErasureConfirmations confirmations;
    private final ErasureJournal journal;
    private final ErasureMetrics metrics;

    ErasureLedger(
            ErasureRequests requests,
            ErasureConfirmations confirmations,
            ErasureJournal journal,
            ErasureMetrics metrics) {
        this.requests = requests;
        this.confirmations = confirmations;
        this.journal = journal;
        this.metrics = metrics;
    }

    @EventHandler
    void on(
            UserDeleted event,
            @MessageIdentifier String eventId,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        journal.record(
                new ErasureJournal.Entry(event.userId(), eventId, at, event.reason(), event.requestedBy(), actor));
        requests.save(new ErasureRequest(event.userId(), eventId, at, event.reason(), event.requestedBy(), actor));
    }

    @EventHandler
    void on(UserErasureConfirmed event, @Timestamp Instant at) {
        confirmations.save(new ErasureConfirmation(event.userId(), event.tool(), event.receivedAt(), at));
        metrics.confirmed(event.userId(), event.tool(), at);
    }
}
