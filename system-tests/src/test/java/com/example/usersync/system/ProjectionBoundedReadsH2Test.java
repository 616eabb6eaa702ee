package com.example.usersync.system;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

@ExtendWith(SmokeOnly.class)
class ProjectionBoundedReadsH2Test extends ProjectionBoundedReadsTest {

    private final String name = UUID.randomUUID().toString().substring(0, 8);

    @Override
    SyncSystem.Databases databases() {
        return new SyncSystem.Databases(
                "jdbc:h2:mem:bounded-events-" + name + ";DB_CLOSE_DELAY=-1",
                "jdbc:h2:mem:bounded-tools-" + name + ";DB_CLOSE_DELAY=-1",
                "sa",
                "");
    }
}
