package com.example.usersync.system;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SmokeOnly.class)
class GeneratedClientH2Test extends GeneratedClientEndToEndTest {

    private final SyncSystem.Databases databases = SyncSystem.Databases.inMemoryH2();

    @Override
    SyncSystem.Databases databases() {
        return databases;
    }
}
