package com.example.usersync.command.user;

import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.privacy.SubjectErased;
import com.example.usersync.logging.Redacted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Converts a directory written by an older version, which kept email and name in plaintext: the
 * personal fields are encrypted with the user's key and email claims become keyed hashes. Runs once
 * per start, before the web server takes requests; rows already converted are left alone, so it
 * is idempotent. A user whose key is already destroyed keeps no plaintext either: the fields are
 * cleared and the erasure journal's re-apply finishes the erasure.
 */
@Component
class DirectoryBackfill implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DirectoryBackfill.class);

    private record Claim(UUID userId, String emailKey) {
        /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
        @Override
        public String toString() {
            return Redacted.toString(this, "emailKey");
        }
    }

    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private final PersonalDataCipher cipher;
    private final EmailLookup lookup;

    DirectoryBackfill(JdbcClient jdbc, UserDirectory directory, PersonalDataCipher cipher, EmailLookup lookup) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.cipher = cipher;
        this.lookup = lookup;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int entries = encryptDirectory();
        int claims = hashEmailClaims();
        if (entries > 0 || claims > 0) {
            log.info(
                    "Backfill: encrypted {} directory entries and hashed {} email claims written in plaintext by an older version",
                    entries,
                    claims);
        }
    }

    int encryptDirectory() {
        var plain = directory.withPlaintext();
        for (UserDirectory.StoredFields row : plain) {
            String subject = row.userId().toString();
            String email;
            String displayName;
            try {
                email = PersonalDataCipher.isEncrypted(row.email())
                        ? row.email()
                        : cipher.encrypt(subject, row.email());
                displayName = PersonalDataCipher.isEncrypted(row.displayName())
                        ? row.displayName()
                        : cipher.encrypt(subject, row.displayName());
            } catch (SubjectErased erased) {
                email = null;
                displayName = null;
            }
            directory.storeFields(new UserDirectory.StoredFields(row.userId(), email, displayName));
        }
        return plain.size();
    }

    int hashEmailClaims() {
        var claims = jdbc
                .sql("SELECT user_id, email_key FROM user_email WHERE email_key LIKE '%@%'")
                .query(Claim.class)
                .list()
                .stream()
                .filter(claim -> !EmailLookup.isKey(claim.emailKey()))
                .toList();
        for (Claim claim : claims) {
            try {
                jdbc.sql("UPDATE user_email SET email_key = ? WHERE user_id = ?")
                        .params(lookup.keyOf(claim.emailKey()), claim.userId())
                        .update();
            } catch (DuplicateKeyException sameAddressTwice) {
                // Two old claims that differ only in Unicode normalization: the later one goes, as a
                // new registration with that address would have been refused. Ids only in the log.
                jdbc.sql("DELETE FROM user_email WHERE user_id = ?")
                        .param(claim.userId())
                        .update();
                log.warn("Backfill: dropped the duplicate email claim of user {}", claim.userId());
            }
        }
        return claims.size();
    }
}
