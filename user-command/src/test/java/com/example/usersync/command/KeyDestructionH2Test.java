package com.example.usersync.command;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:key-destruction-e2e;DB_CLOSE_DELAY=-1")
@ExtendWith(SmokeOnly.class)
class KeyDestructionH2Test extends KeyDestructionEndToEndTest {}
