package com.example.usersync.command.erasure;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "erasure_request")
class ErasureRequest {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "deletion_event_id")
    private String deletionEventId;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Enumerated(EnumType.STRING)
    private ErasureReason reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "requested_by")
    private ErasureRequester requestedBy;

    private String actor;

    protected ErasureRequest() {}

    ErasureRequest(
            UUID userId,
            String deletionEventId,
            Instant requestedAt,
            ErasureReason reason,
            ErasureRequester requestedBy,
            String actor) {
        this.userId = userId;
        this.deletionEventId = deletionEventId;
        this.requestedAt = requestedAt;
        this.reason = reason;
        this.requestedBy = requestedBy;
        this.actor = actor;
    }

    UUID userId() {
        return userId;
    }

    String deletionEventId() {
        return deletionEventId;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    ErasureReason reason() {
        return reason;
    }

    ErasureRequester requestedBy() {
        return requestedBy;
    }

    String actor() {
        return actor;
    }
}
