package com.example.usersync.system;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SmokeOnly.class)
class ToolSyncH2Test extends ToolSyncEndToEndTest {

    private final SyncSystem.Databases databases = SyncSystem.Databases.inMemoryH2();

    @Override
    SyncSystem.Databases databases() {
        return databases;
    }
}
