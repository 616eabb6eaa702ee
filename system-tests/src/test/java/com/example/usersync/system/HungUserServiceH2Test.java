package com.example.usersync.system;

import com.example.usersync.testing.SmokeOnly;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

@ExtendWith(SmokeOnly.class)
class HungUserServiceH2Test extends HungUserServiceTest {

    @Override
    String[] toolsDatabase() {
        return new String[] {"jdbc:h2:mem:hung-tools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""};
    }
}
