package com.example.usersync.command;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

/** The same properties as {@link UserServiceH2Test}: the two share one application context. */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-e2e;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-e2e-journal;DB_CLOSE_DELAY=-1"
        })
@ExtendWith(SmokeOnly.class)
class BoundedReadsH2Test extends BoundedReadsTest {}
