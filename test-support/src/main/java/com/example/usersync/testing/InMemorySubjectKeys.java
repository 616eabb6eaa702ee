package com.example.usersync.testing;

import com.example.usersync.events.privacy.SubjectErased;
import com.example.usersync.events.privacy.SubjectKeys;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Subject keys in memory, for slice and unit tests that need real encryption without a database. */
public final class InMemorySubjectKeys implements SubjectKeys {

    private final Map<String, Aead> keys = new ConcurrentHashMap<>();
    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<Aead> find(String subject) {
        return Optional.ofNullable(keys.get(subject));
    }

    @Override
    public Aead findOrCreate(String subject) {
        if (destroyed.contains(subject)) {
            throw new SubjectErased(subject);
        }
        return keys.computeIfAbsent(subject, s -> {
            try {
                AeadConfig.register();
                return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                        .getPrimitive(RegistryConfiguration.get(), Aead.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void destroy(String subject) {
        destroyed.add(subject);
        keys.remove(subject);
    }
}
