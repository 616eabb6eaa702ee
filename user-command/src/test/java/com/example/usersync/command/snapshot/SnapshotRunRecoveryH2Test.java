package com.example.usersync.command.snapshot;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
            "spring.datasource.url=" + SnapshotRunRecoveryH2Test.URL,
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:snapshot-recovery-journal;DB_CLOSE_DELAY=-1"
        })
@ExtendWith(SmokeOnly.class)
class SnapshotRunRecoveryH2Test extends SnapshotRunRecoveryTest {

    static final String URL = "jdbc:h2:mem:snapshot-recovery;DB_CLOSE_DELAY=-1";

    @BeforeAll
    static void crashed() {
        crashLeftovers(URL, "sa", "");
    }
}
