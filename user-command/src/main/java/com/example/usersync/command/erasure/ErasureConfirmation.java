package com.example.usersync.command.erasure;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "erasure_confirmation")
class ErasureConfirmation {

    @Embeddable
    record Key(
            @Column(name = "user_id") UUID userId,
            @Column(name = "tool") String tool) implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "erased_at")
    private Instant erasedAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    protected ErasureConfirmation() {}

    ErasureConfirmation(UUID userId, String tool, Instant erasedAt, Instant confirmedAt) {
        this.key = new Key(userId, tool);
        this.erasedAt = erasedAt;
        this.confirmedAt = confirmedAt;
    }

    UUID userId() {
        return key.userId();
    }

    String tool() {
        return key.tool();
    }

    Instant erasedAt() {
        return erasedAt;
    }

    Instant confirmedAt() {
        return confirmedAt;
    }
}
