package com.example.usersync.command;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-command-battery;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:user-command-battery-journal;DB_CLOSE_DELAY=-1"
        })
@ExtendWith(SmokeOnly.class)
class BadInputBatteryH2Test extends BadInputBatteryTest {}
