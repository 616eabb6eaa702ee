package com.example.usersync.system;

class NoPersonalDataInLogsH2Test extends NoPersonalDataInLogsTest {

    private final SyncSystem.Databases databases = SyncSystem.Databases.inMemoryH2();

    @Override
    SyncSystem.Databases databases() {
        return databases;
    }
}
