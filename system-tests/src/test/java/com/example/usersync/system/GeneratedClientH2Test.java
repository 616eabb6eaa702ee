package com.example.usersync.system;

class GeneratedClientH2Test extends GeneratedClientEndToEndTest {

    private final SyncSystem.Databases databases = SyncSystem.Databases.inMemoryH2();

    @Override
    SyncSystem.Databases databases() {
        return databases;
    }
}
