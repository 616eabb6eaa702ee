package com.example.usersync.projection;

import com.example.usersync.testing.PostgresTestDatabase;

class HungUserServicePostgresTest extends HungUserServiceTest {

    PostgresTestDatabase database;

    @Override
    String[] toolsDatabase() {
        database = PostgresTestDatabase.createOrSkip("hung_tools");
        return new String[]{database.jdbcUrl(), database.username(), database.password()};
    }

    @Override
    void dropToolsDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
