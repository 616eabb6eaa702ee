package com.example.usersync.system;

import java.util.UUID;

class HungUserServiceH2Test extends HungUserServiceTest {

    @Override
    String[] toolsDatabase() {
        return new String[]{"jdbc:h2:mem:hung-tools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""};
    }
}
