package com.example.usersync.system;

import com.example.usersync.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class HungUserServicePostgresTest extends HungUserServiceTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("hung_tools");

    @Override
    String[] toolsDatabase() {
        return new String[] {database.jdbcUrl(), database.username(), database.password()};
    }
}
