package com.example.usersync.command.audit;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
            "spring.datasource.url=" + ExportJobsH2Test.URL,
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:export-jobs-journal;DB_CLOSE_DELAY=-1"
        })
@ExtendWith(SmokeOnly.class)
class ExportJobsH2Test extends ExportJobsTest {

    static final String URL = "jdbc:h2:mem:export-jobs;DB_CLOSE_DELAY=-1";

    @BeforeAll
    static void crashed() {
        crashLeftovers(URL, "sa", "");
    }
}
