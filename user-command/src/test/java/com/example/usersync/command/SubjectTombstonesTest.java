package com.example.usersync.command;

import com.example.usersync.events.privacy.JdbcSubjectKeys;
import com.example.usersync.events.privacy.MasterKey;
import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.privacy.SubjectErased;
import com.example.usersync.events.privacy.SubjectKeyCache;
import com.example.usersync.events.privacy.SubjectTombstones;
import com.google.crypto.tink.Aead;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key tombstones kept outside the event store (the erasure journal) win over a restored key table. */
class SubjectTombstonesTest {

    static final Aead MASTER = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
    final Set<String> journal = ConcurrentHashMap.newKeySet();
    final SubjectTombstones tombstones = new SubjectTombstones() {
        @Override
        public boolean isTombstoned(String subject) {
            return journal.contains(subject);
        }

        @Override
        public void tombstone(String subject) {
            journal.add(subject);
        }
    };
    JdbcTemplate db;
    JdbcSubjectKeys keys;

    @BeforeEach
    void keyTable() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:tombstones-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db = new JdbcTemplate(dataSource);
        db.execute("""
                CREATE TABLE subject_key (subject_id VARCHAR(36) PRIMARY KEY, wrapped_key BYTEA,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL, destroyed_at TIMESTAMP WITH TIME ZONE)""");
        keys = new JdbcSubjectKeys(
                dataSource::getConnection, MASTER, true, new SubjectKeyCache(Duration.ZERO, 1), tombstones);
    }

    @Test
    void destroyingAKeyRecordsItsTombstoneOutsideTheEventStore() {
        String subject = UUID.randomUUID().toString();
        keys.findOrCreate(subject);

        keys.destroy(subject);

        assertThat(journal).containsExactly(subject);
    }

    @Test
    void aKeyBroughtBackByARestoreIsNeitherUsedNorRecreated() {
        String subject = UUID.randomUUID().toString();
        keys.findOrCreate(subject);
        List<Map<String, Object>> backup = db.queryForList("SELECT * FROM subject_key");
        keys.destroy(subject);
        db.update("DELETE FROM subject_key");
        backup.forEach(row -> db.update(
                "INSERT INTO subject_key (subject_id, wrapped_key, created_at) VALUES (?, ?, ?)",
                row.get("SUBJECT_ID"),
                row.get("WRAPPED_KEY"),
                row.get("CREATED_AT")));

        assertThat(keys.find(subject)).isEmpty();
        assertThatThrownBy(() -> keys.findOrCreate(subject)).isInstanceOf(SubjectErased.class);
        assertThatThrownBy(() -> new PersonalDataCipher(keys).encrypt(subject, "ana@example.com"))
                .isInstanceOf(SubjectErased.class);
    }

    @Test
    void theCipherStoresTheCodecsFormAndReadsNullOnceTheKeyIsGone() {
        String subject = UUID.randomUUID().toString();
        PersonalDataCipher cipher = new PersonalDataCipher(keys);

        String stored = cipher.encrypt(subject, "Ana Müller");

        assertThat(stored).startsWith("pd:v1:" + subject + ":").doesNotContain("Ana");
        assertThat(cipher.decrypt(stored)).isEqualTo("Ana Müller");
        assertThat(cipher.encrypt(subject, null)).isNull();
        keys.destroy(subject);
        assertThat(cipher.decrypt(stored)).isNull();
    }
}
