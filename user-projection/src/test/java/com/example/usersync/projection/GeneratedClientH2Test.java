package com.example.usersync.projection;

import java.util.UUID;

class GeneratedClientH2Test extends GeneratedClientEndToEndTest {

    private final String name = UUID.randomUUID().toString().substring(0, 8);

    @Override
    SyncSystem.Databases databases() {
        return new SyncSystem.Databases(
                "jdbc:h2:mem:events-" + name + ";DB_CLOSE_DELAY=-1",
                "jdbc:h2:mem:tools-" + name + ";DB_CLOSE_DELAY=-1",
                "sa", "");
    }
}
