package com.example.usersync.events.privacy;

import com.google.crypto.tink.Aead;

import java.util.Optional;

/** Per-subject data keys (crypto-shredding): destroy a subject's key and its data is unreadable everywhere. */
public interface SubjectKeys {

    /** The subject's key; empty when it never existed or was destroyed. */
    Optional<Aead> find(String subject);

    /**
     * The subject's key, created when missing.
     *
     * @throws SubjectErased when the key was destroyed: a tombstone stops it from ever being recreated
     */
    Aead findOrCreate(String subject);

    /** Destroys the key and leaves a tombstone. Idempotent. */
    void destroy(String subject);
}
