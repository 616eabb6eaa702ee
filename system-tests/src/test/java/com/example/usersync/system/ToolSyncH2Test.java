package com.example.usersync.system;

class ToolSyncH2Test extends ToolSyncEndToEndTest {

    private final SyncSystem.Databases databases = SyncSystem.Databases.inMemoryH2();

    @Override
    SyncSystem.Databases databases() {
        return databases;
    }
}
