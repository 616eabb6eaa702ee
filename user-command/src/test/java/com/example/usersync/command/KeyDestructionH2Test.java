package com.example.usersync.command;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:key-destruction-e2e;DB_CLOSE_DELAY=-1")
class KeyDestructionH2Test extends KeyDestructionEndToEndTest {
}
