package com.example.usersync.command;

import com.example.usersync.events.privacy.JdbcSubjectKeys;
import com.example.usersync.events.privacy.MasterKey;
import com.example.usersync.events.privacy.SubjectErased;
import com.google.crypto.tink.Aead;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectKeysTest {

    static final Aead MASTER = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
    DriverManagerDataSource dataSource;
    JdbcSubjectKeys keys;

    @BeforeEach
    void keyTable() {
        dataSource = new DriverManagerDataSource("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new JdbcTemplate(dataSource).execute("""
                CREATE TABLE subject_key (subject_id VARCHAR(36) PRIMARY KEY, wrapped_key BYTEA,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL, destroyed_at TIMESTAMP WITH TIME ZONE)""");
        keys = new JdbcSubjectKeys(dataSource::getConnection, MASTER, true, Duration.ofSeconds(1));
    }

    @Test
    void aSubjectKeyIsStoredWrappedAndReadableByAnotherReader() throws Exception {
        String subject = UUID.randomUUID().toString();
        byte[] ciphertext = keys.findOrCreate(subject).encrypt("secret".getBytes(StandardCharsets.UTF_8), new byte[0]);

        JdbcSubjectKeys reader = new JdbcSubjectKeys(dataSource::getConnection, MASTER, false, Duration.ZERO);

        assertThat(new String(
                        reader.find(subject).orElseThrow().decrypt(ciphertext, new byte[0]), StandardCharsets.UTF_8))
                .isEqualTo("secret");
        byte[] stored =
                new JdbcTemplate(dataSource).queryForObject("SELECT wrapped_key FROM subject_key", byte[].class);
        assertThat(stored).isNotEmpty();
    }

    @Test
    void aDestroyedKeyIsGoneForEveryReaderAndCanNeverBeRecreated() {
        String subject = UUID.randomUUID().toString();
        keys.findOrCreate(subject);

        keys.destroy(subject);

        assertThat(keys.find(subject)).isEmpty();
        assertThat(new JdbcSubjectKeys(dataSource::getConnection, MASTER, false, Duration.ZERO).find(subject))
                .isEmpty();
        assertThatThrownBy(() -> keys.findOrCreate(subject)).isInstanceOf(SubjectErased.class);
        keys.destroy(subject);
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM subject_key", Integer.class))
                .isOne();
    }

    @Test
    void erasingASubjectThatNeverHadAKeyStillLeavesATombstone() {
        String subject = UUID.randomUUID().toString();

        keys.destroy(subject);

        assertThatThrownBy(() -> keys.findOrCreate(subject)).isInstanceOf(SubjectErased.class);
    }

    @Test
    void readersNeverCreateKeys() {
        JdbcSubjectKeys reader = new JdbcSubjectKeys(dataSource::getConnection, MASTER, false, Duration.ZERO);

        assertThatThrownBy(() -> reader.findOrCreate(UUID.randomUUID().toString()))
                .isInstanceOf(SubjectErased.class);
    }

    @Test
    void aWrongMasterKeyCannotUnwrapAnything() {
        String subject = UUID.randomUUID().toString();
        keys.findOrCreate(subject);
        byte[] other = new byte[32];
        other[0] = 1;

        JdbcSubjectKeys wrongMaster = new JdbcSubjectKeys(
                dataSource::getConnection,
                MasterKey.fromBase64(Base64.getEncoder().encodeToString(other)),
                false,
                Duration.ZERO);

        assertThatThrownBy(() -> wrongMaster.find(subject)).isInstanceOf(IllegalStateException.class);
    }
}
