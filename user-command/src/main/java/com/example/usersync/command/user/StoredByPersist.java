package com.example.usersync.command.user;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

import java.util.UUID;

/**
 * An entity keyed by the user's id, which is assigned, not generated: Spring Data would take a new one
 * for a detached one and merge it (a select before the insert). This one knows it is new until it was
 * stored or loaded, so saving a new one is a single insert.
 */
@MappedSuperclass
abstract class StoredByPersist implements Persistable<UUID> {

    @Transient
    private boolean stored;

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        stored = true;
    }
}
