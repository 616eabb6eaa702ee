package com.example.usersync.command.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** The email address a user holds, as its keyed hash ({@link EmailLookup}); the unique key backs the uniqueness rule. */
@Entity
@Table(name = "user_email")
class EmailClaim extends StoredByPersist {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Override
    public UUID getId() {
        return userId;
    }

    @Column(name = "email_key")
    private String emailKey;

    protected EmailClaim() {}

    EmailClaim(UUID userId, String emailKey) {
        this.userId = userId;
        this.emailKey = emailKey;
    }

    UUID userId() {
        return userId;
    }

    void emailKey(String emailKey) {
        this.emailKey = emailKey;
    }
}
