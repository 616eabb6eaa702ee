package com.example.usersync.events.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Subject keys in the {@code subject_key} table of the event store database: each an AES-256-GCM
 * Tink keyset, stored encrypted with the master key and bound to its subject id. Destroying a key
 * nulls it and keeps the row as a tombstone. Unwrapped keys are cached briefly in a
 * {@link SubjectKeyCache}: a destroy here takes effect for this process's readers when it commits,
 * other processes stop using the key at most the cache's expiry (at most 1 s) later.
 */
public final class JdbcSubjectKeys implements SubjectKeys {

    private final ConnectionProvider connections;
    private final Aead masterKey;
    private final boolean mayCreate;
    private final Clock clock = Clock.systemUTC();
    private final SubjectKeyCache cache;
    private final SubjectTombstones tombstones;

    /**
     * @param mayCreate false for readers (the projection service): they never create keys
     * @param cacheTtl  how long an unwrapped key may be used after it was read, 0 to 1 s
     */
    public JdbcSubjectKeys(ConnectionProvider connections, Aead masterKey, boolean mayCreate, Duration cacheTtl) {
        this(connections, masterKey, mayCreate, new SubjectKeyCache(cacheTtl, SubjectKeyCache.DEFAULT_MAXIMUM_SIZE));
    }

    /**
     * @param mayCreate false for readers (the projection service): they never create keys
     */
    public JdbcSubjectKeys(ConnectionProvider connections, Aead masterKey, boolean mayCreate, SubjectKeyCache cache) {
        this(connections, masterKey, mayCreate, cache, SubjectTombstones.NONE);
    }

    /**
     * @param tombstones destroyed keys recorded outside this database: a key they name is never
     *                   used or created, even when a restored {@code subject_key} table still holds it
     */
    public JdbcSubjectKeys(
            ConnectionProvider connections,
            Aead masterKey,
            boolean mayCreate,
            SubjectKeyCache cache,
            SubjectTombstones tombstones) {
        this.tombstones = tombstones;
        this.connections = connections;
        this.masterKey = masterKey;
        this.mayCreate = mayCreate;
        this.cache = cache;
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Aead> find(String subject) {
        Optional<Aead> cached = cache.get(subject);
        if (cached.isPresent()) {
            return cached;
        }
        SubjectKeyCache.Load load = cache.startLoad();
        Optional<Aead> key = read(subject);
        if (key.isEmpty() || cache.remember(subject, load, key.get())) {
            return key;
        }
        // A destroy ran here while we read: what we hold may be the key it destroyed. Ask again, uncached.
        return read(subject);
    }

    private Optional<Aead> read(String subject) {
        return withConnection(connection -> load(connection, subject))
                .filter(wrapped -> !tombstones.isTombstoned(subject))
                .map(wrapped -> unwrap(subject, wrapped));
    }

    @Override
    public Aead findOrCreate(String subject) {
        Optional<Aead> existing = find(subject);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!mayCreate) {
            throw new SubjectErased(subject);
        }
        return withConnection(connection -> {
            if (tombstoned(connection, subject) || tombstones.isTombstoned(subject)) {
                throw new SubjectErased(subject);
            }
            SubjectKeyCache.Load load = cache.startLoad();
            try {
                KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                byte[] wrapped =
                        TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKey, associatedData(subject));
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO subject_key (subject_id, wrapped_key, created_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, subject);
                    insert.setBytes(2, wrapped);
                    insert.setTimestamp(3, Timestamp.from(clock.instant()));
                    insert.executeUpdate();
                }
                Aead created = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
                cache.remember(subject, load, created);
                return created;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not create a subject key", e);
            }
        });
    }

    /**
     * Forgets the cached key before the update, so that this transaction's own reads go to the
     * database and see the tombstone, and again after it. Inside a unit of work (the deletion's
     * command) it forgets once more after the commit: a concurrent read outside the transaction still
     * sees the committed key until then and may cache it, and that last forget removes it and keeps
     * any such load from caching, before the command's caller gets its answer. A rolled-back
     * deletion leaves nothing behind: forgetting only drops a cache entry, reads go to the database,
     * and the database still holds the key. Outside a unit of work the destruction is in force for
     * this process's readers when this method returns only if the connection commits each statement;
     * a caller with its own transaction must destroy again after it commits.
     */
    @Override
    public void destroy(String subject) {
        cache.forget(subject);
        tombstones.tombstone(subject);
        withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE subject_key SET wrapped_key = NULL, destroyed_at = ? WHERE subject_id = ? AND destroyed_at IS NULL")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setString(2, subject);
                if (update.executeUpdate() == 0 && !tombstoned(connection, subject)) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO subject_key (subject_id, wrapped_key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)")) {
                        insert.setString(1, subject);
                        insert.setTimestamp(2, Timestamp.from(clock.instant()));
                        insert.setTimestamp(3, Timestamp.from(clock.instant()));
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
        cache.forget(subject);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> cache.forget(subject));
        }
    }

    /** The subjects whose unwrapped keys this process holds right now. For checks and tests. */
    public java.util.Set<String> cachedSubjects() {
        return cache.subjects();
    }

    private Aead unwrap(String subject, byte[] wrapped) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, masterKey, associatedData(subject))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A subject key could not be unwrapped: wrong master key?", e);
        }
    }

    private static Optional<byte[]> load(Connection connection, String subject) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT wrapped_key FROM subject_key WHERE subject_id = ?")) {
            select.setString(1, subject);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static boolean tombstoned(Connection connection, String subject) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM subject_key WHERE subject_id = ? AND destroyed_at IS NOT NULL")) {
            select.setString(1, subject);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private static byte[] associatedData(String subject) {
        return ("subject-key:" + subject).getBytes(StandardCharsets.UTF_8);
    }

    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        try (Connection connection = connections.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Subject key store unavailable", e);
        }
    }
}
